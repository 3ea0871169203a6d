package io.networkvisualizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.config.Arguments;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.source.simulator.FlowDump;
import io.networkvisualizer.source.simulator.Scenario;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.TrafficGenerator;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network-visualizer analyze}: over the real samples (nothing spurious), over a simulated flow log with
 * injected anomalies (each found), the same output every run, the {@code --edges} shape, and the exit codes.
 */
class AnalyzerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2024-01-02T15:04:05Z");
  static final Duration LENGTH = Duration.ofSeconds(370);

  @TempDir
  static Path dir;
  static Path simulated;
  static List<Scenario> scenarios;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  static Run analyze(String... args) {
    Arguments.Invocation invocation = Arguments.parse(args, Map.of(), new PrintWriter(new StringWriter()));
    return analyze(invocation);
  }

  static Run analyze(Arguments.Invocation invocation) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Analyzer.run(invocation, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Six simulated minutes at 100 flows/s with the eight anomaly kinds injected every 30 s after 130 s, for 25 s each,
   * gzip-compressed; analysed with a two-minute warm-up (longer than the simulated probes' cycle) and exfiltration
   * judged over 20 s. The spike and drop need longer baselines and busier edges: {@code SimulatedClusterTest} checks
   * them over thirty minutes.
   */
  @BeforeAll
  static void simulate() {
    SimulatorOptions options = SimulatorOptions.defaults().withRate(100).withAnomalies(true)
        .withTimeline(Duration.ofSeconds(130), Duration.ofSeconds(30), Duration.ofSeconds(25));
    simulated = dir.resolve("simulated.jsonl.gz");
    FlowDump.write(options, START, LENGTH, simulated);
    long epoch = START.getEpochSecond() * 1_000_000_000L;
    scenarios = new TrafficGenerator(options, epoch).scenarios(epoch, epoch + LENGTH.toNanos()).stream()
        .filter(s -> !s.end().isAfter(START.plus(LENGTH))).toList();
  }

  static Path samples() {
    Path samples = ProtoJsonSamples.samplesDir();
    Assumptions.assumeTrue(samples != null && Files.isDirectory(samples),
        "real Hubble samples not found (system property hubble.samples): this test did not run");
    return samples;
  }

  static String[] sampleArgs(String... extra) {
    Path samples = samples();
    List<String> args = new ArrayList<>(List.of("analyze"));
    ProtoJsonSamples.SAMPLE_FILES.forEach(f -> args.add(samples.resolve(f).toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void theRealSamples_areAnalysed_withNoSpuriousAnomaly() throws IOException {
    Run run = analyze(sampleArgs());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.json().isArray()).isTrue();
    assertThat(run.json()).as(run.out()).isEmpty();
    assertThat(run.err()).contains("read 5 files, 820 flows, 0 malformed lines; 0 anomalies")
        .doesNotContain("late");
  }

  @Test
  void theRealSamples_withEdges_giveTheWorkloadEdgesAsTheMetricsApiListsThem() throws IOException {
    Run run = analyze(sampleArgs("--edges"));

    assertThat(run.exit()).isZero();
    JsonNode json = run.json();
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("anomalies", "edges");
    assertThat(json.get("anomalies")).isEmpty();
    JsonNode edges = json.get("edges");
    assertThat(edges).isNotEmpty();
    assertThat(edges).allSatisfy(e -> {
      assertThat(e.get("source_id").asText()).doesNotStartWith("pod/");
      assertThat(e.get("dest_id").asText()).doesNotStartWith("pod/");
      assertThat(e.has("bytes_per_sec")).isTrue();
      assertThat(e.has("flows_per_sec")).isTrue();
      assertThat(e.get("bytes_measured").asBoolean()).isFalse();
    });
    assertThat(edges).extracting(e -> e.get("source_id").asText() + "->" + e.get("dest_id").asText())
        .contains("workload/bookinfo/productpage-v1->workload/bookinfo/details-v1");
  }

  @Test
  void aSimulatedLogWithInjectedAnomalies_showsThem_inEventTime() throws IOException {
    Run run = analyze("analyze", simulated.toString(), "--anomaly-warmup=2m", "--exfil-duration=20s");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode anomalies = run.json();
    Set<String> types = new HashSet<>();
    anomalies.forEach(a -> types.add(a.get("type").asText()));
    assertThat(scenarios).hasSize(8);
    assertThat(types).as(run.out()).contains("port_scan", "dns_anomaly", "data_exfiltration",
        "unexpected_connection", "unusual_protocol", "high_error_rate");
    assertThat(anomalies).allSatisfy(a -> assertThat(Instant.parse(a.get("detected_at").asText()))
        .isBetween(START, START.plus(LENGTH)));
    assertThat(run.err()).contains("read 1 file", "anomalies (", "flows/s");
  }

  @Test
  void theSameInput_givesTheSameOutput_everyRun() {
    Run first = analyze("analyze", simulated.toString(), "--anomaly-warmup=2m", "--exfil-duration=20s",
        "--edges");
    Run second = analyze("analyze", simulated.toString(), "--anomaly-warmup=2m", "--exfil-duration=20s",
        "--edges");

    assertThat(first.out()).hasSizeGreaterThan(1000).isEqualTo(second.out());
  }

  @Test
  void aMissingFile_isExit1_sayingWhichAndWhy() {
    Run run = analyze("analyze", dir.resolve("nope.json").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read " + dir.resolve("nope.json") + ": no such file",
        "no file could be read");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingFileBesideAGoodOne_isReported_andTheGoodOneAnalysed() throws IOException {
    Path good = dir.resolve("one.json");
    Files.writeString(good, "{\"flow\":{\"time\":\"2024-01-02T15:04:05Z\",\"verdict\":\"FORWARDED\"}}\nnot json\n");

    Run run = analyze("analyze", dir.resolve("nope.json").toString(), good.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).contains("no such file", "read 1 file, 1 flow, 1 malformed line; 0 anomalies");
    assertThat(run.json().isArray()).isTrue();
  }

  @Test
  void noFile_isABadUsage_exit2() {
    Run run = analyze(new Arguments.Invocation(Arguments.Command.ANALYZE, Config.defaults(), List.of(), false));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: network-visualizer analyze FILE...");
  }
}
