package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.config.Version;
import io.networkvisualizer.source.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/status} (what the product is doing: source state and counters, store fill, pipeline counters),
 * {@code /healthz} (the process answers) and {@code /readyz} (a source is connected, or files are being read or were read: 200, else 503).
 */
public final class StatusRoutes implements Routes {
  private final Supplier<SourceStatus> source;
  private final FlowStore store;
  private final FlowPipeline pipeline;
  private final Instant started = Instant.now();
  private final Map<String, Supplier<Object>> sections = new LinkedHashMap<>();

  public StatusRoutes(Supplier<SourceStatus> source, FlowStore store, FlowPipeline pipeline) {
    this.source = source;
    this.store = store;
    this.pipeline = pipeline;
  }

  /** Adds a named section to {@code /api/status}, such as the detectors' state; called before the server starts. */
  public StatusRoutes section(String name, Supplier<Object> content) {
    sections.put(name, content);
    return this;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/status", this::status);
    routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    routes.get("/readyz", this::ready);
  }

  private void status(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", Version.current());
    body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    body.put("source", source.get());
    body.put("store", Map.of(
        "size", store.size(),
        "capacity", store.capacity(),
        "total_stored", store.totalStored(),
        "evicted", store.evicted()));
    body.put("pipeline", Map.of(
        "flows_accepted", pipeline.accepted(),
        "consumer_failures", pipeline.consumerFailures()));
    sections.forEach((name, content) -> body.put(name, content.get()));
    ctx.json(body);
  }

  private void ready(Context ctx) {
    SourceStatus status = source.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", status.isReady());
    body.put("source_state", status.state());
    body.put("detail", status.detail());
    ctx.status(status.isReady() ? 200 : 503).json(body);
  }
}
