package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Hubble samples of {@code ${hubble.samples}} read through {@link JsonpbFlowReader}: every line a flow, and
 * mapped fields checked against the JSON text of the files.
 */
class JsonpbFlowReaderSamplesTest {
  private static final Map<String, Integer> FLOWS_PER_FILE = Map.of(
      "basic-sample-10-flows.json", 10,
      "basic-sample-400-tcp-flows.json", 400,
      "basic-sample-400-udp-flows.json", 400,
      "basic-sample-5-dns-flows.json", 5,
      "basic-sample-5-http-flows.json", 5);

  @BeforeEach
  void samplesPresent() {
    assumeTrue(ProtoJsonSamples.samplesPresent(),
        "real Hubble samples not run: folder " + ProtoJsonSamples.samplesDir() + " (-Dhubble.samples) is absent");
  }

  private static List<Flow> flows(String file) throws IOException {
    JsonpbFlowReader reader = new JsonpbFlowReader();
    List<Flow> flows = new ArrayList<>();
    List<String> lines = ProtoJsonSamples.lines(ProtoJsonSamples.sample(file));
    for (int i = 0; i < lines.size(); i++) {
      JsonpbFlowReader.Line line = reader.read(lines.get(i), i + 1);
      assertThat(line).as("%s line %d", file, i + 1).isInstanceOf(JsonpbFlowReader.FlowLine.class);
      flows.add(((JsonpbFlowReader.FlowLine) line).flow());
    }
    assertThat(reader.unknownEnumValues()).as("unknown enum values in %s", file).isZero();
    return flows;
  }

  @Test
  void everySampleFile_loadsFully() throws IOException {
    for (String file : ProtoJsonSamples.SAMPLE_FILES) {
      assertThat(flows(file)).as(file).hasSize(FLOWS_PER_FILE.get(file));
    }
  }

  @Test
  void firstFlowOfTenFlowSample_mapsEveryField() throws IOException {
    Flow f = flows("basic-sample-10-flows.json").get(0);

    assertThat(f.time()).isEqualTo(Instant.parse("2021-06-16T16:52:13.136834446Z"));
    assertThat(f.verdict()).isEqualTo(Verdict.FORWARDED);
    assertThat(f.sourceIp()).isEqualTo("10.0.2.16");
    assertThat(f.destinationIp()).isEqualTo("10.0.2.1");
    assertThat(f.l4()).isEqualTo(L4Protocol.TCP);
    assertThat(f.sourcePort()).isEqualTo(15020);
    assertThat(f.destinationPort()).isEqualTo(42044);
    assertThat(f.tcpFlags()).isEqualTo(TcpFlags.FIN | TcpFlags.ACK);
    assertThat(f.source().namespace()).isEqualTo("bookinfo");
    assertThat(f.source().podName()).isEqualTo("reviews-v1-545db77b95-s6jb8");
    assertThat(f.source().id()).isEqualTo(1231);
    assertThat(f.source().identity()).isEqualTo(25339);
    assertThat(f.source().labels()).hasSize(7).contains("k8s:app=reviews", "k8s:version=v1");
    assertThat(f.destination().identity()).isEqualTo(1);
    assertThat(f.destination().labels()).containsExactly("reserved:host");
    assertThat(f.destination().isPod()).isFalse();
    // no is_reply in this 2021 capture: the deprecated "reply": true stands in
    assertThat(f.isReply()).isTrue();
    assertThat(f.type()).isEqualTo(FlowType.L3_L4);
    assertThat(f.direction()).isEqualTo(TrafficDirection.INGRESS);
    assertThat(f.observationPoint()).isEqualTo("TO_STACK");
    assertThat(f.nodeName()).isEqualTo("gke-ilya-otel-demo-1-ilya-otel-demo-1-6114bb84-zr1l");
    assertThat(f.l7()).isNull();
    assertThat(f.bytesMeasured()).isFalse();
    assertThat(f.packets()).isEqualTo(Flow.UNMEASURED);
  }

  @Test
  void secondFlowOfTenFlowSample_withoutReplyFields_hasUnknownReply() throws IOException {
    Flow f = flows("basic-sample-10-flows.json").get(1);

    assertThat(f.isReply()).isNull();
    assertThat(f.source().reservedIdentity()).isEqualTo("host");
    assertThat(f.observationPoint()).isEqualTo("TO_ENDPOINT");
  }

  @Test
  void flowsOfOnePod_shareOneEndpointInstance() throws IOException {
    List<Flow> flows = flows("basic-sample-10-flows.json");
    Endpoint reviews = flows.get(0).source();

    assertThat(flows.get(1).destination()).isSameAs(reviews);
  }

