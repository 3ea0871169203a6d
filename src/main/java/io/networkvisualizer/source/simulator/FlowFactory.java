package io.networkvisualizer.source.simulator;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.networkvisualizer.source.hubble.proto.flow.CiliumEventType;
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.DropReason;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowType;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.IPVersion;
import io.networkvisualizer.source.hubble.proto.flow.L7FlowType;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.flow.TraceReason;
import io.networkvisualizer.source.hubble.proto.flow.TrafficDirection;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import io.networkvisualizer.source.simulator.Cluster.Node;
import io.networkvisualizer.source.simulator.Cluster.Peer;
import java.util.List;

/**
 * Builds Hubble {@code flow.Flow} messages the way a Cilium agent reports them: a packet between two pods once at
 * each end (egress at the sender's node, ingress at the receiver's), L7 records once at the proxy, policy drops where
 * the policy sits; with uuid, summary, event type, observation point, and (when on) the packet size in Retina-style
 * {@code extensions}. One builder is reused for every flow; endpoints, flags and event types are shared messages.
 * Not thread-safe: one generator, one factory.
 */
// Summary, reply and drop_reason are deprecated in Hubble's proto, yet Hubble still fills them and clients read them.
@SuppressWarnings("deprecation")
final class FlowFactory {
  /** Receives each flow built, with its event time and the number of the node that reports it. */
  interface Sink {
    void emit(long timeNanos, int node, Flow flow);
  }

  static final int SYN = 1;
  static final int ACK = 2;
  static final int PSH = 4;
  static final int FIN = 8;
  static final int RST = 16;

  static final int TCP = 6;
  static final int UDP = 17;
  static final int SCTP = 132;
  static final int ICMP = 1;

  static final int ICMP_ECHO_REPLY = 0;
  static final int ICMP_ECHO_REQUEST = 8;

  /** Ethernet + IPv4 + TCP header with timestamps, the usual overhead of a TCP segment. */
  static final int TCP_HEADER = 66;
  static final int UDP_HEADER = 42;
  static final int SCTP_HEADER = 50;
  static final int MSS = 1448;

  private static final String STRUCT_TYPE_URL = "type.googleapis.com/google.protobuf.Struct";
  private static final TCPFlags[] FLAGS = new TCPFlags[32];
  private static final ByteString[] TCP_SUMMARY = new ByteString[32];
  private static final ByteString UDP_SUMMARY = ByteString.copyFromUtf8("UDP");
  private static final ByteString SCTP_SUMMARY = ByteString.copyFromUtf8("SCTP");
  private static final ByteString ECHO_REQUEST_SUMMARY = ByteString.copyFromUtf8("ICMPv4 EchoRequest");
  private static final ByteString ECHO_REPLY_SUMMARY = ByteString.copyFromUtf8("ICMPv4 EchoReply");
  private static final BoolValue TRUE = BoolValue.of(true);
  private static final BoolValue FALSE = BoolValue.of(false);
  private static final CiliumEventType[] TRACE_EVENT = new CiliumEventType[12];
  private static final CiliumEventType L7_EVENT = CiliumEventType.newBuilder().setType(129).build();
  private static final CiliumEventType DROP_POLICY_EVENT =
      CiliumEventType.newBuilder().setType(1).setSubType(DropReason.POLICY_DENIED_VALUE).build();

  static {
    for (int mask = 0; mask < 32; mask++) {
      FLAGS[mask] = TCPFlags.newBuilder()
          .setSYN((mask & SYN) != 0)
          .setACK((mask & ACK) != 0)
          .setPSH((mask & PSH) != 0)
          .setFIN((mask & FIN) != 0)
          .setRST((mask & RST) != 0)
          .build();
      StringBuilder s = new StringBuilder("TCP Flags:");
      String sep = " ";
      for (Object[] f : new Object[][] {{SYN, "SYN"}, {ACK, "ACK"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}}) {
        if ((mask & (int) f[0]) != 0) {
          s.append(sep).append(f[1]);
          sep = ", ";
        }
      }
      TCP_SUMMARY[mask] = ByteString.copyFromUtf8(s.toString());
    }
    for (int sub = 0; sub < TRACE_EVENT.length; sub++) {
      TRACE_EVENT[sub] = CiliumEventType.newBuilder().setType(4).setSubType(sub).build();
    }
  }

