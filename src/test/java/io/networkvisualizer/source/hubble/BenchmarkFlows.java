package io.networkvisualizer.source.hubble;

import com.google.protobuf.BoolValue;
import com.google.protobuf.util.JsonFormat;
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Ethernet;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowType;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.IP;
import io.networkvisualizer.source.hubble.proto.flow.IPVersion;
import io.networkvisualizer.source.hubble.proto.flow.L7FlowType;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import io.networkvisualizer.source.hubble.proto.flow.TCP;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.flow.TrafficDirection;
import io.networkvisualizer.source.hubble.proto.flow.UDP;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Flows for the benchmarks: the real samples when {@code hubble.samples} names their folder, else built ones. */
final class BenchmarkFlows {
  private BenchmarkFlows() {}

  /** The real sample flows, or an empty list when the folder is absent. */
  static List<GetFlowsResponse> samples() {
    Path dir = Path.of(System.getProperty("hubble.samples", "../shared/fixtures/hubble"));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<GetFlowsResponse> responses = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            GetFlowsResponse.Builder response = GetFlowsResponse.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(line, response);
            if (response.hasFlow()) {
              responses.add(response.build());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return responses;
  }

  /**
   * {@code count} flows shaped like Cilium's (about 900 bytes each on the wire): 300 pods in 12 namespaces with
   * real-looking labels, TCP with flags, some UDP DNS, a share of L7 HTTP and DNS records. No times: callers set them.
   */
  @SuppressWarnings("deprecation") // Summary: Cilium still fills it, and it is part of a real flow's size
  static List<Flow> built(int count, long seed) {
    Random random = new Random(seed);
    List<Endpoint> pods = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String namespace = "team-" + (i % 12);
      String app = "service-" + (i % 60);
      pods.add(Endpoint.newBuilder()
          .setID(1000 + i)
          .setIdentity(20_000 + i % 60)
          .setClusterName("default")
          .setNamespace(namespace)
          .setPodName(app + "-7d4b9c6f5-" + Integer.toString(10_000 + i, 36))
          .addLabels("k8s:app=" + app)
          .addLabels("k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=" + namespace)
          .addLabels("k8s:io.cilium.k8s.policy.cluster=default")
          .addLabels("k8s:io.cilium.k8s.policy.serviceaccount=" + app)
          .addLabels("k8s:io.kubernetes.pod.namespace=" + namespace)
          .addLabels("k8s:version=v1")
          .addWorkloads(Workload.newBuilder().setName(app).setKind("Deployment"))
          .build());
    }
    List<Flow> flows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Endpoint src = pods.get(random.nextInt(pods.size()));
      Endpoint dst = pods.get(random.nextInt(pods.size()));
      boolean reply = random.nextInt(2) == 0;
      Flow.Builder flow = Flow.newBuilder()
          .setUuid(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)})
              .toString())
          .setVerdict(random.nextInt(50) == 0 ? Verdict.DROPPED : Verdict.FORWARDED)
          .setEthernet(Ethernet.newBuilder().setSource("46:e5:ea:1f:95:ff").setDestination("d6:ec:b0:4a:ff:46"))
          .setIP(IP.newBuilder().setSource("10.0." + (src.getID() % 250) + ".16")
              .setDestination("10.0." + (dst.getID() % 250) + ".1").setIpVersion(IPVersion.IPv4))
          .setSource(src)
          .setDestination(dst)
          .setNodeName("gke-cluster-default-pool-6114bb84-" + (i % 5))
          .setTrafficDirection(random.nextBoolean() ? TrafficDirection.INGRESS : TrafficDirection.EGRESS)
          .setTraceObservationPoint(TraceObservationPoint.TO_ENDPOINT)
          .setIsReply(BoolValue.of(reply))
          .setSummary("TCP Flags: ACK, PSH");
      int kind = random.nextInt(10);
      if (kind < 7) {
        flow.setType(FlowType.L3_L4).setL4(Layer4.newBuilder().setTCP(TCP.newBuilder()
            .setSourcePort(32_768 + random.nextInt(28_000)).setDestinationPort(8080)
            .setFlags(TCPFlags.newBuilder().setACK(true).setPSH(random.nextBoolean()))));
      } else if (kind < 9) {
        flow.setType(FlowType.L7).setL4(Layer4.newBuilder().setTCP(TCP.newBuilder()
                .setSourcePort(32_768 + random.nextInt(28_000)).setDestinationPort(8080)))
            .setL7(Layer7.newBuilder().setType(reply ? L7FlowType.RESPONSE : L7FlowType.REQUEST)
                .setLatencyNs(reply ? 1_000_000 + random.nextInt(50_000_000) : 0)
                .setHttp(HTTP.newBuilder().setMethod("GET").setCode(reply ? 200 : 0).setProtocol("HTTP/1.1")
                    .setUrl("http://" + dst.getWorkloads(0).getName() + ":8080/api/items/" + random.nextInt(1000))));
      } else {
        flow.setType(FlowType.L7).setL4(Layer4.newBuilder().setUDP(UDP.newBuilder()
                .setSourcePort(32_768 + random.nextInt(28_000)).setDestinationPort(53)))
            .setL7(Layer7.newBuilder().setType(reply ? L7FlowType.RESPONSE : L7FlowType.REQUEST)
                .setDns(DNS.newBuilder().setQuery(dst.getWorkloads(0).getName() + "." + dst.getNamespace()
                    + ".svc.cluster.local.").addQtypes("A").setObservationSource("proxy")));
      }
      flows.add(flow.build());
    }
    return flows;
  }
}
