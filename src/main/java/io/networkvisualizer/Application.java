package io.networkvisualizer;

import io.networkvisualizer.anomaly.Anomaly;
import io.networkvisualizer.anomaly.AnomalyEngine;
import io.networkvisualizer.api.AnomalyRoutes;
import io.networkvisualizer.api.ApiServer;
import io.networkvisualizer.api.FlowJson;
import io.networkvisualizer.api.FlowRoutes;
import io.networkvisualizer.api.GraphFeedAdapter;
import io.networkvisualizer.api.Json;
import io.networkvisualizer.api.MetricsRoutes;
import io.networkvisualizer.api.PrometheusRoutes;
import io.networkvisualizer.api.SimulatorRoutes;
import io.networkvisualizer.api.LiveRoutes;
import io.networkvisualizer.api.Routes;
import io.networkvisualizer.api.StatusRoutes;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.live.GraphStream;
import io.networkvisualizer.live.LiveHub;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.live.LiveOptions;
import io.networkvisualizer.source.FlowSource;
import io.networkvisualizer.source.SourceCounters;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.file.FileSource;
import io.networkvisualizer.source.hubble.HubbleOptions;
import io.networkvisualizer.source.hubble.HubbleSource;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.SimulatorServer;
import io.networkvisualizer.telemetry.AnomalyCounter;
import io.networkvisualizer.telemetry.Telemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: every part built from the configuration and wired together, in the pipeline's one direction
 * (source -> pipeline -> store, metrics, anomalies, live hub; HTTP reads them). Started by {@code Main}, and by
 * end-to-end tests on port 0.
 */
public final class Application implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final SimulatorServer simulator;
  private final FlowSource source;
  private final LiveHub hub;
  private final GraphStream graph;
  private final ApiServer api;
  private final Telemetry telemetry;
  private final ScheduledExecutorService ticker;

  private Application(SimulatorServer simulator, FlowSource source, LiveHub hub, GraphStream graph, ApiServer api,
      Telemetry telemetry, ScheduledExecutorService ticker) {
    this.telemetry = telemetry;
    this.ticker = ticker;
    this.simulator = simulator;
    this.source = source;
    this.hub = hub;
    this.graph = graph;
    this.api = api;
  }

  /**
   * Builds and starts everything.
   *
   * @throws IllegalArgumentException for a setting that is valid alone but unusable here (e.g. a bad Hubble filter)
   */
  public static Application start(Config config) {
    Sources sources = Sources.from(config);
    // A file is analysed in its own time; a live stream's time also moves on between flows, so idle edges fade.
    FlowTimeClock clock = sources.isFile() ? FlowTimeClock.replay() : FlowTimeClock.live();
    FlowStore store = new FlowStore(config.get(Settings.MAX_FLOWS));
    EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.from(config));
    Telemetry telemetry = Telemetry.from(config);
    AnomalyCounter raised = telemetry.bindAnomalies(Anomaly.TYPES, Anomaly.SEVERITIES);
    AnomalyEngine anomalies = new AnomalyEngine(clock, AnomalyEngine.Options.from(config), raised::raised);
    LiveHub hub = new LiveHub(LiveOptions.from(config), FlowJson::toJsonBytes);
    // The clock goes first: every later stage sees event time already advanced to the flow it is handed.
    FlowPipeline pipeline = new FlowPipeline(List.of(clock, store, metrics, anomalies, hub));
    SimulatorServer simulator = sources.simulator();
    FlowSource source = sources.source();
    Supplier<SourceStatus> status = source != null ? source::status : disabledStatus();

    GraphStream graph = new GraphStream(hub,
        new GraphFeedAdapter(metrics, status, AnomalyRoutes.feed(anomalies)), Json.MAPPER);
    telemetry.bindSource(status).bindStore(store).bindPipeline(pipeline).bindLive(hub::stats)
        .bindGraph(metrics::stats).bindEdges(metrics::workloadTotals);
    ScheduledExecutorService ticker = tickEverySecond(anomalies);

    List<Routes> routes = new ArrayList<>();
    routes.add(new PrometheusRoutes(telemetry));
    routes.add(new FlowRoutes(store));
    routes.add(new MetricsRoutes(metrics));
    routes.add(new AnomalyRoutes(anomalies));
    routes.add(new StatusRoutes(status, store, pipeline)
        .section("graph", metrics::stats)
        .section("anomalies", AnomalyRoutes.status(anomalies))
        .section("live", hub::stats));
    routes.add(new LiveRoutes(hub, graph));
    if (simulator != null) {
      routes.add(new SimulatorRoutes(simulator::scenarios));
    }
    ApiServer api = new ApiServer(routes).start(config.get(Settings.HOST), config.get(Settings.PORT));
    log.info("network-visualizer listening on http://{}:{}/", displayHost(config.get(Settings.HOST)), api.port());

    if (source != null) {
      source.start(pipeline);
    }
    return new Application(simulator, source, hub, graph, api, telemetry, ticker);
  }

  /** The flow source the settings ask for, and the simulated cluster when it is the one that feeds it. */
  private record Sources(SimulatorServer simulator, FlowSource source, boolean isFile) {
    static Sources from(Config config) {
      if (!config.get(Settings.ENABLE_FLOWS)) {
        return new Sources(null, null, false);
      }
      List<String> files = config.get(Settings.FLOW_FILES);
      if (!files.isEmpty()) {
        return new Sources(null, new FileSource(files.stream().map(Path::of).toList()), true);
      }
      if (!config.get(Settings.HUBBLE_ADDR).isEmpty()) {
        return new Sources(null, new HubbleSource(HubbleOptions.from(config)), false);
      }
      SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.from(config));
      log.info("no --hubble-addr given: started the simulated cluster on {}", simulator.address());
      return new Sources(simulator, new HubbleSource(HubbleOptions.plaintext(simulator.address())), false);
    }
  }

  /** Detectors advance with the flows; this tick also moves them on when traffic stops (an edge falling silent). */
  private static ScheduledExecutorService tickEverySecond(AnomalyEngine anomalies) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "anomaly-tick");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(() -> {
      try {
        anomalies.tick();
      } catch (RuntimeException e) {
        log.warn("anomaly tick failed; continuing", e);
      }
    }, 1, 1, TimeUnit.SECONDS);
    return ticker;
  }

  private static Supplier<SourceStatus> disabledStatus() {
    SourceCounters counters = new SourceCounters("none", "flow collection disabled (enableFlows=false)");
    // Ready all the same: the server serves its API and UI, and a probe must not hold the pod back for it.
    counters.state(SourceStatus.State.COMPLETED, "flow collection is disabled: set ENABLE_FLOWS=true to collect flows");
    return counters::snapshot;
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }

  /** The HTTP port, useful when started on port 0. */
  public int port() {
    return api.port();
  }

  /** Stops in order: the source first (no new flows), then clients (told the server is going away), then HTTP. */
  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    ticker.shutdownNow();
    graph.close();
    hub.close();
    api.close();
    telemetry.close();
  }
}
