package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.ProtoFlows.T0;
import static io.networkvisualizer.source.hubble.ProtoFlows.tcp;
import static io.networkvisualizer.source.hubble.ProtoFlows.timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.ICMPv4;
import io.networkvisualizer.source.hubble.proto.flow.L7FlowType;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.hubble.proto.flow.SCTP;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.flow.UDP;
import io.networkvisualizer.source.hubble.proto.retina.RetinaMetadata;
import org.junit.jupiter.api.Test;

class ProtoFlowMapperTest {
  private final ProtoFlowMapper mapper = new ProtoFlowMapper();

  private Flow map(io.networkvisualizer.source.hubble.proto.flow.Flow.Builder flow) {
    return mapper.map(flow.build(), 0);
  }

  @Test
  void tcpFlow_mapsEveryField() {
    Flow flow = map(tcp(T0 + 123, "f-1", 40_001)
        .setTraceObservationPoint(TraceObservationPoint.TO_ENDPOINT)
        .setSourceService(Service.newBuilder().setNamespace("shop").setName("frontend"))
        .setDestinationService(Service.newBuilder().setNamespace("shop").setName("backend"))
        .addDestinationNames("backend.shop.svc.cluster.local"));

    assertThat(flow.timeNanos()).isEqualTo(T0 + 123);
    assertThat(flow.uuid()).isEqualTo("f-1");
    assertThat(flow.verdict()).isEqualTo(Verdict.FORWARDED);
    assertThat(flow.source().podName()).isEqualTo("frontend-7d4b9c6f5-x2k4f");
    assertThat(flow.source().namespace()).isEqualTo("shop");
    assertThat(flow.source().cluster()).isEqualTo("default");
    assertThat(flow.source().workloadName()).isEqualTo("frontend");
    assertThat(flow.source().workloadKind()).isEqualTo("Deployment");
    assertThat(flow.source().label("app")).isEqualTo("frontend");
    assertThat(flow.source().identity()).isEqualTo(25_339);
    assertThat(flow.destination().podName()).isEqualTo("backend-5f6d7c8b9-a1b2c");
    assertThat(flow.sourceIp()).isEqualTo("10.244.0.5");
    assertThat(flow.destinationIp()).isEqualTo("10.244.1.6");
    assertThat(flow.l4()).isEqualTo(L4Protocol.TCP);
    assertThat(flow.sourcePort()).isEqualTo(40_001);
    assertThat(flow.destinationPort()).isEqualTo(8080);
    assertThat(flow.tcpFlags()).isEqualTo(TcpFlags.ACK | TcpFlags.PSH);
    assertThat(flow.direction()).isEqualTo(TrafficDirection.EGRESS);
    assertThat(flow.isReply()).isFalse();
    assertThat(flow.type()).isEqualTo(FlowType.L3_L4);
    assertThat(flow.nodeName()).isEqualTo("node-1");
    assertThat(flow.observationPoint()).isEqualTo("TO_ENDPOINT");
    assertThat(flow.sourceService()).isEqualTo(new ServiceRef("shop", "frontend"));
    assertThat(flow.destinationService()).isEqualTo(new ServiceRef("shop", "backend"));
    assertThat(flow.destinationNames()).containsExactly("backend.shop.svc.cluster.local");
    assertThat(flow.bytesMeasured()).isFalse();
    assertThat(flow.bytes()).isEqualTo(Flow.UNMEASURED);
    assertThat(flow.packets()).isEqualTo(Flow.UNMEASURED);
  }

  @Test
  void everyTcpFlag_hasItsBit() {
    Flow flow = map(tcp(T0, "", 1).setL4(Layer4.newBuilder().setTCP(io.networkvisualizer.source.hubble.proto.flow.TCP
        .newBuilder().setFlags(TCPFlags.newBuilder().setFIN(true).setSYN(true).setRST(true).setPSH(true)
            .setACK(true).setURG(true).setECE(true).setCWR(true).setNS(true)))));

    assertThat(TcpFlags.format(flow.tcpFlags())).isEqualTo("FIN,SYN,RST,PSH,ACK,URG,ECE,CWR,NS");
  }

