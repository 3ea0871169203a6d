package io.networkvisualizer.source.simulator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.Timestamps;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.L7FlowType;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated flow boiled down to what the anomaly checks read, so that thirty simulated minutes fit in memory.
 * "Client" and "server" name the two ends by who opened the connection: a reply's source is the server.
 */
record Sample(
    long t,
    String srcPod,
    String dstPod,
    String srcWorkload,
    String dstWorkload,
    String srcIp,
    String dstIp,
    int protocol,
    int dstPort,
    boolean dropped,
    boolean reply,
    boolean dnsRequest,
    int httpCode,
    long bytes,
    String node) {

  static final long SECOND = 1_000_000_000L;
  static final long MINUTE = 60 * SECOND;

  static Sample of(Flow f) {
    return of(f, new IdentityHashMap<>());
  }

  /** {@code names} caches the endpoint names: the generator shares one endpoint message per pod. */
  static Sample of(Flow f, Map<Endpoint, String[]> names) {
    int protocol;
    int dport = 0;
    if (f.getL4().hasTCP()) {
      protocol = 6;
      dport = f.getL4().getTCP().getDestinationPort();
    } else if (f.getL4().hasUDP()) {
      protocol = 17;
      dport = f.getL4().getUDP().getDestinationPort();
    } else if (f.getL4().hasSCTP()) {
      protocol = 132;
      dport = f.getL4().getSCTP().getDestinationPort();
    } else if (f.getL4().hasICMPv4()) {
      protocol = 1;
    } else {
      protocol = 0;
    }
    String[] src = names.computeIfAbsent(f.getSource(), e -> new String[] {pod(e), workload(e)});
    String[] dst = names.computeIfAbsent(f.getDestination(), e -> new String[] {pod(e), workload(e)});
    long bytes = -1;
    // measured bytes matter for traffic leaving the cluster only; unpacking every Struct would dominate the test
    if (f.hasExtensions() && dst[1].equals("world")) {
      try {
        Struct s = f.getExtensions().unpack(Struct.class);
        bytes = (long) (s.getFieldsOrThrow("bytes").getNumberValue()
            + s.getFieldsOrThrow("previously_observed_bytes").getNumberValue());
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
    return new Sample(
        Timestamps.toNanos(f.getTime()),
        src[0],
        dst[0],
        src[1],
        dst[1],
        f.getIP().getSource(),
        f.getIP().getDestination(),
        protocol,
        dport,
        f.getVerdict() == Verdict.DROPPED,
        f.getIsReply().getValue(),
        f.getL7().hasDns() && f.getL7().getType() == L7FlowType.REQUEST,
        f.getL7().hasHttp() ? f.getL7().getHttp().getCode() : 0,
        bytes,
        f.getNodeName());
  }

  private static String pod(Endpoint e) {
    return e.getPodName().isEmpty() ? "" : e.getNamespace() + "/" + e.getPodName();
  }

  private static String workload(Endpoint e) {
    return e.getWorkloadsCount() == 0 ? "world" : e.getNamespace() + "/" + e.getWorkloads(0).getName();
  }

  /** {@code client->server} by pod (or outside address). */
  String podEdge() {
    return clientPod() + "->" + serverPod();
  }

  /** The pod (or outside address) that opened the connection. */
  String clientPod() {
    return reply ? orIp(dstPod, dstIp) : orIp(srcPod, srcIp);
  }

  String serverPod() {
    return reply ? orIp(srcPod, srcIp) : orIp(dstPod, dstIp);
  }

  String clientWorkload() {
    return reply ? dstWorkload : srcWorkload;
  }

  String serverWorkload() {
    return reply ? srcWorkload : dstWorkload;
  }

  /** Dropped, or an HTTP 5xx answer: what the spec's error rate counts. */
  boolean error() {
    return dropped || httpCode >= 500;
  }

  private static String orIp(String pod, String ip) {
    return pod.isEmpty() ? ip : pod;
  }

  /** Generates {@code [epoch, epoch + duration)} with the given options. */
  static List<Sample> generate(SimulatorOptions options, long epoch, long durationNanos) {
    TrafficGenerator g = new TrafficGenerator(options, epoch);
    List<Sample> out = new ArrayList<>();
    Map<Endpoint, String[]> names = new IdentityHashMap<>();
    g.generate(epoch, epoch + durationNanos, f -> out.add(of(f, names)));
    return out;
  }
}
