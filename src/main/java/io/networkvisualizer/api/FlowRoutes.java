package io.networkvisualizer.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.flow.Protocol;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /api/flows}: the most recent flows, newest first, in the spec's shape ({@link FlowJson}).
 *
 * <p>Parameters: {@code limit} (1..maxFlows, default 100); optional filters {@code namespace} (either side),
 * {@code pod} (substring of either side's {@code namespace/pod}), {@code verdict} and {@code protocol}.
 */
public final class FlowRoutes implements Routes {
  static final int DEFAULT_LIMIT = 100;
  private static final Set<String> VERDICTS = new LinkedHashSet<>(List.of(
      "FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED", "VERDICT_UNKNOWN"));
  private static final Set<String> PROTOCOLS = new LinkedHashSet<>(
      Arrays.stream(Protocol.values()).map(Protocol::label).toList());

  private final FlowStore store;

  public FlowRoutes(FlowStore store) {
    this.store = store;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/flows", this::flows);
  }

  private void flows(Context ctx) throws IOException {
    int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, store.capacity());
    Predicate<Flow> filter = filter(ctx);
    List<Flow> flows = store.recent(limit, filter);
    StringWriter out = new StringWriter(flows.size() * 700 + 2);
    try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
      gen.writeStartArray();
      for (Flow flow : flows) {
        FlowJson.write(gen, flow);
      }
      gen.writeEndArray();
    }
    ctx.contentType("application/json").result(out.toString());
  }

  private static Predicate<Flow> filter(Context ctx) {
    Predicate<Flow> filter = f -> true;
    String namespace = QueryParams.text(ctx, "namespace");
    if (namespace != null) {
      filter = filter.and(f -> f.source().namespace().equals(namespace) || f.destination().namespace().equals(namespace));
    }
    String pod = QueryParams.text(ctx, "pod");
    if (pod != null) {
      filter = filter.and(f -> f.source().namespacedPod().contains(pod) || f.destination().namespacedPod().contains(pod));
    }
    String verdict = QueryParams.oneOf(ctx, "verdict", VERDICTS);
    if (verdict != null) {
      filter = filter.and(f -> f.verdict().name().equals(verdict));
    }
    String protocol = QueryParams.oneOf(ctx, "protocol", PROTOCOLS);
    if (protocol != null) {
      filter = filter.and(f -> Protocol.of(f).label().equals(protocol) || f.l4().label().equals(protocol));
    }
    return filter;
  }
}
