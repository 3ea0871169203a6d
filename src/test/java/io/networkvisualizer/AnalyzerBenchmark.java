package io.networkvisualizer;

import io.networkvisualizer.anomaly.AnomalyEngine;
import io.networkvisualizer.config.Arguments;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.flow.FlowConsumer;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.source.file.FileSource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of {@code network-visualizer analyze} over a large Hubble jsonpb flow log, in flows/s of wall time and of
 * CPU time, stage by stage: reading alone (the jsonpb parse, the floor), reading into the event-time clock and the
 * graph metrics, reading into the anomaly engine alone, and the whole analyzer ({@link Analyzer#run}, output
 * discarded). Each is run {@code bench.rounds} times in one JVM; the first round includes JIT warm-up, as a user's
 * single run does.
 *
 * <p>Run: {@code scripts/bench-analyze.sh} (generates a 1,000,000-flow file with the simulator's {@code FlowDump}
 * first), or {@code java -cp ... io.networkvisualizer.AnalyzerBenchmark FILE}.
 */
public final class AnalyzerBenchmark {
  private AnalyzerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = Integer.getInteger("bench.rounds", 3);
    Config config = Config.defaults();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      System.out.printf(Locale.ROOT, "round %d%n", round);
      long total = measure("read only (jsonpb parse)", threads,
          () -> FileSource.readAll(List.of(file), f -> { }).flows());
      measure("read + clock + metrics", threads, () -> {
        FlowTimeClock clock = FlowTimeClock.replay();
        EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.from(config));
        return FileSource.readAll(List.of(file), new FlowPipeline(List.of(clock, metrics))).flows();
      });
      measure("read + clock + anomaly engine", threads, () -> {
        FlowTimeClock clock = FlowTimeClock.replay();
        AnomalyEngine engine = new AnomalyEngine(clock, AnomalyEngine.Options.from(config));
        FlowConsumer both = f -> {
          clock.onFlow(f);
          engine.onFlow(f);
        };
        return FileSource.readAll(List.of(file), both).flows();
      });
      measure("analyze (whole command)", threads, () -> {
        Arguments.Invocation invocation = Arguments.parse(new String[] {"analyze", file.toString()}, Map.of(),
            new PrintWriter(new StringWriter()));
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Analyzer.run(invocation, sink, sink);
        return total;
      });
    }
  }

  private interface Stage {
    long run() throws Exception;
  }

  private static long measure(String name, ThreadMXBean threads, Stage stage) throws Exception {
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long flows = stage.run();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    System.out.printf(Locale.ROOT, "  %-32s %,10d flows  %6.2f s wall %,10.0f flows/s   %6.2f s cpu %,10.0f flows/s%n",
        name, flows, wall, flows / wall, cpu, flows / cpu);
    return flows;
  }
}
