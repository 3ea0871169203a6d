package io.networkvisualizer;

import io.networkvisualizer.anomaly.Anomaly;
import io.networkvisualizer.anomaly.AnomalyEngine;
import io.networkvisualizer.api.AnalyzeOutput;
import io.networkvisualizer.config.Arguments;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.metrics.GraphQuery;
import io.networkvisualizer.metrics.GraphSnapshot;
import io.networkvisualizer.source.file.FileSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code network-visualizer analyze FILE... [--edges]}: reads Hubble jsonpb flow logs and runs the product's pipeline
 * (event-time clock, graph metrics, anomaly engine) over them at full speed in the caller's thread, then prints the
 * anomalies as one JSON array in the API's shape on stdout, or with {@code --edges}
 * {@code {"anomalies":[...],"edges":[...]}} with the workload-level edges as {@code /api/flows/metrics} lists them.
 * A one-line summary goes to stderr.
 *
 * <p>Deterministic: time is the flows' own (times in the output are event time), nothing is random, and the output is
 * sorted, so the same files give the same output every run. Files are read in the order of their first flow's time
 * (the order given when equal), so that {@code analyze *.json} works; a flow more than 10 s older than the latest
 * one (overlapping files) is counted as late and skipped, as a live run would.
 */
public final class Analyzer {
  /** Exit codes. */
  static final int OK = 0;
  static final int NOTHING_READ = 1;
  static final int USAGE = 2;

  private Analyzer() {}

  public static int run(Arguments.Invocation invocation, PrintStream out, PrintStream err) {
    List<Path> files = invocation.files();
    if (files == null || files.isEmpty()) {
      err.println("analyze: no flow log file given. Usage: network-visualizer analyze FILE... [--edges]");
      return USAGE;
    }
    List<Path> readable = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        err.println("analyze: cannot read " + file + ": no such file");
      } else if (!Files.isRegularFile(file)) {
        err.println("analyze: cannot read " + file + ": not a regular file");
      } else if (!Files.isReadable(file)) {
        err.println("analyze: cannot read " + file + ": permission denied");
      } else {
        readable.add(file);
      }
    }
    if (readable.isEmpty()) {
      err.println("analyze: no file could be read");
      return NOTHING_READ;
    }
    List<Path> ordered = inTimeOrder(readable);

    Config config = invocation.config();
    FlowTimeClock clock = FlowTimeClock.replay();
    EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.from(config));
    AnomalyEngine engine = new AnomalyEngine(clock, AnomalyEngine.Options.from(config));
    FlowPipeline pipeline = new FlowPipeline(List.of(clock, metrics, engine));

    long started = System.nanoTime();
    FileSource.Summary summary = null;
    String failure = null;
    try {
      summary = FileSource.readAll(ordered, pipeline);
    } catch (IOException e) {
      failure = e.getMessage();
      err.println("analyze: " + failure);
      if (pipeline.accepted() == 0) {
        err.println("analyze: no flow could be read");
        return NOTHING_READ;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    List<Anomaly> anomalies = engine.anomalies();
    GraphSnapshot edges = invocation.withEdges() ? metrics.snapshot(GraphQuery.all(GraphQuery.Level.WORKLOAD)) : null;
    try {
      AnalyzeOutput.write(anomalies, edges, out);
    } catch (IOException e) {
      err.println("analyze: cannot write the output: " + e.getMessage());
      return NOTHING_READ;
    }
    err.println(summaryLine(ordered.size(), summary, pipeline.accepted(), engine.stats(), anomalies, seconds,
        failure != null));
    return OK;
  }

  private static String summaryLine(int files, FileSource.Summary summary, long flows, AnomalyEngine.Stats stats,
      List<Anomaly> anomalies, double seconds, boolean failed) {
    Map<String, Integer> byType = new TreeMap<>();
    for (Anomaly a : anomalies) {
      byType.merge(a.type(), 1, Integer::sum);
    }
    StringBuilder line = new StringBuilder("analyze: ");
    line.append(summary == null ? "read " + files + (files == 1 ? " file" : " files") + " (stopped early)"
        : "read " + summary.files() + (summary.files() == 1 ? " file" : " files"));
    line.append(", ").append(flows).append(flows == 1 ? " flow" : " flows");
    if (summary != null) {
      line.append(", ").append(summary.malformedLines()).append(" malformed")
          .append(summary.malformedLines() == 1 ? " line" : " lines");
    }
    if (stats.lateFlows() > 0) {
      line.append(", ").append(stats.lateFlows()).append(" late flows skipped");
    }
    line.append("; ").append(anomalies.size()).append(anomalies.size() == 1 ? " anomaly" : " anomalies");
    if (!byType.isEmpty()) {
      StringBuilder types = new StringBuilder();
      byType.forEach((type, n) -> types.append(types.length() == 0 ? "" : ", ").append(n).append(' ').append(type));
      line.append(" (").append(types).append(')');
    }
    line.append(String.format(Locale.ROOT, "; %.1f s, %,.0f flows/s", seconds, seconds > 0 ? flows / seconds : 0.0));
    if (failed) {
      line.append("; reading stopped at an error (see above)");
    }
    return line.toString();
  }

  /** The files sorted by their first flow's time; files without flows last; the given order among equals. */
  static List<Path> inTimeOrder(List<Path> files) {
    if (files.size() < 2) {
      return files;
    }
    List<long[]> keys = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      keys.add(new long[] {firstFlowTime(files.get(i)), i});
    }
    keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
    List<Path> out = new ArrayList<>();
    for (long[] k : keys) {
      out.add(files.get((int) k[1]));
    }
    return out;
  }

  /** Stops a read at its first flow. */
  private static final class FirstFlow extends RuntimeException {
    final long timeNanos;

    FirstFlow(long timeNanos) {
      super(null, null, false, false);
      this.timeNanos = timeNanos;
    }
  }

  private static long firstFlowTime(Path file) {
    try {
      FileSource.readAll(List.of(file), flow -> {
        throw new FirstFlow(flow.timeNanos());
      });
      return Long.MAX_VALUE;
    } catch (FirstFlow first) {
      return first.timeNanos;
    } catch (IOException | RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }
}
