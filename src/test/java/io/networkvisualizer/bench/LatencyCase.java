package io.networkvisualizer.bench;

import static io.networkvisualizer.bench.Machine.f0;
import static io.networkvisualizer.bench.Machine.f1;
import static io.networkvisualizer.bench.Machine.f2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Flow to WebSocket latency: the server ({@code java -jar}, its own process) fed by its embedded simulated cluster
 * ({@code --sim-rate}), one {@code /ws/flows} client on loopback. Latency is the client's receipt wall time minus the
 * flow's {@code timestamp}, which the simulator sets when it generates the flow: simulator (flows are generated in
 * 5 ms ticks, so a flow may wait up to 5 ms before it is even sent) -> gRPC -> decode -> pipeline -> hub -> JSON ->
 * WebSocket -> the client's read, all on the same two cores. A conservative upper bound of "flow received to
 * WebSocket message sent". Every flow whose timestamp is in the window counts; the window's last flows get
 * {@code drain} seconds to arrive.
 */
final class LatencyCase {
  record Result(double rate, double received, long lost, Histogram micros, double serverCores, double load) {}

  private final Path jar;
  private final List<String> serverJvm;
  private final double warmupSeconds;
  private final double windowSeconds;

  LatencyCase(Path jar, List<String> serverJvm, double warmupSeconds, double windowSeconds) {
    this.jar = jar;
    this.serverJvm = serverJvm;
    this.warmupSeconds = warmupSeconds;
    this.windowSeconds = windowSeconds;
  }

  List<Result> run(double... rates) throws Exception {
    List<Result> results = new ArrayList<>();
    for (double rate : rates) {
      Result r = measure(rate);
      results.add(r);
      Histogram h = r.micros();
      System.out.printf("latency at %s flows/s: %d flows, p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, max %s ms, "
              + "%d lost, server %s cores, load %s -> %s%n", f0(rate), h.getTotalCount(), ms(h, 50), ms(h, 90),
          ms(h, 99), ms(h, 99.9), f1(h.getMaxValue() / 1000.0), r.lost(), f2(r.serverCores()), f1(r.load()),
          Machine.loadAverages());
    }
    return results;
  }

  static String ms(Histogram h, double percentile) {
    return f1(h.getValueAtPercentile(percentile) / 1000.0);
  }

  private Result measure(double rate) throws Exception {
    double load = Machine.load();
    try (JarProcess server = JarProcess.start(jar, serverJvm, List.of("--port=0", "--host=127.0.0.1",
        "--sim-rate=" + rate, "--sim-anomalies=false"), JarProcess.SERVER_LISTENING)) {
      Recorder latency = new Recorder(3_600_000_000L, 3);
      try (RawWsClient client = new RawWsClient(server.port(), "/ws/flows", latency, 1)) {
        Machine.sleepSeconds(warmupSeconds);
        long startMicros = System.currentTimeMillis() * 1000;
        client.window(startMicros, startMicros + (long) (windowSeconds * 1e6));
        Duration cpu0 = server.cpu();
        long lost0 = client.lostFlows.get();
        long t0 = System.nanoTime();
        Machine.sleepSeconds(windowSeconds);
        double serverCores = (server.cpu().minus(cpu0).toNanos() / 1e9) / ((System.nanoTime() - t0) / 1e9);
        Machine.sleepSeconds(3);
        Histogram h = latency.getIntervalHistogram();
        return new Result(rate, h.getTotalCount() / windowSeconds, client.lostFlows.get() - lost0, h, serverCores,
            load);
      }
    }
  }

  static void addRows(BenchTable table, List<Result> results) {
    for (Result r : results) {
      Histogram h = r.micros();
      String figure = "flow -> ws client p50 / p99 / max at " + f0(r.rate()) + " flows/s";
      String measured = ms(h, 50) + " / " + ms(h, 99) + " / " + f1(h.getMaxValue() / 1000.0) + " ms ("
          + f0(h.getTotalCount()) + " flows, " + r.lost() + " lost)";
      if (r.rate() >= 10_000) {
        table.add(BenchTable.Row.judged("latency", figure, "p99 <= 100 ms", measured,
            h.getTotalCount() > 0 && h.getValueAtPercentile(99) <= 100_000 && r.lost() == 0));
      } else {
        table.add(BenchTable.Row.plain("latency", figure, measured));
      }
    }
  }
}