  private final boolean withBytes;
  private final Sink sink;
  private final long uuidSeed;
  private long uuidCounter;
  private final Flow.Builder b = Flow.newBuilder();
  private final Any[] smallExtensions = new Any[TCP_HEADER + MSS + 64];
  private final byte[] uuidChars = new byte[36];
  /** The node of the flow being built ({@link #begin}). */
  private int nodeNumber;

  FlowFactory(boolean withBytes, long seed, Sink sink) {
    this.withBytes = withBytes;
    this.sink = sink;
    this.uuidSeed = mix64(seed ^ 0x2545F4914F6CDD1DL);
  }

  /** Flows built so far. */
  long built() {
    return uuidCounter;
  }

  // ------------------------------------------------------------------ L3/L4 packets

  /**
   * A TCP segment (or several, when {@code payload} exceeds one segment: the event then stands for all of them, as
   * Retina's counters do) from {@code from} to {@code to} in a connection that {@code fromClient} tells who opened.
   */
  void tcp(long t, Peer from, Peer to, boolean fromClient, int sport, int dport, int flags, long payload) {
    packet(t, from, to, fromClient, TCP, sport, dport, flags, 0, payload, TCP_HEADER);
  }

  void udp(long t, Peer from, Peer to, boolean fromClient, int sport, int dport, long payload) {
    packet(t, from, to, fromClient, UDP, sport, dport, 0, 0, payload, UDP_HEADER);
  }

  void sctp(long t, Peer from, Peer to, boolean fromClient, int sport, int dport, long payload) {
    packet(t, from, to, fromClient, SCTP, sport, dport, 0, 0, payload, SCTP_HEADER);
  }

  void icmp(long t, Peer from, Peer to, boolean fromClient, int type) {
    packet(t, from, to, fromClient, ICMP, 0, 0, 0, type, 56, 42);
  }

  private void packet(long t, Peer from, Peer to, boolean fromClient, int proto, int sport, int dport, int flags,
      int icmpType, long payload, int header) {
    Node fromNode = from.node();
    Node toNode = to.node();
    if (fromNode != null) {
      TraceObservationPoint point = toNode == null ? TraceObservationPoint.TO_STACK
          : toNode == fromNode ? TraceObservationPoint.FROM_ENDPOINT : TraceObservationPoint.TO_OVERLAY;
      l34(t, fromNode, from, to, fromClient, fromClient ? TrafficDirection.EGRESS : TrafficDirection.INGRESS, point,
          proto, sport, dport, flags, icmpType, payload, header, Verdict.FORWARDED, null, false);
    }
    if (toNode != null) {
      long hop = (toNode == fromNode ? 15_000 : 120_000) + Math.floorMod(sport * 31L + dport, 97) * 1_000;
      l34(t + hop, toNode, from, to, fromClient, fromClient ? TrafficDirection.INGRESS : TrafficDirection.EGRESS,
          TraceObservationPoint.TO_ENDPOINT, proto, sport, dport, flags, icmpType, payload, header,
          Verdict.FORWARDED, null, false);
    }
  }

  /**
   * A TCP segment that a network policy drops: at the sender's node for an egress policy, or at the receiver's node
   * (after the sender's node forwarded it) for an ingress policy.
   */
  void tcpDrop(long t, Peer from, Peer to, int sport, int dport, int flags, long payload, Policy policy,
      boolean ingressPolicy) {
    Node fromNode = from.node();
    if (ingressPolicy) {
      Node toNode = to.node();
      if (fromNode != null) {
        l34(t, fromNode, from, to, true, TrafficDirection.EGRESS,
            toNode == fromNode ? TraceObservationPoint.FROM_ENDPOINT : TraceObservationPoint.TO_OVERLAY,
            TCP, sport, dport, flags, 0, payload, TCP_HEADER, Verdict.FORWARDED, null, false);
      }
      l34(t + 130_000, toNode, from, to, true, TrafficDirection.INGRESS, TraceObservationPoint.UNKNOWN_POINT,
          TCP, sport, dport, flags, 0, payload, TCP_HEADER, Verdict.DROPPED, policy, true);
    } else {
      l34(t, fromNode, from, to, true, TrafficDirection.EGRESS, TraceObservationPoint.UNKNOWN_POINT,
          TCP, sport, dport, flags, 0, payload, TCP_HEADER, Verdict.DROPPED, policy, false);
    }
  }

