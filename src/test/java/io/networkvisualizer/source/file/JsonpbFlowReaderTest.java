package io.networkvisualizer.source.file;

import io.networkvisualizer.testing.HandWrittenLines;

import static io.networkvisualizer.testing.HandWrittenLines.oneLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.flow.Strings;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.file.JsonpbFlowReader.FlowLine;
import io.networkvisualizer.source.file.JsonpbFlowReader.Line;
import io.networkvisualizer.source.file.JsonpbFlowReader.LostEventsLine;
import io.networkvisualizer.source.file.JsonpbFlowReader.MalformedLine;
import io.networkvisualizer.source.file.JsonpbFlowReader.NodeStatusLine;
import io.networkvisualizer.source.file.JsonpbFlowReader.SkippedLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link JsonpbFlowReader} on hand-written lines: what the real samples do not hold, and bad input. */
class JsonpbFlowReaderTest {
  private final JsonpbFlowReader reader = new JsonpbFlowReader();

  private Flow flow(String line) {
    Line read = reader.read(line, 1);
    assertThat(read).as(line).isInstanceOf(FlowLine.class);
    return ((FlowLine) read).flow();
  }

  private MalformedLine malformed(String line, long number) {
    Line read = reader.read(line, number);
    assertThat(read).as(line).isInstanceOf(MalformedLine.class);
    return (MalformedLine) read;
  }

  @Test
  void policyDrop_mapsReasonDeniedByAndEndpoints() {
    Flow f = flow(HandWrittenLines.POLICY_DROP);

    assertThat(f.time()).isEqualTo(Instant.parse("2024-03-01T12:00:00.000000001Z"));
    assertThat(f.uuid()).isEqualTo("5f0e1c2a-9d7b-4a51-8d0e-2b7f3c9a1e44");
    assertThat(f.verdict()).isEqualTo(Verdict.DROPPED);
    assertThat(f.dropReason()).isEqualTo(DropReason.of(133));
    assertThat(f.dropReason().name()).isEqualTo("POLICY_DENIED");
    assertThat(f.deniedBy()).containsExactly("shop/deny-db", "cluster-lockdown");
    assertThat(f.tcpFlags()).isEqualTo(TcpFlags.SYN);
    assertThat(f.isReply()).isFalse();
    assertThat(f.source()).isEqualTo(new Endpoint(42, 12345, "prod", "shop", "checkout-7d4b9c6f5-x2k4f",
        java.util.List.of("k8s:app=checkout", "k8s:io.kubernetes.pod.namespace=shop"), "checkout", "Deployment"));
    assertThat(f.destination().workloadName()).isEqualTo("postgres");
    assertThat(f.destination().workloadKind()).isEqualTo("StatefulSet");
    assertThat(f.destinationService()).isEqualTo(new ServiceRef("db", "postgres"));
    assertThat(f.sourceService()).isNull();
    assertThat(f.observationPoint()).isEqualTo("FROM_ENDPOINT");
    assertThat(f.direction()).isEqualTo(TrafficDirection.EGRESS);
    assertThat(reader.unknownEnumValues()).isZero();
  }

  @Test
  void unknownVerdictName_keepsTheRestAndCounts() {
    Flow f = flow(HandWrittenLines.UNKNOWN_VERDICT_NAME);

    assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(f.direction()).isEqualTo(TrafficDirection.UNKNOWN); // "SIDEWAYS"
    assertThat(f.l4()).isEqualTo(L4Protocol.UDP);
    assertThat(f.destinationPort()).isEqualTo(53);
    assertThat(f.observationPoint()).isEqualTo("TO_STACK");
    assertThat(f.nodeName()).isEqualTo("node-b"); // from the envelope: the flow has none
    assertThat(reader.unknownEnumValues()).isEqualTo(2);
  }

  @Test
  void enumsGivenByNumber_mapLikeNames_andUnknownVerdictNumbersAreKept() {
    Flow f = flow(HandWrittenLines.UNKNOWN_VERDICT_NUMBER);

    assertThat(f.verdict()).isEqualTo(Verdict.of(15));
    assertThat(f.verdict().name()).isEqualTo("VERDICT_15");
    assertThat(f.type()).isEqualTo(FlowType.L7);
    assertThat(f.direction()).isEqualTo(TrafficDirection.INGRESS);
    assertThat(f.observationPoint()).isEqualTo("TO_ENDPOINT");
    assertThat(f.l7().type()).isEqualTo(L7.Type.SAMPLE);
    assertThat(f.time()).isEqualTo(Instant.parse("2024-03-01T12:00:02.5Z"));
    assertThat(reader.unknownEnumValues()).isEqualTo(1);
  }

