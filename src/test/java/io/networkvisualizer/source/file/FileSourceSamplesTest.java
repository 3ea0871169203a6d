package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real samples of {@code ${hubble.samples}} through {@link FileSource}: every file loads whole, and a damaged copy
 * that the test writes (a corrupted line, a blank line, lost events, node status, a bare flow object, a truncated
 * last line; plain and gzip) loads all the rest and reports what it skipped.
 */
class FileSourceSamplesTest {
  private static final String TCP_SAMPLE = "basic-sample-400-tcp-flows.json";
  /** 1-based line of the corrupted line in the damaged copy. */
  private static final int CORRUPTED_LINE = 101;

  @TempDir Path dir;

  @BeforeEach
  void samplesPresent() {
    assumeTrue(ProtoJsonSamples.samplesPresent(),
        "real Hubble samples not run: folder " + ProtoJsonSamples.samplesDir() + " (-Dhubble.samples) is absent");
  }

  @Test
  void allSampleFiles_loadFully_inOneRead() throws IOException {
    List<Path> files = ProtoJsonSamples.SAMPLE_FILES.stream().map(ProtoJsonSamples::sample).toList();
    List<Flow> flows = new ArrayList<>();

    FileSource.Summary summary = FileSource.readAll(files, flows::add);

    assertThat(summary.files()).isEqualTo(5);
    assertThat(summary.flows()).isEqualTo(10 + 400 + 400 + 5 + 5);
    assertThat(flows).hasSize(820);
    assertThat(summary.malformedLines()).isZero();
    assertThat(summary.lostEvents()).isZero();
    assertThat(summary.unknownEnumValues()).isZero();
    assertThat(summary.bytesMeasured()).isFalse();
    assertThat(summary.describe()).isEqualTo("loaded 820 flows from 5 files, 0 malformed lines skipped");
  }

  /** The tcp sample with damage: see the class comment. Returns the lines written. */
  private List<String> damagedCopy() throws IOException {
    List<String> sample = ProtoJsonSamples.lines(ProtoJsonSamples.sample(TCP_SAMPLE));
    String bareFlow = new ObjectMapper().readTree(sample.get(0)).get("flow").toString();
    List<String> lines = new ArrayList<>(sample.subList(0, CORRUPTED_LINE - 1));
    String victim = sample.get(CORRUPTED_LINE - 1);
    lines.add(victim.substring(0, 200) + "#garbage#" + victim.substring(260)); // line 101
    lines.add(""); // 102
    lines.add("{\"lost_events\":{\"source\":\"HUBBLE_RING_BUFFER\",\"num_events_lost\":\"1234\"},"
        + "\"node_name\":\"n1\",\"time\":\"2021-11-10T10:41:00Z\"}"); // 103
    lines.add("{\"node_status\":{\"state_change\":\"NODE_CONNECTED\",\"node_names\":[\"n2\"]},"
        + "\"time\":\"2021-11-10T10:41:00Z\"}"); // 104
    lines.add(bareFlow); // 105
    lines.addAll(sample.subList(CORRUPTED_LINE, sample.size())); // 106..405
    String last = sample.get(sample.size() - 1);
    lines.add(last.substring(0, last.length() / 2)); // 406, no newline after it: cut off mid-write
    return lines;
  }

  private Path write(String name, List<String> lines, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text);
      }
    } else {
      Files.write(file, text);
    }
    return file;
  }

  @Test
  void damagedCopy_loadsTheRest_andReportsWhatItSkipped() throws IOException {
    List<String> lines = damagedCopy();
    Path copy = write("damaged.json", lines, false);
    List<Flow> original = new ArrayList<>();
    FileSource.readAll(List.of(ProtoJsonSamples.sample(TCP_SAMPLE)), original::add);
    List<Flow> flows = new ArrayList<>();

    FileSource.Summary summary = FileSource.readAll(List.of(copy), flows::add);

    assertThat(summary.flows()).isEqualTo(399 + 1); // the sample less its corrupted line, plus the bare flow
    assertThat(summary.malformedLines()).isEqualTo(2);
    assertThat(summary.malformedExamples()).hasSize(2);
    assertThat(summary.malformedExamples().get(0)).startsWith(copy + ":" + CORRUPTED_LINE + ": invalid JSON");
    assertThat(summary.malformedExamples().get(1)).startsWith(copy + ":" + lines.size() + ": ");
    assertThat(summary.lostEvents()).isEqualTo(1234);
    assertThat(summary.nodeStatusEvents()).isEqualTo(1);
    // same flows, same order: the original less its line 101, with the bare copy of line 1 where it was written
    List<Flow> expected = new ArrayList<>(original);
    expected.remove(CORRUPTED_LINE - 1);
    expected.add(CORRUPTED_LINE - 1, original.get(0));
    assertThat(flows).isEqualTo(expected);
  }

  @Test
  void damagedCopy_gzippedAndPlain_throughTheAsyncSource() throws Exception {
    List<String> lines = damagedCopy();
    Path plain = write("damaged.json", lines, false);
    Path gzip = write("damaged.json.gz", lines, true);
    FileSource source = new FileSource(List.of(plain, gzip));
    List<Flow> flows = new CopyOnWriteArrayList<>();

    source.start(flows::add);

    assertThat(source.awaitCompletion(Duration.ofSeconds(10))).isTrue();
    SourceStatus status = source.status();
    assertThat(status.state()).isEqualTo(SourceStatus.State.COMPLETED);
    assertThat(status.detail()).isEqualTo("loaded 800 flows from 2 files, 4 malformed lines skipped");
    assertThat(status.lostEvents()).isEqualTo(2468);
    assertThat(status.nodeStatusEvents()).isEqualTo(2);
    assertThat(flows.subList(0, 400)).isEqualTo(flows.subList(400, 800));
    assertThat(source.summary().orElseThrow().malformedExamples())
        .anyMatch(e -> e.startsWith(gzip + ":" + CORRUPTED_LINE + ": "));
    source.close();
  }
}
