package io.networkvisualizer.bench;

import static io.networkvisualizer.bench.Machine.f0;
import static io.networkvisualizer.bench.Machine.f1;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code network-visualizer analyze FILE} as a user runs it ({@code java -jar}, default JVM flags, a fresh JVM each
 * run, anomalies to {@code /dev/null}) over a generated jsonpb flow log: flows from its own summary line, wall time
 * measured around the process, CPU time sampled from the process while it runs.
 */
final class AnalyzeCase {
  private static final Pattern SUMMARY = Pattern.compile("analyze: read .*?, (\\d+) flows?,");

  record Result(long flows, double wallSeconds, double cpuSeconds, long fileBytes, double load) {
    double flowsPerSecond() {
      return flows / wallSeconds;
    }
  }

  private final Path jar;

  AnalyzeCase(Path jar) {
    this.jar = jar;
  }

  List<Result> run(Path file, int runs) throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no flow log at " + file + " (scripts/bench.sh generates it)");
    }
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      double load = Machine.load();
      Path err = Files.createTempFile("bench-analyze", ".err");
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(JarProcess.java(), "-jar", jar.toString(), "analyze", file.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      Duration cpu = Duration.ZERO;
      while (p.isAlive()) {
        cpu = p.toHandle().info().totalCpuDuration().orElse(cpu);
        Thread.sleep(100);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      Files.delete(err);
      Matcher m = SUMMARY.matcher(stderr);
      if (p.exitValue() != 0 || !m.find()) {
        throw new IllegalStateException("analyze exited with " + p.exitValue() + ":\n" + stderr);
      }
      Result r = new Result(Long.parseLong(m.group(1)), wall, cpu.toNanos() / 1e9, Files.size(file), load);
      results.add(r);
      System.out.printf("analyze run %d: %s flows in %s s wall (%s s CPU, sampled): %s flows/s; load %s%n", i + 1,
          f0(r.flows()), f1(wall), f1(r.cpuSeconds()), f0(r.flowsPerSecond()), f1(load));
    }
    return results;
  }

  static void addRows(BenchTable table, List<Result> results) {
    Result best = results.get(0);
    StringBuilder all = new StringBuilder();
    for (Result r : results) {
      all.append(all.length() == 0 ? "" : ", ").append(f0(r.flowsPerSecond()));
      if (r.flowsPerSecond() > best.flowsPerSecond()) {
        best = r;
      }
    }
    table.add(BenchTable.Row.judged("analyze", "flows/s, `analyze` of " + f0(best.flows()) + " flows ("
            + f1(best.fileBytes() / 1e9) + " GB jsonpb), cold JVM", ">= 100,000",
        f0(best.flowsPerSecond()) + " best of " + results.size() + " (" + all + "); " + f1(best.wallSeconds())
            + " s wall, " + f1(best.cpuSeconds()) + " s CPU", best.flowsPerSecond() >= 100_000));
  }
}
