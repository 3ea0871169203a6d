package io.networkvisualizer.source.file;

import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * JMH benchmark of one jsonpb line to one {@code Flow} through {@link JsonpbFlowReader}, cycling over the 820 lines of
 * the real Hubble samples (~1.3 KB each); {@code protobufJsonFormat} reads the same lines with protobuf's
 * {@code JsonFormat} into {@code GetFlowsResponse}, for scale. Scores are lines (flows) per second on one thread.
 *
 * <p>Run from the project root: {@code HUBBLE_SAMPLES=/path/to/shared/fixtures/hubble scripts/bench-file.sh jmh}
 * (extra JMH options in {@code JMH_ARGS}, e.g. {@code JMH_ARGS="-wi 1 -i 2"}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonpbFlowReaderBenchmark {
  private byte[][] lines;
  private String[] texts;
  private int next;
  private JsonpbFlowReader reader;

  @Setup
  public void setup() throws IOException {
    if (!ProtoJsonSamples.samplesPresent()) {
      throw new IllegalStateException("the benchmark reads the real samples: set -Dhubble.samples (folder "
          + ProtoJsonSamples.samplesDir() + " is absent)");
    }
    List<String> all = new ArrayList<>();
    for (String file : ProtoJsonSamples.SAMPLE_FILES) {
      all.addAll(ProtoJsonSamples.lines(ProtoJsonSamples.sample(file)));
    }
    texts = all.toArray(String[]::new);
    lines = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      lines[i] = texts[i].getBytes(StandardCharsets.UTF_8);
    }
    reader = new JsonpbFlowReader();
  }

  private int advance() {
    int i = next;
    next = i + 1 == lines.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public JsonpbFlowReader.Line streamingReader() {
    byte[] line = lines[advance()];
    return reader.read(line, 0, line.length, 1);
  }

  @Benchmark
  public GetFlowsResponse protobufJsonFormat() throws IOException {
    return ProtoJsonSamples.parse(texts[advance()]);
  }
}