  private void l34(long t, Node node, Peer from, Peer to, boolean fromClient, TrafficDirection direction,
      TraceObservationPoint point, int proto, int sport, int dport, int flags, int icmpType, long payload,
      int header, Verdict verdict, Policy deniedBy, boolean ingressDenied) {
    Flow.Builder f = begin(t, node);
    f.setVerdict(verdict);
    f.getIPBuilder().setSourceBytes(from.ipBytes()).setDestinationBytes(to.ipBytes()).setIpVersion(IPVersion.IPv4);
    Layer4.Builder l4 = f.getL4Builder();
    ByteString summary;
    switch (proto) {
      case TCP -> {
        l4.getTCPBuilder().setSourcePort(sport).setDestinationPort(dport).setFlags(FLAGS[flags]);
        summary = TCP_SUMMARY[flags];
      }
      case UDP -> {
        l4.getUDPBuilder().setSourcePort(sport).setDestinationPort(dport);
        summary = UDP_SUMMARY;
      }
      case SCTP -> {
        l4.getSCTPBuilder().setSourcePort(sport).setDestinationPort(dport);
        summary = SCTP_SUMMARY;
      }
      default -> {
        l4.getICMPv4Builder().setType(icmpType).setCode(0);
        summary = icmpType == ICMP_ECHO_REQUEST ? ECHO_REQUEST_SUMMARY : ECHO_REPLY_SUMMARY;
      }
    }
    f.setSource(from.endpoint()).setDestination(to.endpoint());
    f.setType(FlowType.L3_L4);
    endpointsExtras(f, from, to, fromClient);
    f.setTrafficDirection(direction);
    if (verdict == Verdict.DROPPED) {
      f.setDropReason(DropReason.POLICY_DENIED_VALUE).setDropReasonDesc(DropReason.POLICY_DENIED);
      f.setEventType(DROP_POLICY_EVENT);
      if (ingressDenied) {
        f.addIngressDeniedBy(deniedBy);
      } else {
        f.addEgressDeniedBy(deniedBy);
      }
    } else {
      f.setTraceObservationPoint(point);
      f.setEventType(TRACE_EVENT[point == TraceObservationPoint.TO_ENDPOINT ? 0 : point.getNumber()]);
      f.setTraceReason(!fromClient ? TraceReason.REPLY
          : (proto == TCP && flags == SYN) ? TraceReason.NEW : TraceReason.ESTABLISHED);
    }
    f.setIsReply(fromClient ? FALSE : TRUE).setReply(!fromClient);
    f.setSummaryBytes(summary);
    if (withBytes) {
      long packets = Math.max(1, (payload + MSS - 1) / MSS);
      long last = payload - (packets - 1) * MSS;
      f.setExtensions(extension(last + header, (packets - 1) * (MSS + header), packets - 1));
    }
    sink.emit(t, nodeNumber, f.build());
  }

  /** The longest a packet takes from the sender's node to the receiver's, on one node or across two. */
  static long maxHop(boolean sameNode) {
    return (sameNode ? 15_000 : 120_000) + 96_000;
  }

  // ------------------------------------------------------------------ L7 records

  /** An HTTP request or response as Cilium's proxy reports it, once, at the client's node (or server's, from world). */
  void http(long t, Peer client, Peer server, boolean response, int sport, int dport, String protocol, String method,
      String url, int code, long latencyNanos) {
    boolean clientInside = client.node() != null;
    Flow.Builder f = begin(t, clientInside ? client.node() : server.node());
    l7Common(f, client, server, response, sport, dport, TCP, clientInside);
    HTTP.Builder http = f.getL7Builder()
        .setType(response ? L7FlowType.RESPONSE : L7FlowType.REQUEST)
        .setLatencyNs(response ? latencyNanos : 0)
        .getHttpBuilder()
        .setMethod(method).setUrl(url).setProtocol(protocol);
    if (response) {
      http.setCode(code);
      f.setSummary(protocol + " " + code + " " + Math.max(0, latencyNanos / 1_000_000) + "ms (" + method + " "
          + url + ")");
    } else {
      f.setSummary(protocol + " " + method + " " + url);
    }
    sink.emit(t, nodeNumber, f.build());
  }

