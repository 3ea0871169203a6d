package io.networkvisualizer.telemetry;

import io.networkvisualizer.api.ApiServer;
import io.networkvisualizer.api.FlowJson;
import io.networkvisualizer.api.FlowRoutes;
import io.networkvisualizer.api.LiveRoutes;
import io.networkvisualizer.api.MetricsRoutes;
import io.networkvisualizer.api.PrometheusRoutes;
import io.networkvisualizer.api.StatusRoutes;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.live.LiveHub;
import io.networkvisualizer.live.LiveOptions;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.source.SourceCounters;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.file.FileSource;
import io.networkvisualizer.testing.Http;
import io.networkvisualizer.testing.WsClient;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the server's memory in the shape the deployment runs it: the recent-flows ring ({@code maxFlows}, default
 * 10,000), the graph engine, the WebSocket hub with one client, telemetry and the HTTP API, fed real Hubble flows
 * (the samples, re-timed and spread over {@code pods} pods per workload so the graph has realistic breadth) at
 * {@code rate} flows/s for {@code seconds}, while /metrics, /api/flows and /api/graph are read every second. Prints the
 * heap in use, the live heap after a full GC, the resident set size, the GC time and the process's CPU time (the
 * harness's own HTTP and WebSocket clients included), every 15 s and at the end.
 *
 * <p>Run: {@code scripts/measure-memory.sh [seconds] [rate] [pods] [maxFlows]} (it builds the classpath and passes JVM flags such
 * as {@code -Xmx384m}, i.e. 75% of a 512 MiB container).
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 180;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int pods = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int maxFlows = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    Path samples = Path.of(System.getProperty("hubble.samples", "../shared/fixtures/hubble"));
    List<Flow> real = readSamples(samples);
    System.out.printf("%d real flows from %s; %d flows/s for %d s, %d pods per workload, maxFlows %d%n", real.size(),
        samples, rate, seconds, pods, maxFlows);

    Config config = Config.defaults();
    FlowTimeClock clock = FlowTimeClock.live();
    FlowStore store = new FlowStore(maxFlows);
    EdgeMetrics graph = new EdgeMetrics(clock, EdgeMetrics.Options.from(config));
    LiveHub hub = new LiveHub(LiveOptions.from(config), FlowJson::toJsonBytes);
    FlowPipeline pipeline = new FlowPipeline(List.of(clock, store, graph, hub));
    SourceCounters counters = new SourceCounters("harness", samples.toString());
    counters.state(SourceStatus.State.STREAMING, "");
    Telemetry telemetry = Telemetry.from(config).bindSource(counters::snapshot).bindStore(store)
        .bindPipeline(pipeline).bindLive(hub::stats).bindGraph(graph::stats);
    ApiServer server = new ApiServer(List.of(new FlowRoutes(store), new StatusRoutes(counters::snapshot, store,
        pipeline), new MetricsRoutes(graph), new LiveRoutes(hub), new PrometheusRoutes(telemetry)))
        .start("127.0.0.1", 0);
    Http http = new Http(server.port());
    WsClient ws = WsClient.connect(server.port(), "/ws/flows");

    Map<Endpoint, Endpoint[]> variants = new HashMap<>();
    long start = System.nanoTime();
    long sent = 0;
    long nextReport = 15;
    long nextRead = 1;
    while (true) {
      long elapsedNanos = System.nanoTime() - start;
      if (elapsedNanos >= TimeUnit.SECONDS.toNanos(seconds)) {
        break;
      }
      long due = elapsedNanos * rate / 1_000_000_000L;
      for (; sent < due; sent++) {
        Flow base = real.get((int) (sent % real.size()));
        int v = (int) ((sent / real.size()) % pods);
        Flow flow = base.toBuilder()
            .timeNanos(System.currentTimeMillis() * 1_000_000L)
            .uuid(UUID.randomUUID().toString())
            .source(variant(variants, base.source(), v, pods))
            .destination(variant(variants, base.destination(), (v + 1) % pods, pods))
            .sourcePort(30_000 + (int) (sent % 30_000))
            .build();
        counters.flowsReceived.incrementAndGet();
        pipeline.onFlow(flow);
      }
      long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(elapsedNanos);
      if (elapsedSeconds >= nextRead) {
        nextRead++;
        check(http.get("/metrics").status(), "/metrics");
        check(http.get("/api/flows?limit=100").status(), "/api/flows");
        check(http.get("/api/graph").status(), "/api/graph");
        ws.messages.clear();
      }
      if (elapsedSeconds >= nextReport) {
        nextReport += 15;
        report("t=" + elapsedSeconds + "s", sent, store, graph, false);
      }
      Thread.sleep(5);
    }
    report("end", sent, store, graph, true);
    ws.close();
    server.close();
    hub.close();
    telemetry.close();
    System.exit(0);
  }

  private static Endpoint variant(Map<Endpoint, Endpoint[]> variants, Endpoint e, int v, int pods) {
    if (!e.isPod()) {
      return e;
    }
    Endpoint[] list = variants.computeIfAbsent(e, k -> new Endpoint[pods]);
    if (list[v] == null) {
      list[v] = new Endpoint(e.id() + v, e.identity(), e.cluster(), e.namespace(), e.podName() + "-" + v, e.labels(),
          e.workloadName(), e.workloadKind());
    }
    return list[v];
  }

  private static void check(int status, String what) {
    if (status != 200) {
      throw new IllegalStateException(what + " answered " + status);
    }
  }

  private static List<Flow> readSamples(Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Flow> flows = new ArrayList<>();
    try (FileSource source = new FileSource(files)) {
      source.start(flows::add);
      while (source.status().state() != SourceStatus.State.COMPLETED
          && source.status().state() != SourceStatus.State.FAILED) {
        Thread.sleep(10);
      }
    }
    if (flows.isEmpty()) {
      throw new IllegalStateException("no flows read from " + dir);
    }
    return flows;
  }

  private static void report(String when, long sent, FlowStore store, EdgeMetrics graph, boolean fullGc)
      throws Exception {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    String live = "";
    if (fullGc) {
      System.gc();
      Thread.sleep(200);
      System.gc();
      MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      live = String.format(" live-heap-after-gc=%.1fMiB", after.getUsed() / 1048576.0);
      heap = after;
    }
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
    double cpuSeconds = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
    double upSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    System.out.printf("%s flows=%d stored=%d edges=%d nodes=%d heap-used=%.1fMiB heap-committed=%.1fMiB "
            + "non-heap=%.1fMiB rss=%.1fMiB gc-time=%dms cpu=%.1fs/%.0fs%s%n", when, sent, store.size(), graph.stats().edges(),
        graph.stats().nodes(), heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, nonHeap / 1048576.0,
        rssKiB() / 1024.0, gcMillis, cpuSeconds, upSeconds, live);
  }

  private static long rssKiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
