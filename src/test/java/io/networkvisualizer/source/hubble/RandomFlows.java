package io.networkvisualizer.source.hubble;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.Value;
import io.networkvisualizer.source.hubble.proto.flow.CiliumEventType;
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Ethernet;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.HTTPHeader;
import io.networkvisualizer.source.hubble.proto.flow.ICMPv4;
import io.networkvisualizer.source.hubble.proto.flow.ICMPv6;
import io.networkvisualizer.source.hubble.proto.flow.IGMP;
import io.networkvisualizer.source.hubble.proto.flow.IP;
import io.networkvisualizer.source.hubble.proto.flow.Kafka;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import io.networkvisualizer.source.hubble.proto.flow.NetworkInterface;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.hubble.proto.flow.SCTP;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import io.networkvisualizer.source.hubble.proto.flow.TCP;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.UDP;
import io.networkvisualizer.source.hubble.proto.flow.VRRP;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.retina.RetinaMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random Hubble responses with every field the decoder reads (and many it skips) populated: unknown enum numbers,
 * both legacy fields, both kinds of extension and broken ones, empty and non-ASCII strings, extreme ports and times,
 * unknown fields. A few are invalid on purpose (a port above 65535, a time before 1970). Endpoints and node names come
 * from small pools, as in a cluster, so interning is exercised.
 */
final class RandomFlows {
  private final Random random;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<String> nodes = List.of("node-1", "gke-pool-6114bb84-zr1l", "узел-ß", "");