  /** A DNS query or answer as Cilium's DNS proxy reports it, at the client's node. */
  void dns(long t, Peer client, Peer server, boolean response, int sport, String query, String qtype, int rcode,
      List<String> ips, int ttl, long latencyNanos) {
    Flow.Builder f = begin(t, client.node());
    l7Common(f, client, server, response, sport, 53, UDP, true);
    DNS.Builder dns = f.getL7Builder()
        .setType(response ? L7FlowType.RESPONSE : L7FlowType.REQUEST)
        .setLatencyNs(response ? latencyNanos : 0)
        .getDnsBuilder()
        .setQuery(query).setObservationSource("proxy").addQtypes(qtype);
    if (response) {
      dns.setRcode(rcode).setTtl(ttl).addAllIps(ips);
      if (!ips.isEmpty()) {
        dns.addRrtypes(qtype);
      }
      f.setSummary(rcode == 0
          ? "DNS Answer " + (ips.isEmpty() ? "" : "\"" + String.join(",", ips) + "\" ") + "TTL: " + ttl + " (Proxy "
              + query + " " + qtype + ")"
          : "DNS Answer RCode: " + rcodeName(rcode) + " TTL: " + ttl + " (Proxy " + query + " " + qtype + ")");
    } else {
      f.setSummary("DNS Query " + query + " " + qtype);
    }
    sink.emit(t, nodeNumber, f.build());
  }

  private void l7Common(Flow.Builder f, Peer client, Peer server, boolean response, int sport, int dport, int proto,
      boolean clientInside) {
    Peer from = response ? server : client;
    Peer to = response ? client : server;
    f.setVerdict(Verdict.FORWARDED);
    f.getIPBuilder().setSourceBytes(from.ipBytes()).setDestinationBytes(to.ipBytes()).setIpVersion(IPVersion.IPv4);
    int fromPort = response ? dport : sport;
    int toPort = response ? sport : dport;
    if (proto == TCP) {
      f.getL4Builder().getTCPBuilder().setSourcePort(fromPort).setDestinationPort(toPort);
    } else {
      f.getL4Builder().getUDPBuilder().setSourcePort(fromPort).setDestinationPort(toPort);
    }
    f.setSource(from.endpoint()).setDestination(to.endpoint());
    f.setType(FlowType.L7);
    f.setEventType(L7_EVENT);
    endpointsExtras(f, from, to, !response);
    f.setTrafficDirection(clientInside ? TrafficDirection.EGRESS : TrafficDirection.INGRESS);
    f.setIsReply(response ? TRUE : FALSE).setReply(response);
  }

  private static void endpointsExtras(Flow.Builder f, Peer from, Peer to, boolean fromClient) {
    if (fromClient) {
      if (to.node() != null) {
        f.setDestinationService(to.service());
      }
    } else if (from.node() != null) {
      f.setSourceService(from.service());
    }
    if (to.fqdn() != null) {
      f.addDestinationNames(to.fqdn());
    }
    if (from.fqdn() != null) {
      f.addSourceNames(from.fqdn());
    }
  }

  private Flow.Builder begin(long t, Node node) {
    Flow.Builder f = b.clear();
    f.getTimeBuilder().setSeconds(Math.floorDiv(t, 1_000_000_000L)).setNanos((int) Math.floorMod(t, 1_000_000_000L));
    f.setUuidBytes(nextUuid());
    f.setNodeNameBytes(node.nameBytes());
    nodeNumber = node.index();
    return f;
  }

  private static String rcodeName(int rcode) {
    return switch (rcode) {
      case 1 -> "Format Error";
      case 2 -> "Server Failure";
      case 3 -> "Non-Existent Domain";
      case 5 -> "Query Refused";
      default -> "RCode " + rcode;
    };
  }

  // ------------------------------------------------------------------ extensions, uuid

