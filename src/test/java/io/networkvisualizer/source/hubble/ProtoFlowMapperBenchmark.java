package io.networkvisualizer.source.hubble;

import com.google.protobuf.InvalidProtocolBufferException;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-flow cost of the Hubble client's hot path on one core: the bytes of a {@code GetFlowsResponse} to our
 * {@link Flow} (interning included), by {@link FlowWireDecoder} ({@code wireDecode}, the client's path) and by the
 * generated parser followed by {@link ProtoFlowMapper} ({@code decodeAndMap}, the path before it), over the real sample flows of {@code hubble.samples}
 * (820 flows, about 1.2 KB each as protobuf), or 2,000 built Cilium-like flows when that folder is absent.
 * With {@code extensions=retina-struct} every flow also carries measured byte counts as a Retina-style
 * {@code Struct} extension, the form the simulated cluster sends ({@code -p extensions=retina-struct}).
 *
 * <p>Run: {@code scripts/bench-hubble.sh mapper} (builds, then runs
 * {@code java -Dhubble.samples=... -cp target/test-classes:target/classes:<test classpath> org.openjdk.jmh.Main
 * ProtoFlowMapperBenchmark}); extra arguments go to JMH, e.g. {@code scripts/bench-hubble.sh mapper -wi 2 -i 3}, or
 * {@code scripts/bench-hubble.sh mapper -e 'decodeOnly|mapOnly' -prof gc} for the two paths with their allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtoFlowMapperBenchmark {
  /** {@code none}: the flows as they are; {@code retina-struct}: each with measured bytes as the simulator sends. */
  @Param({"none", "retina-struct"})
  public String extensions;

  private byte[][] wire;
  private GetFlowsResponse[] decoded;
  private ProtoFlowMapper mapper;
  private FlowWireDecoder wireDecoder;
  private int next;

  @Setup
  public void setUp() {
    List<GetFlowsResponse> responses = BenchmarkFlows.samples();
    if (responses.isEmpty()) {
      List<io.networkvisualizer.source.hubble.proto.flow.Flow> built = BenchmarkFlows.built(2000, 42);
      responses = new java.util.ArrayList<>();
      for (int i = 0; i < built.size(); i++) {
        responses.add(ProtoFlows.response(built.get(i).toBuilder()
            .setTime(ProtoFlows.timestamp(ProtoFlows.T0 + i * 1000L)).build()));
      }
    }
    if (extensions.equals("retina-struct")) {
      List<GetFlowsResponse> measured = new java.util.ArrayList<>();
      for (int i = 0; i < responses.size(); i++) {
        GetFlowsResponse r = responses.get(i);
        measured.add(r.toBuilder().setFlow(r.getFlow().toBuilder().setExtensions(com.google.protobuf.Any.pack(
            com.google.protobuf.Struct.newBuilder()
                .putFields("bytes", number(74 + i % 1400))
                .putFields("previously_observed_bytes", number(1000L * i))
                .putFields("previously_observed_packets", number(i))
                .build()))).build());
      }
      responses = measured;
    }
    wire = responses.stream().map(GetFlowsResponse::toByteArray).toArray(byte[][]::new);
    decoded = responses.toArray(GetFlowsResponse[]::new);
    mapper = new ProtoFlowMapper();
    wireDecoder = new FlowWireDecoder();
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == wire.length ? 0 : i + 1;
    return i;
  }

  /** What the client does per flow: decode the response, map its flow. */
  @Benchmark
  public Flow decodeAndMap() throws InvalidProtocolBufferException {
    GetFlowsResponse response = GetFlowsResponse.parseFrom(wire[nextIndex()]);
    return mapper.map(response.getFlow(), 0);
  }

  /**
   * What the client does per flow since {@link FlowWireDecoder}: the response's bytes straight to a {@link Flow},
   * endpoints and repeating strings found by their bytes.
   */
  @Benchmark
  public Flow wireDecode() {
    return ((DecodedResponse.FlowMessage) wireDecoder.decode(wire[nextIndex()])).flow();
  }

  /** The generated parser's decode alone, the floor of {@link #decodeAndMap}. */
  @Benchmark
  public GetFlowsResponse decodeOnly() throws InvalidProtocolBufferException {
    return GetFlowsResponse.parseFrom(wire[nextIndex()]);
  }

  /**
   * Mapping alone, from already decoded messages. Lower than its share of {@link #decodeAndMap}: the strings of a
   * decoded message are converted from UTF-8 once and then cached in the message.
   */
  @Benchmark
  public Flow mapOnly() {
    return mapper.map(decoded[nextIndex()].getFlow(), 0);
  }

  private static com.google.protobuf.Value number(double v) {
    return com.google.protobuf.Value.newBuilder().setNumberValue(v).build();
  }
}