  @Test
  void unknownDropReasonName_fallsBackToTheDeprecatedNumber() {
    Flow f = flow(HandWrittenLines.UNKNOWN_DROP_REASON);

    assertThat(f.dropReason()).isEqualTo(DropReason.of(205));
    assertThat(f.dropReason().name()).isEqualTo("DROP_REASON_205");
    assertThat(reader.unknownEnumValues()).isEqualTo(1);
  }

  @Test
  void unknownDropReasonNumber_isKept() {
    Flow f = flow(HandWrittenLines.UNKNOWN_DROP_REASON_NUMBER);

    assertThat(f.dropReason()).isEqualTo(DropReason.of(250));
    assertThat(reader.unknownEnumValues()).isEqualTo(1);
  }

  @Test
  void unknownObservationPointName_isKeptAsGiven() {
    Flow f = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","trace_observation_point":"FROM_SOMEWHERE_NEW"}}
        """));

    assertThat(f.observationPoint()).isEqualTo("FROM_SOMEWHERE_NEW");
    assertThat(reader.unknownEnumValues()).isEqualTo(1);
  }

  @Test
  void icmpV4_mapsTypeAndNoPorts() {
    Flow f = flow(HandWrittenLines.ICMP_V4);

    assertThat(f.l4()).isEqualTo(L4Protocol.ICMPV4);
    assertThat(f.icmpType()).isEqualTo(8);
    assertThat(f.sourcePort()).isZero();
    assertThat(f.destinationPort()).isZero();
    assertThat(f.destinationNames()).containsExactly("dns.google");
    assertThat(f.destination().reservedIdentity()).isEqualTo("world");
  }

  @Test
  void icmpV6_withIsReplyAndReply_usesIsReply() {
    Flow f = flow(HandWrittenLines.ICMP_V6_REPLY);

    assertThat(f.l4()).isEqualTo(L4Protocol.ICMPV6);
    assertThat(f.icmpType()).isEqualTo(129);
    assertThat(f.isReply()).isTrue();
  }

  @Test
  void isReplyFalse_winsOverDeprecatedReplyTrue() {
    Flow f = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","reply":true,"is_reply":false}}
        """));

    assertThat(f.isReply()).isFalse();
  }

  @Test
  void retinaStructExtensions_giveMeasuredBytesAndPackets() {
    Flow f = flow(HandWrittenLines.RETINA_STRUCT);

    assertThat(f.bytesMeasured()).isTrue();
    assertThat(f.bytes()).isEqualTo(1500 + 30_000);
    assertThat(f.packets()).isEqualTo(20 + 1);
    assertThat(reader.unmeasuredExtensions()).isZero();
  }

  @Test
  void retinaStruct_withValueBeforeType_isStillMeasured() {
    Flow f = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","extensions":{"value":{"bytes":60},
         "@type":"type.googleapis.com/google.protobuf.Struct"}}}
        """));

    assertThat(f.bytes()).isEqualTo(60);
    assertThat(f.packets()).isEqualTo(1);
  }

  @Test
  void structWithoutBytes_isUnmeasured() {
    Flow f = flow(HandWrittenLines.STRUCT_WITHOUT_BYTES);

    assertThat(f.bytesMeasured()).isFalse();
    assertThat(f.bytes()).isEqualTo(Flow.UNMEASURED);
    assertThat(f.packets()).isEqualTo(Flow.UNMEASURED);
    assertThat(reader.unmeasuredExtensions()).isEqualTo(1);
  }

  @Test
  void nonStructExtension_isUnmeasured() {
    // Retina 1.0's own message type: its fields are inline, and it is not the Struct form
    Flow f = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","extensions":{"@type":"type.googleapis.com/utils.RetinaMetadata",
         "bytes":1500,"previously_observed_bytes":100,"previously_observed_packets":2}}}
        """));

    assertThat(f.bytesMeasured()).isFalse();
    assertThat(f.packets()).isEqualTo(Flow.UNMEASURED);
    assertThat(reader.unmeasuredExtensions()).isEqualTo(1);
  }

  @Test
  void negativeOrNonNumericStructCounts_areUnmeasured() {
    Flow negative = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","extensions":{"@type":"type.googleapis.com/google.protobuf.Struct",
         "value":{"bytes":-5}}}}
        """));
    Flow text = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","extensions":{"@type":"type.googleapis.com/google.protobuf.Struct",
         "value":{"bytes":100,"previously_observed_packets":"many"}}}}
        """));

    assertThat(negative.bytesMeasured()).isFalse();
    assertThat(text.bytesMeasured()).isFalse();
  }

  @Test
  void sixtyFourBitIntegersAsStrings_areReadExactly() {
    Flow f = flow(HandWrittenLines.SIXTY_FOUR_BIT_STRINGS);

    assertThat(f.l7().latencyNanos()).isEqualTo(9_007_199_254_740_993L); // 2^53 + 1: no detour through double
    assertThat(f.sourcePort()).isEqualTo(443); // a uint32 given as a string is accepted too
    assertThat(f.time()).isEqualTo(Instant.parse("2024-03-01T12:00:07.123456789Z"));
    assertThat(f.l7().http().protocol()).isEqualTo("HTTP/2");
  }

  @Test
  void uint64BeyondLongRange_saturates() {
    Flow f = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","l7":{"latency_ns":"18446744073709551615"}}}
        """));

    assertThat(f.l7().latencyNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void camelCaseKeys_areReadLikeFieldNames() {
    Flow f = flow(HandWrittenLines.CAMEL_CASE_KEYS);

    assertThat(f.dropReason().name()).isEqualTo("POLICY_DENY");
    assertThat(f.l4()).isEqualTo(L4Protocol.SCTP);
    assertThat(f.sourcePort()).isEqualTo(36412);
    assertThat(f.destinationPort()).isEqualTo(38412);
    assertThat(f.source().cluster()).isEqualTo("edge");
    assertThat(f.source().podName()).isEqualTo("amf-0");
    assertThat(f.sourceNames()).containsExactly("amf.ran.svc");
    assertThat(f.sourceService()).isEqualTo(new ServiceRef("ran", "amf"));
    assertThat(f.direction()).isEqualTo(TrafficDirection.INGRESS);
    assertThat(f.observationPoint()).isEqualTo("TO_ENDPOINT");
    assertThat(f.isReply()).isFalse();
    assertThat(f.deniedBy()).containsExactly("ran/sctp-only");
    assertThat(f.nodeName()).isEqualTo("node-d"); // the flow's own node name wins over the envelope's
  }

  @Test
  void oversizedUrl_isCapped() {
    Flow f = flow(HandWrittenLines.OVERSIZED_URL);

    assertThat(f.l7().http().url()).hasSize(Strings.MAX_LENGTH + 3).endsWith("...")
        .startsWith("https://evil.example.com/aaa");
  }

  @Test
  void dnsResponse_mapsEveryDnsField() {
    Flow f = flow(HandWrittenLines.DNS_RESPONSE);

    assertThat(f.l7().dns().query()).isEqualTo("api.example.com.");
    assertThat(f.l7().dns().ips()).containsExactly("1.2.3.4", "1.2.3.5", "2001:db8::1");
    assertThat(f.l7().dns().qtypes()).containsExactly("A", "AAAA");
    assertThat(f.l7().dns().ttl()).isEqualTo(300);
    assertThat(f.l7().dns().rcode()).isZero();
    assertThat(f.l7().latencyNanos()).isEqualTo(250_000);
  }

  @Test
  void bareFlowObject_isAFlow() {
    Flow f = flow(HandWrittenLines.BARE_FLOW);

    assertThat(f.time()).isEqualTo(Instant.parse("2020-11-02T10:11:12.131415161Z"));
    assertThat(f.source().podName()).isEqualTo("checkout-1");
    assertThat(f.destination().podName()).isEqualTo("web-1");
    assertThat(f.tcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
    assertThat(f.nodeName()).isEqualTo("node-old");
    assertThat(f.isReply()).isNull(); // "reply": false says nothing: it is also what an unknown reply looks like
  }

  @Test
  void lostEventsLine_givesTheCount() {
    Line read = reader.read(HandWrittenLines.LOST_EVENTS, 4);

    assertThat(read).isEqualTo(new LostEventsLine(37, "PERF_EVENT_RING_BUFFER"));
  }

  @Test
  void nodeStatusLine_givesStateNodesAndMessage() {
    Line read = reader.read(HandWrittenLines.NODE_STATUS, 5);

    assertThat(read).isEqualTo(
        new NodeStatusLine("NODE_UNAVAILABLE", java.util.List.of("node-f", "node-g"), "connection refused"));
  }

  @Test
  void exportFileAgentEvent_isSkipped() {
    Line read = reader.read("{\"agent_event\":{\"type\":\"ENDPOINT_CREATED\"},\"node_name\":\"n\"}", 1);

    assertThat(read).isEqualTo(new SkippedLine("agent_event"));
  }

  @Test
  void blankLines_areSkipped() {
    assertThat(reader.read("", 1)).isEqualTo(SkippedLine.BLANK);
    assertThat(reader.read("  \t\r", 2)).isEqualTo(SkippedLine.BLANK);
  }

  @Test
  void flowTime_fallsBackToTheEnvelopeTime() {
    Flow f = flow("{\"flow\":{\"verdict\":\"FORWARDED\"},\"time\":\"2024-03-01T12:00:00+01:00\"}");

    assertThat(f.time()).isEqualTo(Instant.parse("2024-03-01T11:00:00Z"));
  }

  @Test
  void unknownKeysAtAnyDepth_areSkipped() {
    Flow f = flow(oneLine("""
        {"flow":{"future":{"deep":[1,{"x":[true,null]}]},"time":"2024-03-01T12:00:00Z",
         "source":{"pod_name":"a","new_field":{"k":"v"}},"l4":{"QUIC":{"port":1},"UDP":{"source_port":1,"x":2}}},
         "extra":"ignored"}
        """));

    assertThat(f.source().podName()).isEqualTo("a");
    assertThat(f.l4()).isEqualTo(L4Protocol.UDP);
    assertThat(f.sourcePort()).isEqualTo(1);
  }

  @Test
  void nullValues_meanDefaults() {
    Flow f = flow(oneLine("""
        {"flow":{"time":"2024-03-01T12:00:00Z","verdict":null,"is_reply":null,"source":null,"l7":null,
         "IP":{"source":null},"source_names":null}}
        """));

    assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(f.isReply()).isNull();
    assertThat(f.source()).isSameAs(Endpoint.UNKNOWN);
    assertThat(f.l7()).isNull();
    assertThat(f.sourceIp()).isEmpty();
  }

  @Test
  void truncatedLine_isMalformedWithItsNumber() {
    String full = HandWrittenLines.POLICY_DROP;
    MalformedLine bad = malformed(full.substring(0, full.length() / 2), 17);

    assertThat(bad.lineNumber()).isEqualTo(17);
    assertThat(bad.reason()).contains("truncated");
  }

  @Test
  void invalidJson_isMalformedWithAShortReason() {
    MalformedLine bad = malformed("{\"flow\":{\"time\":\"2024-03-01T12:00:00Z\",,}}", 3);

    assertThat(bad.reason()).startsWith("invalid JSON at column").hasSizeLessThan(200);
  }

  @Test
  void notAnObject_contentAfterIt_orNoFlow_areMalformed() {
    assertThat(malformed("[1,2,3]", 1).reason()).isEqualTo("not a JSON object");
    assertThat(malformed("\"flow\"", 1).reason()).isEqualTo("not a JSON object");
    assertThat(malformed("{\"flow\":{}} {\"flow\":{}}", 1).reason()).isEqualTo("content after the JSON object");
    assertThat(malformed("{}", 1).reason()).isEqualTo("no flow, lost_events or node_status in the object");
    assertThat(malformed("{\"node_name\":\"n\"}", 1).reason()).contains("no flow");
  }

  @Test
  void valuesOfTheWrongKind_areMalformedAndNameTheField() {
    assertThat(malformed("{\"flow\":{\"l4\":{\"TCP\":{\"source_port\":70000}}}}", 1).reason())
        .isEqualTo("flow.l4.TCP: port 70000 is out of range 0..65535");
    assertThat(malformed("{\"flow\":{\"l4\":{\"TCP\":{\"source_port\":-1}}}}", 1).reason()).contains("negative");
    assertThat(malformed("{\"flow\":{\"verdict\":true}}", 1).reason()).contains("flow.verdict");
    assertThat(malformed("{\"flow\":{\"source\":{\"labels\":\"k8s:app=x\"}}}", 1).reason())
        .contains("flow.source").contains("array");
    assertThat(malformed("{\"flow\":{\"l7\":{\"latency_ns\":\"12ms\"}}}", 1).reason()).contains("latency_ns");
    assertThat(malformed("{\"flow\":{\"is_reply\":\"yes\"}}", 1).reason()).contains("flow.is_reply");
    assertThat(malformed("{\"flow\":[]}", 1).reason()).contains("flow");
  }

  @Test
  void badTimestamps_areMalformed() {
    assertThat(malformed("{\"flow\":{\"time\":\"yesterday\"}}", 1).reason()).startsWith("flow.time: ");
    assertThat(malformed("{\"flow\":{\"time\":\"1969-12-31T23:59:59Z\"}}", 1).reason()).contains("before 1970");
    assertThat(malformed("{\"flow\":{\"time\":1700000000}}", 1).reason()).contains("flow.time");
  }

  @Test
  void deeplyNestedUnknownValue_isMalformedNotAStackOverflow() {
    String deep = "{\"flow\":{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";

    assertThat(malformed(deep, 1).reason()).contains("invalid JSON");
  }

  @Test
  void invalidUtf8_isMalformed() {
    byte[] line = "{\"flow\":{\"uuid\":\"\u00e9\"}}".getBytes(StandardCharsets.UTF_8);
    line[17] = (byte) 0xff;

    assertThat(reader.read(line, 0, line.length, 9)).isInstanceOf(MalformedLine.class);
  }

  @Test
  void hugeLists_areCappedAndCounted() {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      labels.append(i == 0 ? "" : ",").append("\"k8s:l").append(i).append("=v\"");
    }
    Flow f = flow("{\"flow\":{\"source\":{\"labels\":[" + labels + "]},\"source_names\":[" + labels + "]}}");

    assertThat(f.source().labels()).hasSize(JsonpbFlowReader.MAX_LIST_ITEMS);
    assertThat(f.sourceNames()).hasSize(JsonpbFlowReader.MAX_LIST_ITEMS);
    assertThat(reader.truncatedLists()).isEqualTo(2);
  }

  @Test
  void readingFromAByteRange_readsOnlyThatRange() {
    String line = HandWrittenLines.ICMP_V4;
    byte[] padded = ("garbage\n" + line + "\nmore garbage").getBytes(StandardCharsets.UTF_8);

    Line read = reader.read(padded, 8, line.getBytes(StandardCharsets.UTF_8).length, 2);

    assertThat(read).isInstanceOf(FlowLine.class);
  }

  @Test
  void byteOrderMarkAndSurroundingWhitespace_areIgnored() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = (" \t" + HandWrittenLines.ICMP_V4 + " \r").getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, line, 0, bom.length);
    System.arraycopy(text, 0, line, bom.length, text.length);

    Line read = reader.read(line, 0, line.length, 1);

    assertThat(read).isInstanceOf(FlowLine.class);
    assertThat(((FlowLine) read).flow().source().podName()).isEqualTo("checkout-7d4b9c6f5-x2k4f");
  }

  @Test
  void oneEndpoint_isSharedAcrossLines_evenWhenWrittenWithOtherSpacing() {
    String compact = "{\"flow\":{\"source\":{\"namespace\":\"shop\",\"pod_name\":\"web-1\",\"labels\":[\"k8s:app=web\"]}}}";
    String spaced = "{ \"flow\" : { \"source\" : { \"namespace\" : \"shop\" , \"pod_name\":\"web-1\", \"labels\" : [ \"k8s:app=web\" ] } } }";
    String reordered = "{\"flow\":{\"source\":{\"pod_name\":\"web-1\",\"namespace\":\"shop\",\"labels\":[\"k8s:app=web\"]}}}";

    Endpoint first = flow(compact).source();
    Endpoint again = flow(compact).source();
    Endpoint spacedOut = flow(spaced).source();
    Endpoint otherOrder = flow(reordered).source();

    assertThat(again).isSameAs(first);
    assertThat(spacedOut).isSameAs(first);
    assertThat(otherOrder).isEqualTo(first);
    assertThat(reader.internedEndpoints()).isEqualTo(2);
  }

  @Test
  void endpointOfTheWrongShape_isMalformed_evenAfterTheSameEndpointWasRead() {
    flow("{\"flow\":{\"source\":{\"pod_name\":\"a\"}}}");

    assertThat(malformed("{\"flow\":{\"source\":{\"pod_name\":7}}}", 2).reason()).contains("flow.source");
    assertThat(malformed("{\"flow\":{\"source\":{\"pod_name\":\"a\"}]}}", 3).reason()).contains("invalid JSON");
  }

  @Test
  void aBadLine_leavesNoStateForTheNext() {
    malformed("{\"flow\":{\"verdict\":\"DROPPED\",\"source\":{\"pod_name\":\"x\"},\"l4\":{\"TCP\":{\"source_port\":1e9}}}}", 1);
    Flow f = flow("{\"flow\":{\"time\":\"2024-03-01T12:00:00Z\"}}");

    assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(f.source()).isSameAs(Endpoint.UNKNOWN);
    assertThat(f.l4()).isEqualTo(L4Protocol.NONE);
  }
}