  /** Retina's byte counts: {@code Any} of a {@code Struct} with numeric {@code bytes} and the since-last counters. */
  private Any extension(long bytes, long previousBytes, long previousPackets) {
    if (previousBytes == 0 && bytes < smallExtensions.length) {
      Any cached = smallExtensions[(int) bytes];
      if (cached == null) {
        cached = buildExtension(bytes, 0, 0);
        smallExtensions[(int) bytes] = cached;
      }
      return cached;
    }
    return buildExtension(bytes, previousBytes, previousPackets);
  }

  private static final byte[][] EXTENSION_KEYS = {
      structKey("bytes"), structKey("previously_observed_bytes"), structKey("previously_observed_packets")};

  /**
   * The extension {@link #structExtension} builds, with the {@code Struct} encoded here directly: the same bytes (its
   * map entries in insertion order, each value a {@code number_value}) without a map, three {@code Value} builders and
   * a generic encoder per flow.
   */
  private static Any buildExtension(long bytes, long previousBytes, long previousPackets) {
    byte[] out = new byte[3 * (2 + 2 + 9) + EXTENSION_KEYS[0].length + EXTENSION_KEYS[1].length
        + EXTENSION_KEYS[2].length];
    int at = 0;
    double[] values = {bytes, previousBytes, previousPackets};
    for (int i = 0; i < 3; i++) {
      byte[] key = EXTENSION_KEYS[i];
      out[at++] = 0x0A; // Struct.fields = 1, length-delimited map entry
      out[at++] = (byte) (key.length + 11);
      System.arraycopy(key, 0, out, at, key.length);
      at += key.length;
      out[at++] = 0x12; // entry value = 2, a Value message of 9 bytes
      out[at++] = 9;
      out[at++] = 0x11; // Value.number_value = 2, fixed64
      long v = Double.doubleToRawLongBits(values[i]);
      for (int k = 0; k < 8; k++) {
        out[at++] = (byte) (v >>> (8 * k));
      }
    }
    return Any.newBuilder().setTypeUrl(STRUCT_TYPE_URL).setValue(ByteString.copyFrom(out)).build();
  }

  /** A map entry's key field ({@code 0x0A}, length, UTF-8), as {@code Struct.fields} encodes it. */
  private static byte[] structKey(String key) {
    byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[k.length + 2];
    out[0] = 0x0A;
    out[1] = (byte) k.length;
    System.arraycopy(k, 0, out, 2, k.length);
    return out;
  }

  /** Retina's extension built through the generic {@code Struct} API: what {@link #buildExtension} must equal. */
  static Any structExtension(long bytes, long previousBytes, long previousPackets) {
    Struct struct = Struct.newBuilder()
        .putFields("bytes", Value.newBuilder().setNumberValue(bytes).build())
        .putFields("previously_observed_bytes", Value.newBuilder().setNumberValue(previousBytes).build())
        .putFields("previously_observed_packets", Value.newBuilder().setNumberValue(previousPackets).build())
        .build();
    return Any.newBuilder().setTypeUrl(STRUCT_TYPE_URL).setValue(struct.toByteString()).build();
  }

  /** For tests: {@link #buildExtension}. */
  static Any extensionFor(long bytes, long previousBytes, long previousPackets) {
    return buildExtension(bytes, previousBytes, previousPackets);
  }

  /** A unique, UUID-shaped id from a seeded counter: no {@code UUID.randomUUID()} per flow. */
  private ByteString nextUuid() {
    long n = uuidCounter++;
    // Multiplying by an odd constant is a bijection modulo 2^62, so the low half alone keeps every id unique.
    long lo = 0x8000_0000_0000_0000L | ((n * 0x9E37_79B9_7F4A_7C15L) & 0x3FFF_FFFF_FFFF_FFFFL);
    long hi = (mix64(uuidSeed + (n >>> 10)) & 0xFFFF_FFFF_FFFF_0FFFL) | 0x4000L;
    byte[] c = uuidChars;
    hex(hi >>> 32, 8, c, 0);
    c[8] = '-';
    hex(hi >>> 16, 4, c, 9);
    c[13] = '-';
    hex(hi, 4, c, 14);
    c[18] = '-';
    hex(lo >>> 48, 4, c, 19);
    c[23] = '-';
    hex(lo, 12, c, 24);
    return ByteString.copyFrom(c);
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static void hex(long value, int digits, byte[] out, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
