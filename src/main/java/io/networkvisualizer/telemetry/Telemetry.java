package io.networkvisualizer.telemetry;

import io.networkvisualizer.metrics.EdgeTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.config.Version;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.live.LiveHub;
import io.networkvisualizer.metrics.GraphSnapshot;
import io.networkvisualizer.source.SourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The product's own health as Prometheus metrics: flows received, skipped and lost, reconnects, the source's state,
 * the store, the pipeline, the WebSocket fan-out, anomalies raised, the JVM, and (capped) per-edge totals as a data
 * export. Every meter reads a counter the part already keeps, through a supplier, at scrape time: nothing is counted
 * twice and the flow path does no extra work. Own meters carry low-cardinality tags only (a state, an anomaly type);
 * the edge series are the one exception, bounded by {@code prometheusMaxSeries}.
 *
 * <p>Each {@code bind...} is called once, by the composition root, before the server starts.
 */
public final class Telemetry implements AutoCloseable {
  /** Content type of the Prometheus text format 0.0.4, which every Prometheus-compatible scraper reads. */
  public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  /** Content type of OpenMetrics text 1.0.0, served when the scraper's {@code Accept} asks for it. */
  public static final String OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final String P = "network.visualizer.";

  /** One scrape: the body and the content type it is written in. */
  public record Scrape(String contentType, byte[] body) {}

  private final PrometheusMeterRegistry registry;
  private final int maxEdgeSeries;
  private final JvmGcMetrics gcMetrics;
  /** Micrometer holds a function meter's object weakly; these keep the bound suppliers alive. */
  private final List<Object> bound = new ArrayList<>();
  private final Set<String> boundParts = new HashSet<>();

  /**
   * @param maxEdgeSeries most edge series {@link #bindEdges} exports ({@code prometheusMaxSeries}); 0 exports none
   */
  public Telemetry(int maxEdgeSeries) {
    if (maxEdgeSeries < 0) {
      throw new IllegalArgumentException("prometheusMaxSeries must be >= 0 (was " + maxEdgeSeries + ")");
    }
    this.maxEdgeSeries = maxEdgeSeries;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    this.gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder(P + "build.info", () -> 1).description("The running version of network-visualizer")
        .tag("version", Version.current()).strongReference(true).register(registry);
  }

  /** Telemetry sized by the {@code telemetry} settings. */
  public static Telemetry from(Config config) {
    return new Telemetry(config.get(Settings.PROMETHEUS_MAX_SERIES));
  }