  @Test
  void unknownVerdictNumber15_isKept() {
    Flow flow = map(tcp(T0, "", 1).setVerdictValue(15));

    assertThat(flow.verdict().number()).isEqualTo(15);
    assertThat(flow.verdict().name()).isEqualTo("VERDICT_15");
  }

  @Test
  void unknownDropReason_isKept() {
    Flow flow = map(tcp(T0, "", 1).setVerdictValue(2).setDropReasonDescValue(204));

    assertThat(flow.verdict()).isEqualTo(Verdict.DROPPED);
    assertThat(flow.dropReason()).isEqualTo(DropReason.of(204));
    assertThat(flow.dropReason().name()).isEqualTo("DROP_REASON_204");
  }

  @Test
  @SuppressWarnings("deprecation")
  void dropReason_fallsBackToTheDeprecatedNumber() {
    assertThat(map(tcp(T0, "", 1).setDropReason(133)).dropReason().name()).isEqualTo("POLICY_DENIED");
    assertThat(map(tcp(T0, "", 1).setDropReason(133).setDropReasonDescValue(181)).dropReason().name())
        .isEqualTo("POLICY_DENY");
  }

  @Test
  @SuppressWarnings("deprecation")
  void isReply_isNullWhenAbsentAndFallsBackToTheDeprecatedReply() {
    assertThat(map(tcp(T0, "", 1).clearIsReply()).isReply()).isNull();
    assertThat(map(tcp(T0, "", 1).clearIsReply().setReply(true)).isReply()).isTrue();
    assertThat(map(tcp(T0, "", 1).setIsReply(BoolValue.of(true))).isReply()).isTrue();
    assertThat(map(tcp(T0, "", 1).setIsReply(BoolValue.of(false)).setReply(true)).isReply()).isFalse();
  }