  @Test
  void httpResponse_mapsMethodUrlCodeAndLatency() throws IOException {
    Flow f = flows("basic-sample-5-http-flows.json").get(3);

    assertThat(f.type()).isEqualTo(FlowType.L7);
    assertThat(f.l7().type()).isEqualTo(L7.Type.RESPONSE);
    assertThat(f.l7().latencyNanos()).isEqualTo(999_958_359L); // "latency_ns": "999958359", a uint64 as a string
    assertThat(f.l7().http().code()).isEqualTo(503);
    assertThat(f.l7().http().method()).isEqualTo("GET");
    assertThat(f.l7().http().url()).isEqualTo("http://10.156.1.2:9253/metrics");
    assertThat(f.l7().http().protocol()).isEqualTo("HTTP/1.1");
    assertThat(f.l7().dns()).isNull();
    assertThat(f.isReply()).isTrue();
    assertThat(f.source().podName()).isEqualTo("node-local-dns-r99x7");
    assertThat(f.destination().podName()).isEqualTo("prometheus-6655946b9f-6xcpf");
  }

  @Test
  void httpRequest_hasNoCodeAndIsNotAReply() throws IOException {
    Flow f = flows("basic-sample-5-http-flows.json").get(0);

    assertThat(f.l7().type()).isEqualTo(L7.Type.REQUEST);
    assertThat(f.l7().http().code()).isZero();
    assertThat(f.l7().latencyNanos()).isZero();
    assertThat(f.l7().http().url()).isEqualTo("http://10.128.0.4:9990/metrics");
    assertThat(f.isReply()).isFalse();
    assertThat(f.direction()).isEqualTo(TrafficDirection.EGRESS);
    assertThat(f.destination().reservedIdentity()).isEqualTo("world");
  }

  @Test
  void dnsResponse_mapsQueryRcodeAndTtl() throws IOException {
    Flow f = flows("basic-sample-5-dns-flows.json").get(1);

    assertThat(f.l7().dns().query()).isEqualTo("istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local.");
    assertThat(f.l7().dns().rcode()).isEqualTo(3);
    assertThat(f.l7().dns().rcodeName()).isEqualTo("NXDOMAIN");
    assertThat(f.l7().dns().qtypes()).containsExactly("A");
    assertThat(f.l7().dns().ips()).isEmpty();
    assertThat(f.l7().dns().ttl()).isEqualTo((int) 4294967295L); // uint32 max, kept bit for bit as protobuf does
  }

  @Test
  void dnsResponseWithAnswer_mapsIps() throws IOException {
    Flow f = flows("basic-sample-400-udp-flows.json").get(6);

    assertThat(f.time()).isEqualTo(Instant.parse("2021-11-10T10:40:56.874054400Z"));
    assertThat(f.l4()).isEqualTo(L4Protocol.UDP);
    assertThat(f.sourcePort()).isEqualTo(53);
    assertThat(f.destinationPort()).isEqualTo(54314);
    assertThat(f.l7().dns().query()).isEqualTo("productpage.bookinfo.svc.cluster.local.");
    assertThat(f.l7().dns().ips()).containsExactly("10.245.218.54");
    assertThat(f.l7().dns().rcode()).isZero();
    assertThat(f.l7().dns().ttl()).isEqualTo(19);
    assertThat(f.source().podName()).isEqualTo("coredns-558bd4d5db-w2m67");
    assertThat(f.destination().podName()).isEqualTo("ratings-v1-b6994bb9-jgqxb");
  }

  @Test
  void tcpSample_countsAsTheReadmeSays() throws IOException {
    List<Flow> flows = flows("basic-sample-400-tcp-flows.json");

    assertThat(flows).filteredOn(f -> f.verdict().equals(Verdict.REDIRECTED)).hasSize(27);
    assertThat(flows).filteredOn(f -> f.verdict().equals(Verdict.FORWARDED)).hasSize(373);
    assertThat(flows).filteredOn(f -> f.l7() != null && f.l7().http() != null).hasSize(65);
    assertThat(flows).allMatch(f -> f.l4() == L4Protocol.TCP);
    Flow response = flows.get(5);
    assertThat(response.l7().http().code()).isEqualTo(200);
    assertThat(response.l7().http().url()).isEqualTo("http://ratings:9080/ratings/0");
    assertThat(response.l7().latencyNanos()).isEqualTo(1_678_100L);
  }

  @Test
  void udpSample_countsAsTheReadmeSays() throws IOException {
    List<Flow> flows = flows("basic-sample-400-udp-flows.json");

    assertThat(flows).filteredOn(f -> f.verdict().equals(Verdict.REDIRECTED)).hasSize(30);
    assertThat(flows).filteredOn(f -> f.l7() != null && f.l7().dns() != null).hasSize(148);
    assertThat(flows).allMatch(f -> f.l4() == L4Protocol.UDP);
  }

  @Test
  void samples_holdNoDropsAndNoMeasuredBytes() throws IOException {
    for (String file : ProtoJsonSamples.SAMPLE_FILES) {
      assertThat(flows(file)).as(file)
          .noneMatch(f -> f.verdict().equals(Verdict.DROPPED))
          .noneMatch(Flow::bytesMeasured)
          .allMatch(f -> !f.nodeName().isEmpty())
          .allMatch(f -> f.timeNanos() > Instant.parse("2021-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L);
    }
  }
}