  RandomFlows(long seed) {
    this.random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      endpoints.add(endpoint());
    }
  }

  GetFlowsResponse response() {
    GetFlowsResponse.Builder response = GetFlowsResponse.newBuilder().setFlow(flow());
    if (random.nextBoolean()) {
      response.setNodeName(pick(nodes));
    }
    if (random.nextInt(3) > 0) {
      response.setTime(time());
    }
    if (random.nextInt(10) == 0) {
      response.setUnknownFields(unknown());
    }
    return response.build();
  }

  @SuppressWarnings("deprecation")
  Flow flow() {
    Flow.Builder f = Flow.newBuilder();
    if (random.nextInt(5) > 0) {
      f.setTime(time());
    }
    f.setUuid(chance(10) ? "" : chance(20) ? text() : new java.util.UUID(random.nextLong(), random.nextLong()).toString());
    f.setVerdictValue(random.nextInt(18));
    f.setDropReason(chance(3) ? 130 + random.nextInt(80) : 0);
    f.setEthernet(Ethernet.newBuilder().setSource(text()).setDestination(text()));
    if (!chance(10)) {
      f.setIP(IP.newBuilder().setSource(ip()).setDestination(ip()).setIpVersionValue(random.nextInt(4))
          .setEncrypted(random.nextBoolean()).setSourceXlated(text()));
    }
    if (!chance(10)) {
      f.setL4(l4());
    }
    if (!chance(8)) {
      f.setSource(chance(10) ? endpoint() : pick(endpoints));
    }
    if (!chance(8)) {
      f.setDestination(chance(20) ? Endpoint.getDefaultInstance() : pick(endpoints));
    }
    f.setTypeValue(random.nextInt(6));
    f.setNodeName(pick(nodes));
    for (int i = random.nextInt(3); i > 0; i--) {
      f.addSourceNames(text());
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      f.addDestinationNames("name-" + random.nextInt(5) + ".svc.cluster.local");
    }
    if (chance(2)) {
      f.setL7(l7());
    }
    f.setReply(random.nextBoolean());
    f.setEventType(CiliumEventType.newBuilder().setType(random.nextInt(200)).setSubType(random.nextInt(5)));
    if (chance(2)) {
      f.setSourceService(service());
    }
    if (chance(2)) {
      f.setDestinationService(service());
    }
    f.setTrafficDirectionValue(random.nextInt(5));
    f.setPolicyMatchType(random.nextInt(5));
    f.setTraceObservationPointValue(chance(10) ? 101 : chance(10) ? 77 : random.nextInt(14));
    f.setDropReasonDescValue(chance(2) ? 0 : 130 + random.nextInt(80));
    if (chance(2)) {
      f.setIsReply(BoolValue.of(random.nextBoolean()));
    }
    f.setInterface(NetworkInterface.newBuilder().setIndex(random.nextInt(100)).setName("eth" + random.nextInt(3)));
    f.setProxyPort(random.nextInt(65536));
    f.setSocketCookie(random.nextLong());
    f.setCgroupId(random.nextLong());
    f.setTraceReasonValue(random.nextInt(10));
    f.addNodeLabels("kubernetes.io/hostname=" + pick(nodes));
    f.setSummary("TCP Flags: " + text());
    if (!chance(4)) {
      f.setExtensions(extension());
    }
    for (int i = random.nextInt(2); i > 0; i--) {
      f.addEgressAllowedBy(policy());
      f.addIngressAllowedBy(policy());
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      f.addEgressDeniedBy(policy());
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      f.addIngressDeniedBy(policy());
    }
    f.addPolicyLog(text());
    if (chance(3)) {
      f.setUnknownFields(unknown());
    }
    return f.build();
  }

  private Timestamp time() {
    long seconds = chance(50) ? -1 - random.nextInt(1000) // before 1970: the model rejects it
        : chance(100) ? Long.MAX_VALUE / 2 // beyond what nanoseconds in a long hold
        : 1_600_000_000L + random.nextInt(200_000_000);
    return Timestamp.newBuilder().setSeconds(seconds).setNanos(random.nextInt(1_000_000_000)).build();
  }

  private Layer4 l4() {
    Layer4.Builder l4 = Layer4.newBuilder();
    switch (random.nextInt(8)) {
      case 0 -> l4.setTCP(TCP.newBuilder().setSourcePort(port()).setDestinationPort(port())
          .setFlags(TCPFlags.newBuilder().setFIN(random.nextBoolean()).setSYN(random.nextBoolean())
              .setRST(random.nextBoolean()).setPSH(random.nextBoolean()).setACK(random.nextBoolean())
              .setURG(random.nextBoolean()).setECE(random.nextBoolean()).setCWR(random.nextBoolean())
              .setNS(random.nextBoolean())));
      case 1 -> l4.setUDP(UDP.newBuilder().setSourcePort(port()).setDestinationPort(port()));
      case 2 -> l4.setSCTP(SCTP.newBuilder().setSourcePort(port()).setDestinationPort(port()));
      case 3 -> l4.setICMPv4(ICMPv4.newBuilder().setType(random.nextInt(256)).setCode(random.nextInt(16)));
      case 4 -> l4.setICMPv6(ICMPv6.newBuilder().setType(random.nextInt(256)).setCode(random.nextInt(16)));
      case 5 -> l4.setVRRP(VRRP.getDefaultInstance());
      case 6 -> l4.setIGMP(IGMP.getDefaultInstance());
      default -> { } // a Layer4 with no protocol set
    }
    return l4.build();
  }

  private int port() {
    return chance(100) ? 65_536 + random.nextInt(10) : chance(10) ? 65_535 : chance(10) ? 0 : random.nextInt(65_536);
  }

  private Layer7 l7() {
    Layer7.Builder l7 = Layer7.newBuilder().setTypeValue(random.nextInt(5))
        .setLatencyNs(chance(100) ? -1 : random.nextInt(100_000_000));
    switch (random.nextInt(4)) {
      case 0 -> l7.setHttp(HTTP.newBuilder().setCode(chance(5) ? 0 : 200 + random.nextInt(400))
          .setMethod(pick(List.of("GET", "POST", "", "ПОСТ"))).setUrl("http://backend:8080/api/" + text())
          .setProtocol(pick(List.of("HTTP/1.1", "HTTP/2", "")))
          .addHeaders(HTTPHeader.newBuilder().setKey("x-request-id").setValue(text())));
      case 1 -> l7.setDns(DNS.newBuilder().setQuery(text() + ".svc.cluster.local.").addIps(ip()).addIps(ip())
          .setTtl(chance(5) ? -1 : random.nextInt(3600)).addCnames(text()).setObservationSource("proxy")
          .setRcode(random.nextInt(6)).addQtypes(pick(List.of("A", "AAAA", "SRV"))).addRrtypes("A"));
      case 2 -> l7.setKafka(Kafka.newBuilder().setErrorCode(1).setApiVersion(2).setApiKey("produce")
          .setCorrelationId(3).setTopic(text()));
      default -> { } // no record
    }
    return l7.build();
  }

  private Endpoint endpoint() {
    Endpoint.Builder e = Endpoint.newBuilder().setID(random.nextInt(5000)).setIdentity(chance(5) ? -7 : random.nextInt(70_000))
        .setClusterName(chance(5) ? "" : "default").setNamespace(pick(List.of("shop", "kube-system", "", "名前")))
        .setPodName(chance(5) ? "" : "pod-" + text());
    for (int i = random.nextInt(6); i > 0; i--) {
      e.addLabels("k8s:" + text() + "=" + text());
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      e.addWorkloads(Workload.newBuilder().setName(text()).setKind(pick(List.of("Deployment", "DaemonSet", ""))));
    }
    if (chance(5)) {
      e.setUnknownFields(unknown());
    }
    return e.build();
  }

  private Service service() {
    return chance(5) ? Service.getDefaultInstance()
        : Service.newBuilder().setName(chance(5) ? "" : text()).setNamespace(chance(5) ? "" : "shop").build();
  }

  private Policy policy() {
    return Policy.newBuilder().setName(text()).setNamespace(chance(3) ? "" : "shop").addLabels("k8s:" + text())
        .setRevision(random.nextInt(100)).setKind("CiliumNetworkPolicy").build();
  }

  private Any extension() {
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> Any.pack(Struct.newBuilder()
          .putFields("bytes", number(random.nextInt(1500)))
          .putFields("previously_observed_bytes", number(chance(5) ? -3 : random.nextInt(100_000)))
          .putFields("previously_observed_packets", number(random.nextInt(100)))
          .putFields("tcp_id", number(random.nextLong()))
          .putFields("dns_type", Value.newBuilder().setStringValue(text()).build())
          .build());
      case 3 -> Any.pack(Struct.newBuilder().putFields("bytes", number(chance(3) ? Double.NaN : 1e19))
          .putFields("nested", Value.newBuilder().setStructValue(Struct.newBuilder()
              .putFields("bytes", number(1))).build())
          .putFields("list", Value.newBuilder().setListValue(ListValue.newBuilder().addValues(number(2))).build())
          .build());
      case 4 -> Any.pack(Struct.newBuilder().putFields("bytes", Value.newBuilder().setStringValue("74").build())
          .putFields("ключ", Value.newBuilder().setBoolValue(true).build()).build());
      case 5 -> Any.pack(RetinaMetadata.newBuilder().setBytes(random.nextInt()).setPreviouslyObservedBytes(
          random.nextInt(10_000)).setPreviouslyObservedPackets(random.nextInt()).setTcpId(random.nextLong()).build());
      case 6 -> Any.pack(RetinaMetadata.getDefaultInstance());
      case 7 -> Any.pack(com.google.protobuf.Duration.newBuilder().setSeconds(1500).build());
      case 8 -> Any.newBuilder().setTypeUrl("type.googleapis.com/utils.RetinaMetadata")
          .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff})).build();
      case 9 -> Any.newBuilder().setTypeUrl("type.googleapis.com/google.protobuf.Struct")
          .setValue(ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x0a, 0x01})).build();
      case 10 -> Any.newBuilder().setTypeUrl(pick(List.of("google.protobuf.Struct", "/google.protobuf.Struct",
              "x/acme.google.protobuf.Struct", "")))
          .setValue(Struct.newBuilder().putFields("bytes", number(5)).build().toByteString()).build();
      default -> Any.pack(Struct.newBuilder().putFields("bytes", number(74)).build(), "example.com/types");
    };
  }

  private UnknownFieldSet unknown() {
    return UnknownFieldSet.newBuilder()
        .addField(90_000 + random.nextInt(100), UnknownFieldSet.Field.newBuilder()
            .addVarint(random.nextLong()).addFixed32(random.nextInt()).addFixed64(random.nextLong())
            .addLengthDelimited(ByteString.copyFromUtf8(text()))
            .addGroup(UnknownFieldSet.newBuilder().addField(1, UnknownFieldSet.Field.newBuilder()
                .addVarint(7).build()).build())
            .build())
        .build();
  }

  private String ip() {
    return chance(10) ? "" : chance(5) ? "fd00::" + Integer.toHexString(random.nextInt(4096))
        : "10.0." + random.nextInt(4) + "." + random.nextInt(250);
  }

  /** Short text: ASCII mostly, sometimes accented, CJK or an emoji (a surrogate pair), sometimes empty. */
  private String text() {
    if (chance(10)) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 1 + random.nextInt(12); i > 0; i--) {
      int kind = random.nextInt(20);
      s.appendCodePoint(kind == 0 ? 0xe9 : kind == 1 ? 0x4e2d : kind == 2 ? 0x1F600 : 'a' + random.nextInt(26));
    }
    return s.toString();
  }

  private static Value number(double n) {
    return Value.newBuilder().setNumberValue(n).build();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }
}
