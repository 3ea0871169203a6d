package io.networkvisualizer.source.simulator;

import static io.networkvisualizer.source.simulator.Sample.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated flows written as a Hubble flow log read back as the very same flows. */
class FlowDumpTest {
  private static final long EPOCH = MutableClock.START.getEpochSecond() * SECOND;
  private static final JsonFormat.Parser PARSER = JsonFormat.parser()
      .usingTypeRegistry(TypeRegistry.newBuilder().add(Struct.getDescriptor()).build());

  @TempDir
  Path dir;

  private static List<Flow> generated(SimulatorOptions options, long seconds) {
    List<Flow> out = new ArrayList<>();
    new TrafficGenerator(options, EPOCH).generate(EPOCH, EPOCH + seconds * SECOND, out::add);
    return out;
  }

  @Test
  void write_givesOneHubbleJsonpbLinePerFlow_thatParsesBackToTheFlow() throws IOException {
    Path file = dir.resolve("flows.jsonl");

    long written = FlowDump.write(SimulatorOptions.defaults(), MutableClock.START, Duration.ofSeconds(10), file);

    List<String> lines = Files.readAllLines(file);
    List<Flow> expected = generated(SimulatorOptions.defaults(), 10);
    assertThat(written).isEqualTo(lines.size()).isEqualTo(expected.size());
    for (int i = 0; i < lines.size(); i++) {
      GetFlowsResponse.Builder parsed = GetFlowsResponse.newBuilder();
      PARSER.merge(lines.get(i), parsed);
      assertThat(parsed.getFlow()).isEqualTo(expected.get(i));
      assertThat(parsed.getNodeName()).isEqualTo(expected.get(i).getNodeName());
      assertThat(parsed.getTime()).isEqualTo(expected.get(i).getTime());
    }
    String line = lines.stream().filter(l -> l.contains("\"TCP\"")).findFirst().orElseThrow();
    assertThat(line).startsWith("{\"flow\":{\"time\":\"2024-01-02T15:04:")
        .contains("\"source_port\":", "\"is_reply\":", "\"Type\":\"L3_L4\"", "\"Summary\":\"TCP Flags:",
            "\"extensions\":{\"@type\":\"type.googleapis.com/google.protobuf.Struct\",\"value\":{\"bytes\":")
        .containsPattern("\\},\"node_name\":\"sim-node-[123]\",\"time\":\"[^\"]+\"\\}$")
        .contains("\"k8s:app=").doesNotContain("\\u003d");
  }

  @Test
  void htmlEscapes_areUndone_unlessTheBackslashIsEscapedItself() {
    assertThat(FlowDump.unescapeHtml("{\"a\":\"k8s:app\\u003dx \\u0026 y\"}")).isEqualTo("{\"a\":\"k8s:app=x & y\"}");
    assertThat(FlowDump.unescapeHtml("\"\\\\u003d\"")).isEqualTo("\"\\\\u003d\"");
    assertThat(FlowDump.unescapeHtml("\"\\\\\\u003d\"")).isEqualTo("\"\\\\=\"");
  }

  @Test
  void write_compressesWhenTheNameEndsInGz() throws IOException {
    Path file = dir.resolve("flows.jsonl.gz");

    long written = FlowDump.write(SimulatorOptions.defaults().withBytes(false), MutableClock.START,
        Duration.ofSeconds(5), file);

    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      in.lines().forEach(lines::add);
    }
    assertThat(lines).hasSize((int) written).isNotEmpty().noneMatch(l -> l.contains("extensions"));
  }
}