  /**
   * Exports the flow source's counters and state. The supplier is read at each scrape; it must be cheap and not throw
   * (a {@code FlowSource::status} is both).
   */
  public synchronized Telemetry bindSource(Supplier<SourceStatus> source) {
    once("source", source);
    counter(P + "flows.received", "Flows received from the source and handed to the pipeline",
        source, s -> s.get().flowsReceived());
    counter(P + "flows.malformed", "Inputs that could not be read as flows, skipped",
        source, s -> s.get().malformed());
    counter(P + "flows.duplicates.skipped", "Flows seen again after a resume and not delivered twice",
        source, s -> s.get().duplicatesSkipped());
    counter(P + "hubble.lost.events", "Flows Hubble reported as lost (lost_events), summed",
        source, s -> s.get().lostEvents());
    counter(P + "hubble.node.status.events", "node_status messages received from Hubble Relay",
        source, s -> s.get().nodeStatusEvents());
    counter(P + "source.reconnects", "Times the source reconnected after a failure",
        source, s -> s.get().reconnects());
    for (SourceStatus.State state : SourceStatus.State.values()) {
      Gauge.builder(P + "source.state", source, s -> s.get().state() == state ? 1 : 0)
          .description("1 for the state the flow source is in, 0 for the others")
          .tag("state", state.name())
          .register(registry);
    }
    Gauge.builder(P + "source.state.change.timestamp", source, s -> s.get().since().toEpochMilli() / 1000.0)
        .description("When the flow source entered its current state (Unix time)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(P + "source.bytes.measured", source, s -> s.get().bytesMeasured() ? 1 : 0)
        .description("1 once a flow carried measured byte counts; 0 on plain Cilium, whose flows carry none")
        .register(registry);
    return this;
  }

  /** Exports the flow store's fill and evictions. */
  public synchronized Telemetry bindStore(FlowStore store) {
    once("store", store);
    Gauge.builder(P + "store.size", store, FlowStore::size).description("Flows held in the recent-flows ring")
        .baseUnit("flows").register(registry);
    Gauge.builder(P + "store.capacity", store, FlowStore::capacity).description("Capacity of the ring (maxFlows)")
        .baseUnit("flows").register(registry);
    counter(P + "store.evicted", "Flows overwritten because the ring was full", store, FlowStore::evicted, "flows");
    return this;
  }

  /** Exports the pipeline's counters. */
  public synchronized Telemetry bindPipeline(FlowPipeline pipeline) {
    once("pipeline", pipeline);
    counter(P + "pipeline.flows", "Flows handed to the consumers (store, metrics, anomalies, live)",
        pipeline, FlowPipeline::accepted);
    counter(P + "pipeline.consumer.failures", "Times a pipeline consumer threw; the flow still reached the others",
        pipeline, FlowPipeline::consumerFailures);
    return this;
  }

  /** Exports the WebSocket fan-out's clients and losses; pass {@code liveHub::stats}. */
  public synchronized Telemetry bindLive(Supplier<LiveHub.Stats> live) {
    once("live", live);
    Gauge.builder(P + "websocket.clients", live, l -> l.get().clients())
        .description("WebSocket clients connected").register(registry);
    Gauge.builder(P + "websocket.clients.limit", live, l -> l.get().maxClients())
        .description("Most WebSocket clients accepted (wsMaxClients)").register(registry);
    counter(P + "websocket.messages.queued", "Messages queued to WebSocket clients",
        live, l -> l.get().messagesQueued());
    counter(P + "websocket.messages.dropped", "Messages a slow WebSocket client lost (its oldest, past wsQueueSize)",
        live, l -> l.get().messagesLost());
    counter(P + "websocket.encoding.failures", "Flows the live stream could not write as JSON (not sent to the clients that wanted them)",
        live, l -> l.get().encodingFailures());
    counter(P + "websocket.inbox.overflow", "Flows the WebSocket fan-out could not take because its inbox was full",
        live, l -> l.get().inboxOverflow());
    counter(P + "websocket.clients.closed.slow", "WebSocket clients closed because they stopped reading",
        live, l -> l.get().closedTooSlow());
    counter(P + "websocket.clients.refused", "WebSocket connections refused at the client limit",
        live, l -> l.get().refused());
    return this;
  }

  /** Exports the graph engine's size and what it shed; pass {@code edgeMetrics::stats}. */
  public synchronized Telemetry bindGraph(Supplier<GraphSnapshot.Stats> graph) {
    once("graph", graph);
    Gauge.builder(P + "graph.nodes", graph, g -> g.get().nodes())
        .description("Pod-level nodes held by the graph engine (maxNodes caps it)").register(registry);
    Gauge.builder(P + "graph.edges", graph, g -> g.get().edges())
        .description("Pod-level edges held by the graph engine (maxEdges caps it)").register(registry);
    counter(P + "graph.flows.counted", "Flows added to an edge", graph, g -> g.get().flowsCounted());
    counter(P + "graph.edges.evicted", "Edges evicted because maxEdges was reached", graph,
        g -> g.get().edgesEvicted());
    counter(P + "graph.nodes.evicted", "Nodes evicted because maxNodes was reached", graph,
        g -> g.get().nodesEvicted());
    counter(P + "graph.edges.expired", "Edges removed after edgeExpiry without traffic", graph,
        g -> g.get().edgesExpired());
    counter(P + "graph.nodes.expired", "Nodes removed after edgeExpiry without traffic", graph,
        g -> g.get().nodesExpired());
    counter(P + "graph.world.folded", "Flows whose outside address went to world/other past maxWorldNodes", graph,
        g -> g.get().worldFolded());
    counter(P + "graph.flows.late", "Flows older than the tolerated lateness, skipped by the graph engine", graph,
        g -> g.get().lateFlows());
    counter(P + "graph.flows.future", "Flows too far ahead of the clock, skipped by the graph engine", graph,
        g -> g.get().futureFlows());
    counter(P + "graph.flows.double.observations", "Flow events reporting a packet already counted, skipped", graph,
        g -> g.get().doubleObservationsSkipped());
    counter(P + "graph.connections.displaced", "Connection-table entries pushed out while fresh", graph,
        g -> g.get().connectionsDisplaced());
    counter(P + "graph.workload.totals.dropped", "Retired workload edge totals dropped past maxEdges (series resets)",
        graph, g -> g.get().workloadTotalsDropped());
    return this;
  }

  /**
   * Exports per-edge totals as {@code network_visualizer_edge_{bytes,flows,connections,drops}_total{source,
   * destination,protocol}}, at most {@code prometheusMaxSeries} series, plus
   * {@code network_visualizer_edge_series_refused_total}. The supplier is called once per scrape, on the scraping
   * thread: it must return a consistent snapshot (a copy) and may be as large as the edges the engine keeps.
   */
  public synchronized Telemetry bindEdges(Supplier<? extends Collection<EdgeTotals>> edges) {
    once("edges", edges);
    registry.getPrometheusRegistry().register(new EdgeSeries(edges, maxEdgeSeries));
    return this;
  }

  /**
   * Registers {@code network_visualizer_anomalies_raised_total{type,severity}} at zero for every known type and
   * severity, and returns the counter the anomaly engine calls once per anomaly raised.
   */
  public synchronized AnomalyCounter bindAnomalies(Collection<String> types, Collection<String> severities) {
    AnomalyMeters meters = new AnomalyMeters(registry, types, severities);
    once("anomalies", meters);
    return meters;
  }

  /**
   * The current metrics, in OpenMetrics when {@code accept} (the scraper's {@code Accept} header, may be null) asks
   * for it, else in the Prometheus text format.
   */
  public Scrape scrape(String accept) {
    String contentType = accept != null && accept.contains("application/openmetrics-text")
        ? OPENMETRICS_FORMAT : TEXT_FORMAT;
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    try {
      registry.scrape(out, contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return new Scrape(contentType, out.toByteArray());
  }

  /** The registry, for parts that keep their own Micrometer meters (low-cardinality tags only). */
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }

  private void once(String part, Object supplier) {
    if (!boundParts.add(part)) {
      throw new IllegalStateException(part + " is already bound to telemetry");
    }
    bound.add(supplier);
  }

  private <T> void counter(String name, String description, T obj, ToDoubleFunction<T> value) {
    counter(name, description, obj, value, null);
  }

  private <T> void counter(String name, String description, T obj, ToDoubleFunction<T> value, String unit) {
    FunctionCounter.builder(name, obj, value).description(description).baseUnit(unit).register(registry);
  }
}
