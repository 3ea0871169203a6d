package io.networkvisualizer.source.file;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowConsumer;
import io.networkvisualizer.source.FlowSource;
import io.networkvisualizer.source.SourceCounters;
import io.networkvisualizer.source.SourceStatus;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FlowSource} that reads Hubble flow log files ({@code hubble observe -o jsonpb} output or Hubble's flow
 * export files, plain or gzip-compressed, told apart by their magic bytes) on a thread of its own, and delivers their
 * flows to the consumer in file order, then completes.
 *
 * <p>Malformed lines are counted and skipped (the first few are logged with file name and line number, then a
 * summary per file); {@code lost_events} lines add to the lost-events count and {@code node_status} lines to the
 * node-status count. Status goes {@code CONNECTING -> STREAMING -> COMPLETED} ("loaded N flows from K files, M malformed
 * lines skipped"), or {@code FAILED} when a file cannot be read, or {@code STOPPED} when closed.
 *
 * <p>For the offline analyzer, which runs the pipeline at full speed in its own thread, {@link #readAll} reads files
 * synchronously in the caller's thread.
 */
public final class FileSource implements FlowSource {
  private static final Logger log = LoggerFactory.getLogger(FileSource.class);
  /** Malformed lines logged one by one per load; the rest are only counted and summarised. */
  static final int LOGGED_MALFORMED_LINES = 5;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /**
   * What reading a set of files gave.
   *
   * @param files files read (all of them, unless stopped)
   * @param flows flows delivered
   * @param malformedLines lines that were not flow log lines, skipped
   * @param lostEvents flows Hubble reported lost in {@code lost_events} lines, summed
   * @param nodeStatusEvents {@code node_status} lines
   * @param skippedEvents other non-flow events ({@code agent_event}, {@code debug_event}), skipped
   * @param bytesRead bytes of text read (after decompression)
   * @param bytesMeasured whether any flow carried measured byte counts
   * @param unknownEnumValues enum names or numbers this build does not know (kept as far as possible)
   * @param malformedExamples the first few malformed lines as {@code FILE:LINE: reason}
   * @param stopped whether reading was stopped before the end
   */
  public record Summary(
      int files,
      long flows,
      long malformedLines,
      long lostEvents,
      long nodeStatusEvents,
      long skippedEvents,
      long bytesRead,
      boolean bytesMeasured,
      long unknownEnumValues,
      List<String> malformedExamples,
      boolean stopped) {

    public Summary {
      malformedExamples = List.copyOf(malformedExamples);
    }

    /** {@code loaded N flows from K files, M malformed lines skipped}. */
    public String describe() {
      return "loaded " + flows + (flows == 1 ? " flow" : " flows") + " from " + files + (files == 1 ? " file" : " files")
          + ", " + malformedLines + (malformedLines == 1 ? " malformed line" : " malformed lines") + " skipped";
    }
  }

  private final List<Path> files;
  private final SourceCounters counters;
  private volatile boolean closed;
  private volatile Summary summary;
  private Thread thread;

  /** A source over {@code files}, read in the order given. */
  public FileSource(List<Path> files) {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("a file source needs at least one flow log file");
    }
    this.files = List.copyOf(files);
    this.counters = new SourceCounters("file", target(this.files));
  }

  @Override
  public synchronized void start(FlowConsumer sink) {
    if (thread != null) {
      throw new IllegalStateException("file source already started");
    }
    if (closed) {
      throw new IllegalStateException("file source already closed");
    }
    counters.state(SourceStatus.State.CONNECTING, "opening " + plural(files.size(), "file"));
    thread = new Thread(() -> run(sink), "file-source");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(FlowConsumer sink) {
    try {
      Summary summary = new Loader(counters, () -> closed).load(files, sink);
      this.summary = summary;
      if (summary.stopped()) {
        counters.state(SourceStatus.State.STOPPED, "closed after " + plural(summary.flows(), "flow"));
      } else {
        counters.state(SourceStatus.State.COMPLETED, summary.describe());
      }
    } catch (IOException e) {
      if (closed) {
        counters.state(SourceStatus.State.STOPPED, "closed after " + plural(counters.flowsReceived.get(), "flow"));
      } else {
        log.error("flow log source failed: {}", e.getMessage());
        counters.state(SourceStatus.State.FAILED, e.getMessage());
      }
    } catch (RuntimeException e) {
      log.error("flow log source failed: the flow consumer threw", e);
      counters.state(SourceStatus.State.FAILED, "flow consumer failed: " + e);
    }
  }

  @Override
  public SourceStatus status() {
    return counters.snapshot();
  }

  /** What the load gave, once the reading thread has read every file (or was stopped); empty before or on failure. */
  public Optional<Summary> summary() {
    return Optional.ofNullable(summary);
  }

  /**
   * Waits until the reading thread has ended (completed, failed or stopped).
   *
   * @return whether it has ended within {@code timeout}; true at once when the source was never started
   */
  public boolean awaitCompletion(Duration timeout) throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return true;
    }
    t.join(Math.max(1, timeout.toMillis()));
    return !t.isAlive();
  }

  /** Stops reading (within one line, or at once when the consumer honours interruption) and waits for the thread. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
    }
    if (t == null) {
      counters.state(SourceStatus.State.STOPPED, "closed before it started");
      return;
    }
    if (t != Thread.currentThread()) {
      t.interrupt();
      try {
        t.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        log.warn("flow log source thread still running {} s after close (a consumer that blocks?)",
            CLOSE_WAIT.toSeconds());
      }
    }
  }

  /**
   * Reads {@code files} in order in the caller's thread, delivering every flow to {@code consumer}: the offline
   * analyzer's way to run the pipeline at full speed.
   *
   * @throws NoSuchFileException when a file does not exist (checked for all files before any is read)
   * @throws IOException when a file cannot be read; the flows before the failure were delivered
   */
  public static Summary readAll(List<Path> files, FlowConsumer consumer) throws IOException {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("readAll needs at least one flow log file");
    }
    return new Loader(new SourceCounters("file", target(files)), () -> false).load(List.copyOf(files), consumer);
  }

  private static String target(List<Path> files) {
    String all = files.stream().map(Path::toString).collect(Collectors.joining(","));
    return all.length() <= 512 ? all : all.substring(0, 512) + "... (" + files.size() + " files)";
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** One load of a list of files into a consumer, counting into {@link SourceCounters}. */
  private static final class Loader {
    private final SourceCounters counters;
    private final BooleanSupplier stop;
    private final JsonpbFlowReader reader = new JsonpbFlowReader();
    private final List<String> examples = new ArrayList<>();
    private long skipped;
    private long bytesRead;

    Loader(SourceCounters counters, BooleanSupplier stop) {
      this.counters = counters;
      this.stop = stop;
    }

    Summary load(List<Path> files, FlowConsumer sink) throws IOException {
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          throw new NoSuchFileException(file.toString(), null,
              Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (!Files.isReadable(file)) {
          throw new IOException("cannot read " + file + ": permission denied");
        }
      }
      int done = 0;
      boolean stopped = false;
      for (Path file : files) {
        counters.state(SourceStatus.State.STREAMING, "reading " + file + " (" + (done + 1) + " of " + files.size() + ")");
        if (!loadFile(file, sink)) {
          stopped = true;
          break;
        }
        done++;
      }
      Summary summary = new Summary(done, counters.flowsReceived.get(), counters.malformed.get(),
          counters.lostEvents.get(), counters.nodeStatusEvents.get(), skipped, bytesRead,
          counters.snapshot().bytesMeasured(), reader.unknownEnumValues(), examples, stopped);
      if (!stopped) {
        log.info("{}; {} reported lost, {}, {}, {} MB read", summary.describe(), plural(summary.lostEvents(), "flow"),
            plural(summary.nodeStatusEvents(), "node status line"),
            plural(summary.unknownEnumValues(), "unknown enum value"), summary.bytesRead() / 1_000_000);
      }
      return summary;
    }

    /** Reads one file; false when stopped before its end. */
    private boolean loadFile(Path file, FlowConsumer sink) throws IOException {
      long malformedBefore = counters.malformed.get();
      long firstMalformed = 0;
      FlowLogLines lines;
      try {
        lines = FlowLogLines.open(file, FlowLogLines.DEFAULT_MAX_LINE_BYTES);
      } catch (IOException e) {
        throw failure(file, 0, e);
      }
      try (lines) {
        while (true) {
          if (stop.getAsBoolean()) {
            return false;
          }
          try {
            if (!lines.next()) {
              break;
            }
          } catch (EOFException e) {
            if (!lines.isGzip()) {
              throw failure(file, lines.lineNumber(), e);
            }
            // A gzip file cut short (still being written, or truncated): keep what was read, count the cut.
            firstMalformed = malformed(file, lines.lineNumber() + 1, "gzip data ends early (truncated file?)",
                firstMalformed);
            break;
          } catch (ClosedByInterruptException | InterruptedIOException e) {
            if (stop.getAsBoolean()) {
              return false;
            }
            throw failure(file, lines.lineNumber(), e);
          } catch (IOException e) {
            throw failure(file, lines.lineNumber(), e);
          }
          long number = lines.lineNumber();
          if (lines.tooLong()) {
            firstMalformed = malformed(file, number,
                "line longer than " + (FlowLogLines.DEFAULT_MAX_LINE_BYTES >> 20) + " MiB", firstMalformed);
            continue;
          }
          JsonpbFlowReader.Line line = reader.read(lines.buffer(), lines.start(), lines.length(), number);
          if (line instanceof JsonpbFlowReader.FlowLine flowLine) {
            Flow flow = flowLine.flow();
            if (flow.bytesMeasured()) {
              counters.sawMeasuredBytes();
            }
            sink.onFlow(flow);
            counters.flowsReceived.incrementAndGet();
          } else if (line instanceof JsonpbFlowReader.MalformedLine bad) {
            firstMalformed = malformed(file, number, bad.reason(), firstMalformed);
          } else if (line instanceof JsonpbFlowReader.LostEventsLine lost) {
            counters.lostEvents.addAndGet(lost.numEventsLost());
          } else if (line instanceof JsonpbFlowReader.NodeStatusLine) {
            counters.nodeStatusEvents.incrementAndGet();
          } else if (line instanceof JsonpbFlowReader.SkippedLine s && s != JsonpbFlowReader.SkippedLine.BLANK) {
            skipped++;
          }
        }
      } finally {
        bytesRead += lines.bytesRead();
      }
      long malformedHere = counters.malformed.get() - malformedBefore;
      if (malformedHere > 0) {
        log.warn("{}: {} skipped (first at line {})", file, plural(malformedHere, "malformed line"), firstMalformed);
      }
      return true;
    }

    /** Counts a malformed line, logs the first few; returns the file's first malformed line number. */
    private long malformed(Path file, long lineNumber, String reason, long firstMalformed) {
      counters.malformed.incrementAndGet();
      if (examples.size() < LOGGED_MALFORMED_LINES) {
        examples.add(file + ":" + lineNumber + ": " + reason);
        log.warn("{}:{}: malformed line skipped: {}{}", file, lineNumber, reason,
            examples.size() == LOGGED_MALFORMED_LINES ? " (further malformed lines are only counted)" : "");
      }
      return firstMalformed == 0 ? lineNumber : firstMalformed;
    }

    private static IOException failure(Path file, long lineNumber, IOException e) {
      String where = lineNumber > 0 ? " after line " + lineNumber : "";
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return new IOException("cannot read " + file + where + ": " + why, e);
    }
  }
}
