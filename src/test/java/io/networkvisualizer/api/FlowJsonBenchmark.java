package io.networkvisualizer.api;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.live.FlowDetail;
import io.networkvisualizer.source.file.FileSource;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-flow cost of the live stream's serialization on one core: {@link FlowJson#toJsonBytes}, one
 * {@code /ws/flows} message as the hub encodes it, once per flow whatever the number of clients, and
 * {@link FlowJson#toJson}, the same as text (an {@code /api/flows} item). Over the real sample flows of
 * {@code hubble.samples} (820 flows: TCP, UDP, HTTP, DNS, drops), read with the product's own file reader.
 *
 * <p>Run: {@code scripts/bench-json.sh} (builds, then runs
 * {@code java -Dhubble.samples=../shared/fixtures/hubble -cp target/test-classes:target/classes:<test classpath>
 * org.openjdk.jmh.Main FlowJsonBenchmark -prof gc}); extra arguments go to JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlowJsonBenchmark {
  private Flow[] flows;
  private int next;

  @Setup
  public void setUp() throws IOException {
    if (!ProtoJsonSamples.samplesPresent()) {
      throw new IllegalStateException("the benchmark serializes the real samples: set -Dhubble.samples (folder "
          + ProtoJsonSamples.samplesDir() + " is absent)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(ProtoJsonSamples.samplesDir())) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Flow> read = new ArrayList<>();
    FileSource.readAll(files, read::add);
    flows = read.toArray(Flow[]::new);
  }

  /** One flow to its WebSocket message text. */
  @Benchmark
  public String toJson() {
    Flow f = flows[next];
    next = next + 1 == flows.length ? 0 : next + 1;
    return FlowJson.toJson(f, FlowDetail.STANDARD);
  }

  /** One flow to its WebSocket message as the live hub sends it: UTF-8 bytes, encoded once for every client. */
  @Benchmark
  public byte[] toJsonBytes() {
    Flow f = flows[next];
    next = next + 1 == flows.length ? 0 : next + 1;
    return FlowJson.toJsonBytes(f, FlowDetail.STANDARD);
  }

  /** The same for a client that asked for the endpoints' labels ({@code include=labels}). */
  @Benchmark
  public byte[] toJsonBytesWithLabels() {
    Flow f = flows[next];
    next = next + 1 == flows.length ? 0 : next + 1;
    return FlowJson.toJsonBytes(f, FlowDetail.WITH_LABELS);
  }
}
