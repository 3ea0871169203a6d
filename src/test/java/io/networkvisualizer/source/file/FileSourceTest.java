package io.networkvisualizer.source.file;

import io.networkvisualizer.testing.HandWrittenLines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.SourceStatus.State;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSource} on flow logs the test writes: plain and gzip, bad lines, status, stopping. */
class FileSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  /** A mixed log: 4 flows, a blank line, a malformed line (3), lost events, node status, a truncated last line (9). */
  private static final List<String> MIXED = List.of(
      HandWrittenLines.POLICY_DROP,
      HandWrittenLines.ICMP_V4,
      "{\"flow\":{\"time\":\"2024-03-01T12:00:00Z\",\"verdict\":",
      "",
      HandWrittenLines.LOST_EVENTS,
      HandWrittenLines.NODE_STATUS,
      HandWrittenLines.BARE_FLOW,
      HandWrittenLines.RETINA_STRUCT,
      HandWrittenLines.DNS_RESPONSE.substring(0, 80));

  private Path write(String name, List<String> lines, boolean gzip) throws IOException {
    byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve(name);
    if (gzip) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(bytes)) {
        out.write(text);
      }
      Files.write(file, bytes.toByteArray());
    } else {
      Files.write(file, text);
    }
    return file;
  }

  @Test
  void readAll_deliversFlowsInOrder_andCountsEverythingElse() throws IOException {
    List<Flow> flows = new ArrayList<>();

    FileSource.Summary summary = FileSource.readAll(List.of(write("mixed.json", MIXED, false)), flows::add);

    assertThat(flows).hasSize(4);
    assertThat(flows.get(0).uuid()).isEqualTo("5f0e1c2a-9d7b-4a51-8d0e-2b7f3c9a1e44");
    assertThat(flows.get(1).icmpType()).isEqualTo(8);
    assertThat(flows.get(2).nodeName()).isEqualTo("node-old");
    assertThat(flows.get(3).bytes()).isEqualTo(31_500);
    assertThat(summary.flows()).isEqualTo(4);
    assertThat(summary.files()).isEqualTo(1);
    assertThat(summary.malformedLines()).isEqualTo(2);
    assertThat(summary.lostEvents()).isEqualTo(37);
    assertThat(summary.nodeStatusEvents()).isEqualTo(1);
    assertThat(summary.bytesMeasured()).isTrue();
    assertThat(summary.stopped()).isFalse();
    assertThat(summary.malformedExamples()).hasSize(2);
    assertThat(summary.malformedExamples().get(0)).startsWith(dir.resolve("mixed.json") + ":3: ");
    assertThat(summary.malformedExamples().get(1)).startsWith(dir.resolve("mixed.json") + ":9: ").contains("truncated");
    assertThat(summary.describe()).isEqualTo("loaded 4 flows from 1 file, 2 malformed lines skipped");
  }

  @Test
  void gzip_isRecognisedByItsMagicBytes_notByItsName() throws IOException {
    Path gzipWithoutSuffix = write("flows.log", MIXED, true);
    Path plainWithGzSuffix = write("flows.json.gz", MIXED, false);
    List<Flow> flows = new ArrayList<>();

    FileSource.Summary summary = FileSource.readAll(List.of(gzipWithoutSuffix, plainWithGzSuffix), flows::add);

    assertThat(summary.files()).isEqualTo(2);
    assertThat(summary.flows()).isEqualTo(8);
    assertThat(summary.malformedLines()).isEqualTo(4);
    assertThat(summary.lostEvents()).isEqualTo(74);
    assertThat(flows.subList(0, 4)).isEqualTo(flows.subList(4, 8));
    assertThat(summary.bytesRead()).isEqualTo(2L * String.join("\n", MIXED).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void truncatedGzip_keepsWhatWasRead_andCountsTheCut() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(HandWrittenLines.POLICY_DROP);
    }
    Path gz = write("cut.json.gz", lines, true);
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
    List<Flow> flows = new ArrayList<>();

    FileSource.Summary summary = FileSource.readAll(List.of(gz), flows::add);

    assertThat(flows.size()).isBetween(1, 1999);
    assertThat(summary.malformedLines()).isBetween(1L, 2L); // the cut, and the partial line before it if any
    assertThat(summary.malformedExamples()).anyMatch(e -> e.contains("gzip data ends early"));
  }

  @Test
  void corruptGzip_failsWithTheFileName() throws IOException {
    Path bad = dir.resolve("bad.gz");
    Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'});

    assertThatThrownBy(() -> FileSource.readAll(List.of(bad), f -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.gz");
  }

  @Test
  void readAll_missingFile_failsBeforeReadingAnything() throws IOException {
    Path good = write("good.json", MIXED, false);
    List<Flow> flows = new ArrayList<>();

    assertThatThrownBy(() -> FileSource.readAll(List.of(good, dir.resolve("missing.json")), flows::add))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.json");
    assertThat(flows).isEmpty();
  }

  @Test
  void lineOverTheLimit_isMalformed_andTheNextLineIsRead() throws IOException {
    String huge = "{\"flow\":{\"uuid\":\"" + "x".repeat(FlowLogLines.DEFAULT_MAX_LINE_BYTES) + "\"}}";
    List<Flow> flows = new ArrayList<>();

    FileSource.Summary summary = FileSource.readAll(
        List.of(write("huge.json", List.of(huge, HandWrittenLines.ICMP_V4), false)), flows::add);

    assertThat(flows).hasSize(1);
    assertThat(summary.malformedExamples()).singleElement().asString().contains(":1: line longer than 4 MiB");
  }

  @Test
  void manyMalformedLines_keepOnlyTheFirstFewAsExamples() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add("not json " + i);
      lines.add(HandWrittenLines.ICMP_V4);
    }

    FileSource.Summary summary = FileSource.readAll(List.of(write("noisy.json", lines, false)), f -> {});

    assertThat(summary.flows()).isEqualTo(50);
    assertThat(summary.malformedLines()).isEqualTo(50);
    assertThat(summary.malformedExamples()).hasSize(FileSource.LOGGED_MALFORMED_LINES);
    assertThat(summary.malformedExamples().get(4)).contains("noisy.json:9: ");
  }

  @Test
  void start_streamsIntoTheConsumer_thenCompletes() throws Exception {
    Path a = write("a.json", MIXED, false);
    Path b = write("b.json.gz", List.of(HandWrittenLines.CAMEL_CASE_KEYS), true);
    FileSource source = new FileSource(List.of(a, b));
    List<State> statesSeenByConsumer = new CopyOnWriteArrayList<>();
    FlowStore store = new FlowStore(100);
    assertThat(source.status().state()).isEqualTo(State.IDLE);

    source.start(flow -> {
      statesSeenByConsumer.add(source.status().state());
      store.onFlow(flow);
    });
    assertThat(source.status().state()).isIn(State.CONNECTING, State.STREAMING, State.COMPLETED);

    assertThat(source.awaitCompletion(WAIT)).isTrue();
    SourceStatus status = source.status();
    assertThat(statesSeenByConsumer).hasSize(5).containsOnly(State.STREAMING);
    assertThat(status.state()).isEqualTo(State.COMPLETED);
    assertThat(status.detail()).isEqualTo("loaded 5 flows from 2 files, 2 malformed lines skipped");
    assertThat(status.kind()).isEqualTo("file");
    assertThat(status.target()).contains("a.json").contains("b.json.gz");
    assertThat(status.flowsReceived()).isEqualTo(5);
    assertThat(status.malformed()).isEqualTo(2);
    assertThat(status.lostEvents()).isEqualTo(37);
    assertThat(status.nodeStatusEvents()).isEqualTo(1);
    assertThat(status.bytesMeasured()).isTrue();
    assertThat(status.isReady()).isTrue();
    assertThat(store.recent(1).get(0).nodeName()).isEqualTo("node-d");
    assertThat(source.summary()).get().extracting(FileSource.Summary::flows).isEqualTo(5L);
    source.close();
  }

  @Test
  void start_unreadableFile_fails() throws Exception {
    FileSource source = new FileSource(List.of(write("a.json", MIXED, false), dir.resolve("nope.json")));
    List<Flow> flows = new CopyOnWriteArrayList<>();

    source.start(flows::add);

    assertThat(source.awaitCompletion(WAIT)).isTrue();
    assertThat(source.status().state()).isEqualTo(State.FAILED);
    assertThat(source.status().detail()).contains("nope.json").contains("no such file");
    assertThat(source.status().isReady()).isFalse();
    assertThat(flows).isEmpty();
    assertThat(source.summary()).isEmpty();
  }

  @Test
  void start_consumerThatThrows_fails() throws Exception {
    FileSource source = new FileSource(List.of(write("a.json", MIXED, false)));

    source.start(flow -> {
      throw new IllegalStateException("store is broken");
    });

    assertThat(source.awaitCompletion(WAIT)).isTrue();
    assertThat(source.status().state()).isEqualTo(State.FAILED);
    assertThat(source.status().detail()).contains("store is broken");
  }

  @Test
  void close_fromTheConsumer_stopsAfterTheCurrentLine() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add(HandWrittenLines.ICMP_V4);
    }
    FileSource source = new FileSource(List.of(write("many.json", lines, false)));
    List<Flow> flows = new CopyOnWriteArrayList<>();

    source.start(flow -> {
      flows.add(flow);
      if (flows.size() == 3) {
        source.close();
      }
    });

    assertThat(source.awaitCompletion(WAIT)).isTrue();
    assertThat(flows).hasSize(3);
    assertThat(source.status().state()).isEqualTo(State.STOPPED);
    assertThat(source.status().detail()).isEqualTo("closed after 3 flows");
    assertThat(source.summary()).get().extracting(FileSource.Summary::stopped).isEqualTo(true);
  }

  @Test
  void close_whileTheConsumerBlocks_interruptsAndReturnsPromptly() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add(HandWrittenLines.ICMP_V4);
    }
    FileSource source = new FileSource(List.of(write("many.json", lines, false)));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    List<Flow> flows = new CopyOnWriteArrayList<>();
    source.start(flow -> {
      flows.add(flow);
      entered.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    entered.await();

    source.close();

    assertThat(source.awaitCompletion(Duration.ofMillis(1))).isTrue();
    assertThat(flows).hasSize(1);
    assertThat(source.status().state()).isEqualTo(State.STOPPED);
  }

  @Test
  void close_beforeStart_stops_andStartAfterwardsIsRefused() throws Exception {
    FileSource source = new FileSource(List.of(write("a.json", MIXED, false)));

    source.close();
    source.close();

    assertThat(source.status().state()).isEqualTo(State.STOPPED);
    assertThatThrownBy(() -> source.start(f -> {})).isInstanceOf(IllegalStateException.class);
    assertThat(source.awaitCompletion(Duration.ofMillis(1))).isTrue();
  }

  @Test
  void startTwice_isRefused() throws Exception {
    FileSource source = new FileSource(List.of(write("a.json", MIXED, false)));
    source.start(f -> {});
    try {
      assertThatThrownBy(() -> source.start(f -> {})).isInstanceOf(IllegalStateException.class);
    } finally {
      source.close();
    }
  }

  @Test
  void noFiles_isRefused() {
    assertThatThrownBy(() -> new FileSource(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