  @Test
  void missingEndpointsAndFields_mapToNeutralValues() {
    Flow flow = map(io.networkvisualizer.source.hubble.proto.flow.Flow.newBuilder().setTime(timestamp(T0)));

    assertThat(flow.source()).isSameAs(Endpoint.UNKNOWN);
    assertThat(flow.destination()).isSameAs(Endpoint.UNKNOWN);
    assertThat(flow.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(flow.l4()).isEqualTo(L4Protocol.NONE);
    assertThat(flow.sourceIp()).isEmpty();
    assertThat(flow.isReply()).isNull();
    assertThat(flow.l7()).isNull();
    assertThat(flow.observationPoint()).isEmpty();
    assertThat(flow.direction()).isEqualTo(TrafficDirection.UNKNOWN);
  }

  @Test
  void missingTime_usesTheResponseTime() {
    Flow flow = mapper.map(tcp(T0, "", 1).clearTime().build(), T0 + 7);

    assertThat(flow.timeNanos()).isEqualTo(T0 + 7);
  }

  @Test
  void unknownObservationPoint_isKeptByNumber() {
    assertThat(map(tcp(T0, "", 1).setTraceObservationPointValue(77)).observationPoint())
        .isEqualTo("TRACE_OBSERVATION_POINT_77");
  }

  @Test
  void portAbove65535_isRejectedForTheCallerToCountAsMalformed() {
    io.networkvisualizer.source.hubble.proto.flow.Flow.Builder bad = tcp(T0, "", 1);
    bad.getL4Builder().getTCPBuilder().setSourcePort(70_000);

    assertThatThrownBy(() -> map(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
  }

  @Test
  void udpSctpAndIcmp_mapPortsAndType() {
    Flow udp = map(tcp(T0, "", 1).setL4(Layer4.newBuilder().setUDP(UDP.newBuilder().setSourcePort(5353)
        .setDestinationPort(53))));
    Flow sctp = map(tcp(T0, "", 1).setL4(Layer4.newBuilder().setSCTP(SCTP.newBuilder().setSourcePort(1)
        .setDestinationPort(2))));
    Flow icmp = map(tcp(T0, "", 1).setL4(Layer4.newBuilder().setICMPv4(ICMPv4.newBuilder().setType(8))));

    assertThat(udp.l4()).isEqualTo(L4Protocol.UDP);
    assertThat(udp.destinationPort()).isEqualTo(53);
    assertThat(udp.tcpFlags()).isZero();
    assertThat(sctp.l4()).isEqualTo(L4Protocol.SCTP);
    assertThat(sctp.sourcePort()).isEqualTo(1);
    assertThat(icmp.l4()).isEqualTo(L4Protocol.ICMPV4);
    assertThat(icmp.icmpType()).isEqualTo(8);
    assertThat(icmp.destinationPort()).isZero();
  }

  @Test
  void httpRecord_mapsMethodUrlCodeProtocolAndLatency() {
    Flow flow = map(tcp(T0, "", 1).setType(io.networkvisualizer.source.hubble.proto.flow.FlowType.L7)
        .setL7(Layer7.newBuilder().setType(L7FlowType.RESPONSE).setLatencyNs(12_000_000)
            .setHttp(HTTP.newBuilder().setCode(503).setMethod("GET").setUrl("http://backend:8080/api/cart?x=1")
                .setProtocol("HTTP/1.1"))));

    assertThat(flow.type()).isEqualTo(FlowType.L7);
    assertThat(flow.l7().type()).isEqualTo(L7.Type.RESPONSE);
    assertThat(flow.l7().latencyNanos()).isEqualTo(12_000_000);
    assertThat(flow.l7().http().code()).isEqualTo(503);
    assertThat(flow.l7().http().method()).isEqualTo("GET");
    assertThat(flow.l7().http().url()).isEqualTo("http://backend:8080/api/cart?x=1");
    assertThat(flow.l7().http().protocol()).isEqualTo("HTTP/1.1");
    assertThat(flow.l7().dns()).isNull();
  }

  @Test
  void dnsRecord_mapsQueryIpsRcodeQtypesAndTtl() {
    Flow flow = map(tcp(T0, "", 1).setL7(Layer7.newBuilder().setType(L7FlowType.RESPONSE)
        .setDns(DNS.newBuilder().setQuery("backend.shop.svc.cluster.local.").addIps("10.96.0.12").setRcode(0)
            .addQtypes("A").setTtl(30))));
    Flow noTtl = map(tcp(T0, "", 1).setL7(Layer7.newBuilder().setDns(DNS.newBuilder().setQuery("x.").setRcode(3)
        .setTtl(-1))));

    assertThat(flow.l7().dns().query()).isEqualTo("backend.shop.svc.cluster.local.");
    assertThat(flow.l7().dns().ips()).containsExactly("10.96.0.12");
    assertThat(flow.l7().dns().qtypes()).containsExactly("A");
    assertThat(flow.l7().dns().ttl()).isEqualTo(30);
    assertThat(noTtl.l7().dns().ttl()).as("uint32 4294967295 saturates").isEqualTo(Integer.MAX_VALUE);
    assertThat(noTtl.l7().dns().rcodeName()).isEqualTo("NXDOMAIN");
  }

  @Test
  void deniedByPolicies_areNamespacedNames() {
    Flow flow = map(tcp(T0, "", 1).setVerdictValue(2)
        .addEgressDeniedBy(Policy.newBuilder().setNamespace("shop").setName("deny-egress"))
        .addIngressDeniedBy(Policy.newBuilder().setName("cluster-wide-deny")));

    assertThat(flow.deniedBy()).containsExactly("shop/deny-egress", "cluster-wide-deny");
  }

  @Test
  void retinaStructExtension_givesBytesAndPackets() {
    Struct retina = Struct.newBuilder()
        .putFields("bytes", number(1500))
        .putFields("previously_observed_bytes", number(8500))
        .putFields("previously_observed_packets", number(9))
        .putFields("tcp_id", number(42))
        .build();

    Flow flow = map(tcp(T0, "", 1).setExtensions(Any.pack(retina)));

    assertThat(flow.bytesMeasured()).isTrue();
    assertThat(flow.bytes()).isEqualTo(10_000);
    assertThat(flow.packets()).isEqualTo(10);
  }

  @Test
  void retinaStructWithoutPreviousCounts_isOnePacket() {
    Flow flow = map(tcp(T0, "", 1).setExtensions(Any.pack(Struct.newBuilder()
        .putFields("bytes", number(74)).build())));

    assertThat(flow.bytes()).isEqualTo(74);
    assertThat(flow.packets()).isEqualTo(1);
  }

  @Test
  void structWithoutBytes_isUnmeasured() {
    Flow flow = map(tcp(T0, "", 1).setExtensions(Any.pack(Struct.newBuilder()
        .putFields("dns_type", number(1))
        .putFields("bytes", Value.newBuilder().setStringValue("lots").build()).build())));

    assertThat(flow.bytesMeasured()).isFalse();
  }

  @Test
  void retinaMetadataExtension_givesBytesAndPackets() {
    RetinaMetadata retina = RetinaMetadata.newBuilder()
        .setBytes(1500).setPreviouslyObservedBytes(3000).setPreviouslyObservedPackets(2).setTcpId(7).build();

    Flow flow = map(tcp(T0, "", 1).setExtensions(Any.pack(retina)));

    assertThat(Any.pack(retina).getTypeUrl()).isEqualTo("type.googleapis.com/utils.RetinaMetadata");
    assertThat(flow.bytes()).isEqualTo(4500);
    assertThat(flow.packets()).isEqualTo(3);
  }

  @Test
  void extensionType_isReadFromTheLastSegmentOfItsUrl_asAnyIsReadsIt() {
    Struct struct = Struct.newBuilder().putFields("bytes", number(74)).build();
    Flow otherPrefix = map(tcp(T0, "", 1).setExtensions(Any.pack(struct, "example.com/types")));
    Flow otherType = map(tcp(T0, "", 1).setExtensions(Any.newBuilder()
        .setTypeUrl("type.googleapis.com/acme.google.protobuf.Struct").setValue(struct.toByteString())));

    assertThat(otherPrefix.bytes()).isEqualTo(74);
    assertThat(otherType.bytesMeasured()).as("a type whose name merely ends like Struct's").isFalse();
  }

  @Test
  void nonRetinaExtension_isIgnored() {
    Flow duration = map(tcp(T0, "", 1).setExtensions(Any.pack(com.google.protobuf.Duration.newBuilder()
        .setSeconds(1500).build())));
    Flow garbage = map(tcp(T0, "", 1).setExtensions(Any.newBuilder()
        .setTypeUrl("type.googleapis.com/utils.RetinaMetadata")
        .setValue(com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))));

    assertThat(duration.bytesMeasured()).isFalse();
    assertThat(duration.packets()).isEqualTo(Flow.UNMEASURED);
    assertThat(garbage.bytesMeasured()).as("undecodable Retina bytes").isFalse();
  }

  @Test
  void endpoints_areInternedAcrossFlows() {
    Flow a = map(tcp(T0, "a", 1));
    Flow b = map(tcp(T0 + 1, "b", 2));

    assertThat(b.source()).isSameAs(a.source());
    assertThat(b.destination()).isSameAs(a.destination());
    assertThat(b.nodeName()).isSameAs(a.nodeName());
  }

  @Test
  void interner_isBoundedAndCountsEvictions() {
    ProtoFlowMapper small = new ProtoFlowMapper(2);
    for (int i = 0; i < 10; i++) {
      small.map(tcp(T0, "", 1).setSource(ProtoFlows.pod("shop", "pod-" + i, "app")).build(), 0);
    }

    assertThat(small.endpointsInterned()).isEqualTo(2);
    assertThat(small.endpointsEvicted()).isEqualTo(9); // 10 sources + 1 destination - 2 kept
  }

  private static Value number(double n) {
    return Value.newBuilder().setNumberValue(n).build();
  }
}
