package io.networkvisualizer.bench;

import static io.networkvisualizer.bench.Machine.f0;
import static io.networkvisualizer.bench.Machine.f1;
import static io.networkvisualizer.bench.Machine.f2;

import io.networkvisualizer.source.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Ingest at the highest rate sustained with zero loss: the simulated Hubble server ({@code network-visualizer
 * simulate}, its own process) serves over loopback gRPC to the server ({@code --hubble-addr}, its own process, the
 * full pipeline: store, metrics, anomaly engine, live hub) with one {@code /ws/flows} client connected and reading.
 * For each offered rate of a {@link Ramp} both processes start fresh, warm up, then a window measures: flows offered
 * (the simulator's {@code seen_flows}), flows received by the server's source, flows lost (the Hubble
 * {@code lost_events} the simulator sent because the server fell a whole ring behind, plus flows the live hub's inbox
 * refused), the server's CPU, its GC pauses, and what the WebSocket client got. The simulator's ring is Hubble's
 * default (4,095 flows per node) unless {@code simulatorBufferPerNode} says otherwise ({@link SimulatorMain}).
 */
final class IngestCase {
  /** What one offered rate gave. */
  record Result(double rate, double offered, double received, long lost, long hubbleLost, double serverCores,
      double simulatorCores,
      double harnessCores, long gcPauses, double gcPauseMillis, double gcMaxMillis, double wsReceived, long wsLost,
      double load, boolean sustained, Histogram latencyMicros) {
    /** The rate the run proves: the lower of what was offered and what the server received. */
    double slower() {
      return Math.min(offered, received);
    }
  }

  private final Path jar;
  private final List<String> serverJvm;
  private final double warmupSeconds;
  private final double windowSeconds;
  private final Ramp ramp;
  private final int clients;
  private final int simulatorBufferPerNode;

  /** @param clients {@code /ws/flows} clients: 1 as the bar asks; 0 shows what the fan-out costs */
  IngestCase(Path jar, List<String> serverJvm, double warmupSeconds, double windowSeconds, Ramp ramp, int clients,
      int simulatorBufferPerNode) {
    this.simulatorBufferPerNode = simulatorBufferPerNode;
    if (clients < 0 || clients > 1) {
      throw new IllegalArgumentException("ingest runs with 0 or 1 WebSocket client (was " + clients + ")");
    }
    this.clients = clients;
    this.jar = jar;
    this.serverJvm = serverJvm;
    this.warmupSeconds = warmupSeconds;
    this.windowSeconds = windowSeconds;
    this.ramp = ramp;
  }

  List<Result> run() throws Exception {
    List<Result> results = new ArrayList<>();
    for (OptionalDouble next = ramp.next(); next.isPresent(); next = ramp.next()) {
      Result r = measure(next.getAsDouble());
      results.add(r);
      ramp.record(r.rate(), r.sustained());
      System.out.printf("ingest: offered %s flows/s (asked %s): received %s flows/s, lost %d (%d skipped by the Hubble "
              + "server, the rest refused by the live hub's inbox), server %s cores, "
              + "simulator %s cores, GC %d pauses (%s ms total, max %s ms), ws client %s flows/s (%d lost), "
              + "load %s -> %s%n", f0(r.offered()), f0(r.rate()), f0(r.received()), r.lost(), r.hubbleLost(),
          f2(r.serverCores()),
          f2(r.simulatorCores()), r.gcPauses(), f1(r.gcPauseMillis()), f1(r.gcMaxMillis()), f0(r.wsReceived()),
          r.wsLost(), f1(r.load()), Machine.loadAverages(), r.sustained() ? "SUSTAINED" : "NOT sustained");
    }
    return results;
  }

  private Result measure(double rate) throws Exception {
    double load = Machine.load();
    List<String> simulatorArgs = List.of("--listen=127.0.0.1:0", "--rate=" + rate, "--sim-anomalies=false");
    try (JarProcess simulator = simulatorBufferPerNode == SimulatorOptions.DEFAULT_BUFFER_PER_NODE
            ? JarProcess.start(jar, List.of("-Xmx1g"), concat("simulate", simulatorArgs),
                JarProcess.SIMULATOR_LISTENING)
            : JarProcess.startMain(List.of("-Xmx1g"), SimulatorMain.class,
                concat("--buffer-per-node=" + simulatorBufferPerNode, simulatorArgs), JarProcess.SIMULATOR_LISTENING);
        SimulatorProbe sim = new SimulatorProbe(simulator.port());
        JarProcess server = JarProcess.start(jar, serverJvm, List.of("--port=0", "--host=127.0.0.1",
            "--hubble-addr=127.0.0.1:" + simulator.port()), JarProcess.SERVER_LISTENING)) {
      ServerProbe probe = new ServerProbe(server.port());
      Recorder latency = new Recorder(3_600_000_000L, 3);
      try (RawWsClient client = clients == 0 ? null : new RawWsClient(server.port(), "/ws/flows", latency, 97)) {
        // read both counters once before the window: a first call to a fresh process can take hundreds of ms, and
        // an uncertain reading time at one end of the window skews its rate
        probe.read();
        sim.seenFlows();
        Machine.sleepSeconds(warmupSeconds);
        ServerProbe.Counters c0 = probe.read();
        long seen0At = System.nanoTime();
        long seen0 = sim.seenFlows();
        seen0At += (System.nanoTime() - seen0At) / 2;
        Duration serverCpu0 = server.cpu();
        Duration simCpu0 = simulator.cpu();
        Duration selfCpu0 = Machine.selfCpu();
        long ws0 = client == null ? 0 : client.flows.get();
        long wsLost0 = client == null ? 0 : client.lostFlows.get();
        long t0 = System.nanoTime();
        long nowMicros = System.currentTimeMillis() * 1000;
        if (client != null) {
          client.window(nowMicros, nowMicros + (long) (windowSeconds * 1e6));
        }
        double gcMax = 0;
        long end = t0 + (long) (windowSeconds * 1e9);
        while (System.nanoTime() < end) {
          Machine.sleepSeconds(Math.min(5, (end - System.nanoTime()) / 1e9));
          gcMax = Math.max(gcMax, ServerProbe.max(probe.get("/metrics"), "jvm_gc_pause_seconds_max"));
        }
        ServerProbe.Counters c1 = probe.read();
        long seen1At = System.nanoTime();
        long seen1 = sim.seenFlows();
        seen1At += (System.nanoTime() - seen1At) / 2;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double serverCores = (server.cpu().minus(serverCpu0).toNanos() / 1e9) / elapsed;
        double simCores = (simulator.cpu().minus(simCpu0).toNanos() / 1e9) / elapsed;
        double selfCores = (Machine.selfCpu().minus(selfCpu0).toNanos() / 1e9) / elapsed;
        // each count over the interval between its own two readings (a reading can wait on a busy process)
        double offered = (seen1 - seen0) / ((seen1At - seen0At) / 1e9);
        double received = (c1.flowsReceived() - c0.flowsReceived()) / ((c1.statusAtNanos() - c0.statusAtNanos()) / 1e9);
        long lost = (c1.lostEvents() - c0.lostEvents()) + (c1.inboxOverflow() - c0.inboxOverflow());
        double wsReceived = client == null ? 0 : (client.flows.get() - ws0) / elapsed;
        long wsLost = client == null ? 0 : client.lostFlows.get() - wsLost0;
        gcMax = Math.max(gcMax, c1.gcPauseMaxSeconds());
        if (client != null && client.failure() != null) {
          System.out.println("ingest: the WebSocket client failed: " + client.failure());
        }
        return new Result(rate, offered, received, lost, c1.lostEvents() - c0.lostEvents(), serverCores, simCores,
            selfCores,
            c1.gcPauses() - c0.gcPauses(), (c1.gcPauseSeconds() - c0.gcPauseSeconds()) * 1000, gcMax * 1000,
            wsReceived, wsLost, load, Ramp.sustained(offered, received, lost), latency.getIntervalHistogram());
      }
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** The table rows: the highest sustained rate (the lower of offered and received), and each figure of that run. */
  static void addRows(BenchTable table, List<Result> results, double windowSeconds, int clients, int buffer) {
    Result best = null;
    for (Result r : results) {
      if (r.sustained() && (best == null || r.slower() > best.slower())) {
        best = r;
      }
    }
    StringBuilder ramp = new StringBuilder();
    for (Result r : results) {
      ramp.append(ramp.length() == 0 ? "" : ", ").append(f0(r.rate() / 1000)).append("k ")
          .append(r.sustained() ? "ok"
              : "lost " + f0(r.lost()) + "/received " + f0(r.received() / r.offered() * 100) + "%");
    }
    table.add(BenchTable.Row.plain("ingest", "ramp of offered rates (" + f0(windowSeconds) + " s windows, " + clients
            + " ws client" + (clients == 1 ? "" : "s") + ", Hubble ring " + f0(buffer) + " per node)",
        ramp.toString()));
    if (best == null) {
      table.add(BenchTable.Row.judged("ingest", "sustained flows/s, 0 lost", ">= 100,000", "none of the rates tried",
          false));
      return;
    }
    table.add(BenchTable.Row.judged("ingest", "sustained flows/s, 0 lost (gRPC -> full pipeline, " + clients
        + " ws client"
            + (clients == 1 ? ")" : "s)"),
        ">= 100,000", f0(best.offered()) + " offered, " + f0(best.received()) + " received",
        best.slower() >= 100_000));
    table.add(BenchTable.Row.judged("ingest", "flows lost at that rate (Hubble lost_events + hub inbox overflow)", "0",
        Long.toString(best.lost()),
        best.lost() == 0));
    table.add(BenchTable.Row.plain("ingest", "CPU at that rate (cores of 2)", "server " + f2(best.serverCores())
        + ", simulator " + f2(best.simulatorCores()) + ", ws client " + f2(best.harnessCores())));
    table.add(BenchTable.Row.plain("ingest", "server GC pauses in the window", best.gcPauses() + " pauses, "
        + f1(best.gcPauseMillis()) + " ms total, max " + f1(best.gcMaxMillis()) + " ms"));
    Histogram h = best.latencyMicros();
    if (clients == 0) {
      return;
    }
    table.add(BenchTable.Row.plain("ingest", "ws client at that rate", f0(best.wsReceived()) + " flows/s, "
        + best.wsLost() + " lost" + (h.getTotalCount() > 0 ? ", latency p50 " + f1(h.getValueAtPercentile(50) / 1000.0)
        + " ms, p99 " + f1(h.getValueAtPercentile(99) / 1000.0) + " ms (1 flow in 97)" : "")));
  }
}
