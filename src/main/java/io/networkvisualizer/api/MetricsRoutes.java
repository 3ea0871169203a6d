package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.metrics.GraphQuery;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The graph's HTTP API ({@code docs/API.md}): {@code GET /api/flows/metrics} (per-edge metrics in the spec's shape),
 * {@code GET /api/flows/active} (edges with their flow data in the spec's shape) and {@code GET /api/graph} (nodes
 * and edges for the UI). All three take {@code level} (pod, workload, namespace; default pod), {@code namespace}
 * (comma-separated), {@code label} ({@code key=value}, comma-separated, all required) and {@code include_inactive}
 * ({@code true} by default); a bad value is a 400 naming it.
 */
public final class MetricsRoutes implements Routes {
  private static final int MAX_PARAM_LENGTH = 4096;

  private final EdgeMetrics metrics;

  public MetricsRoutes(EdgeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/flows/metrics", ctx -> ctx.json(
        metrics.snapshot(query(ctx)).edges().stream().map(MetricsViews.EdgeMetric::of).toList()));
    routes.get("/api/flows/active", ctx -> ctx.json(
        metrics.snapshot(query(ctx)).edges().stream().map(MetricsViews.ActiveEdge::of).toList()));
    routes.get("/api/graph", ctx -> ctx.json(MetricsViews.Graph.of(metrics.snapshot(query(ctx)))));
  }

  static GraphQuery query(Context ctx) {
    return query(ctx::queryParam);
  }

  /** The graph query that parameters describe; {@code params} returns a parameter's raw value or null. */
  static GraphQuery query(Function<String, String> params) {
    String level = param(params, "level");
    return new GraphQuery(
        level == null ? GraphQuery.Level.POD : GraphQuery.Level.parse(level),
        namespaces(param(params, "namespace")),
        labels(param(params, "label")),
        bool(param(params, "include_inactive"), "include_inactive", true));
  }

  /** A parameter's trimmed value; null when absent or blank. */
  private static String param(Function<String, String> params, String name) {
    String text = params.apply(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_PARAM_LENGTH) {
      throw new IllegalArgumentException(name + " must be at most " + MAX_PARAM_LENGTH + " characters (was "
          + text.length() + ")");
    }
    return text.trim();
  }

  static Set<String> namespaces(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      for (String part : text.split(",", -1)) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  static Map<String, String> labels(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("label must be key=value, comma-separated (was '" + text + "')");
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      String previous = out.put(key, value);
      if (previous != null && !previous.equals(value)) {
        throw new IllegalArgumentException("label " + key + " is given twice with different values (was '" + text
            + "')");
      }
    }
    return out;
  }

  static boolean bool(String text, String name, boolean defaultValue) {
    if (text == null) {
      return defaultValue;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false (was '" + text + "')");
    };
  }
}
