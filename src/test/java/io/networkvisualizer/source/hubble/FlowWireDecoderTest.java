package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.ProtoFlows.T0;
import static io.networkvisualizer.source.hubble.ProtoFlows.response;
import static io.networkvisualizer.source.hubble.ProtoFlows.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.hubble.DecodedResponse.FlowMessage;
import io.networkvisualizer.source.hubble.DecodedResponse.Malformed;
import io.networkvisualizer.source.hubble.DecodedResponse.Other;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.relay.NodeState;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.TrafficGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The wire decoder against its differential oracle, the generated parser followed by {@link ProtoFlowMapper} (the
 * Hubble client's path before it): the same {@link Flow} by value for every real sample, every simulated flow and
 * thousands of random ones, the same verdict on malformed bytes, and never an exception.
 */
class FlowWireDecoderTest {
  private final FlowWireDecoder decoder = new FlowWireDecoder();
  private final ProtoFlowMapper oracleMapper = new ProtoFlowMapper();

  /** What a response decodes to: a flow, another kind of response, or malformed. */
  private record Outcome(String kind, Flow flow) {}

  private Outcome oracle(byte[] bytes) {
    GetFlowsResponse response;
    try {
      response = GetFlowsResponse.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return new Outcome("malformed", null);
    }
    if (response.getResponseTypesCase() != GetFlowsResponse.ResponseTypesCase.FLOW) {
      return new Outcome("other " + response.getResponseTypesCase(), null);
    }
    try {
      long fallback = response.hasTime() ? ProtoFlowMapper.nanos(response.getTime()) : 0;
      return new Outcome("flow", oracleMapper.map(response.getFlow(), fallback));
    } catch (RuntimeException e) {
      return new Outcome("malformed", null);
    }
  }

  private Outcome decoded(byte[] bytes) {
    DecodedResponse decoded = decoder.decode(bytes);
    if (decoded instanceof FlowMessage message) {
      return new Outcome("flow", message.flow());
    }
    if (decoded instanceof Other other) {
      return new Outcome("other " + other.response().getResponseTypesCase(), null);
    }
    assertThat(((Malformed) decoded).what()).isIn(FlowWireDecoder.NOT_A_RESPONSE, FlowWireDecoder.NOT_A_FLOW);
    return new Outcome("malformed", null);
  }

  private void assertDecodesLikeTheOracle(List<byte[]> responses, String what) {
    for (int i = 0; i < responses.size(); i++) {
      byte[] bytes = responses.get(i);
      assertThat(decoded(bytes)).as("%s #%d: %s", what, i, ByteString.copyFrom(bytes)).isEqualTo(oracle(bytes));
    }
  }

  @Test
  void realSamples_decodeToTheOraclesFlows() {
    Path dir = Path.of(System.getProperty("hubble.samples", "../shared/fixtures/hubble"));
    Assumptions.assumeTrue(Files.isDirectory(dir), "real Hubble samples not run: folder " + dir + " is absent");
    List<byte[]> samples = BenchmarkFlows.samples().stream().map(GetFlowsResponse::toByteArray).toList();

    assertThat(samples).hasSizeGreaterThanOrEqualTo(820);
    assertDecodesLikeTheOracle(samples, "sample");
    assertThat(samples).allSatisfy(bytes -> assertThat(decoder.decode(bytes)).isInstanceOf(FlowMessage.class));
  }

  @Test
  void simulatedFlows_decodeToTheOraclesFlows() {
    long epoch = T0;
    List<byte[]> responses = new ArrayList<>();
    for (boolean bytes : new boolean[] {true, false}) {
      TrafficGenerator generator = new TrafficGenerator(
          SimulatorOptions.defaults().withRate(1000).withBytes(bytes).withAnomalies(true), epoch);
      generator.generate(epoch, epoch + 3_000_000_000L, f -> responses.add(response(f).toByteArray()));
    }

    assertThat(responses).hasSizeGreaterThan(4000);
    assertDecodesLikeTheOracle(responses, "simulated");
  }

  @Test
  void randomFlowsWithEveryField_decodeToTheOraclesFlows() {
    RandomFlows random = new RandomFlows(7);
    List<byte[]> responses = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      responses.add(random.response().toByteArray());
    }

    assertDecodesLikeTheOracle(responses, "random");
    assertThat(responses.stream().map(this::decoded).filter(o -> o.kind().equals("flow")).count())
        .as("most random flows are valid").isGreaterThan(4000);
  }

  @Test
  void concatenatedResponses_mergeAsProtobufMergesThem() {
    // Parsing two messages' bytes one after the other is merging them: fields occurring twice, oneofs switching.
    RandomFlows random = new RandomFlows(11);
    List<byte[]> responses = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      GetFlowsResponse second = i % 10 == 0 ? ProtoFlows.lost(3) : i % 10 == 1
          ? ProtoFlows.nodeStatus(NodeState.NODE_GONE, "node-2") : random.response();
      GetFlowsResponse first = i % 10 == 2 ? ProtoFlows.lost(1) : random.response();
      responses.add(concat(first.toByteArray(), second.toByteArray()));
    }

    assertDecodesLikeTheOracle(responses, "concatenated");
  }

  @Test
  void otherResponses_areHandedOverParsed() {
    DecodedResponse lost = decoder.decode(ProtoFlows.lost(7).toByteArray());
    DecodedResponse status = decoder.decode(ProtoFlows.nodeStatus(NodeState.NODE_CONNECTED, "n").toByteArray());
    DecodedResponse empty = decoder.decode(new byte[0]);

    assertThat(lost).isEqualTo(new Other(ProtoFlows.lost(7)));
    assertThat(((Other) status).response().getNodeStatus().getNodeNamesList()).containsExactly("n");
    assertThat(((Other) empty).response().getResponseTypesCase())
        .isEqualTo(GetFlowsResponse.ResponseTypesCase.RESPONSETYPES_NOT_SET);
  }

  @Test
  void resumeKey_isTheUuidOrTheFlowsBytes() {
    io.networkvisualizer.source.hubble.proto.flow.Flow noUuid = tcp(T0, "", 1).build();

    assertThat(((FlowMessage) decoder.decode(response(tcp(T0, "u-1", 1).build()).toByteArray())).resumeKey())
        .isEqualTo("u-1");
    assertThat(((FlowMessage) decoder.decode(response(noUuid).toByteArray())).resumeKey())
        .isEqualTo(noUuid.toByteString());
  }

  @Test
  void endpointsAndStrings_areSharedAcrossFlows() {
    Flow a = ((FlowMessage) decoder.decode(response(tcp(T0, "a", 1).build()).toByteArray())).flow();
    Flow b = ((FlowMessage) decoder.decode(response(tcp(T0 + 1, "b", 2).build()).toByteArray())).flow();

    assertThat(b.source()).isSameAs(a.source());
    assertThat(b.destination()).isSameAs(a.destination());
    assertThat(b.nodeName()).isSameAs(a.nodeName());
    assertThat(b.sourceIp()).isSameAs(a.sourceIp());
    assertThat(decoder.endpointsInterned()).isEqualTo(2);
  }

  @Test
  void interner_isBoundedAndCountsEvictions() {
    FlowWireDecoder small = new FlowWireDecoder(2, 2);
    for (int i = 0; i < 10; i++) {
      small.decode(response(tcp(T0, "", 1).setSource(ProtoFlows.pod("shop", "pod-" + i, "app")).build())
          .toByteArray());
    }

    assertThat(small.endpointsInterned()).isEqualTo(2);
    assertThat(small.endpointsEvicted()).isEqualTo(9); // 10 sources + 1 destination - 2 kept
    assertThat(small.stringsEvicted()).as("IPs and node name through a 2-string cache").isPositive();
  }

  @Test
  void truncatedAtEveryOffset_isMalformedExactlyWhenTheOracleSaysSo() {
    List<byte[]> samples = new ArrayList<>();
    samples.add(response(tcp(T0, "t-1", 40_001).build()).toByteArray());
    samples.add(new RandomFlows(3).response().toByteArray());
    BenchmarkFlows.samples().stream().limit(3).forEach(r -> samples.add(r.toByteArray()));
    List<byte[]> truncated = new ArrayList<>();
    for (byte[] bytes : samples) {
      for (int length = 0; length < bytes.length; length++) {
        truncated.add(java.util.Arrays.copyOf(bytes, length));
      }
    }

    assertDecodesLikeTheOracle(truncated, "truncated");
    assertThat(truncated.stream().filter(b -> decoder.decode(b) instanceof Malformed).count())
        .as("nearly every cut is malformed").isGreaterThan(truncated.size() / 2);
  }

  @Test
  void randomByteFlips_neverThrow_andAgreeWithTheOracleWheneverItDecodes() {
    Random random = new Random(5);
    RandomFlows flows = new RandomFlows(5);
    int malformed = 0;
    for (int i = 0; i < 5000; i++) {
      byte[] bytes = flows.response().toByteArray();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      Outcome expected = oracle(bytes);
      Outcome actual = decoded(bytes); // fails the test if decode throws
      if (!expected.kind().equals("malformed")) {
        // Fields the decoder skips are not checked inside (it is lenient there), so only this way round is exact.
        assertThat(actual).as("flipped #%d: %s", i, ByteString.copyFrom(bytes)).isEqualTo(expected);
      } else if (actual.kind().equals("malformed")) {
        malformed++;
      }
    }
    assertThat(malformed).as("flips the decoder also finds malformed").isGreaterThan(1200);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
