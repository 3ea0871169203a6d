package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.anomaly.Anomaly;
import io.networkvisualizer.anomaly.AnomalyEngine;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/flows/anomalies} ({@code docs/API.md}): the anomaly records, newest first, filtered by
 * {@code severity} and {@code type} (comma-separated), {@code active} ({@code true}: active only, {@code false}:
 * resolved only) and {@code since} (RFC 3339: seen at or after it). A bad value is a 400 naming it.
 */
public final class AnomalyRoutes implements Routes {
  private static final int MAX_PARAM_LENGTH = 512;

  private final AnomalyEngine engine;

  public AnomalyRoutes(AnomalyEngine engine) {
    this.engine = engine;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/flows/anomalies", ctx -> ctx.json(engine.anomalies(query(ctx))));
  }

  /** The anomaly records for the graph stream ({@code /ws/graph}): the active ones, and changes after a version. */
  public static GraphFeedAdapter.AnomalyFeedSource feed(AnomalyEngine engine) {
    AnomalyEngine.Query active = new AnomalyEngine.Query(null, null, true, null);
    return new GraphFeedAdapter.AnomalyFeedSource() {
      @Override
      public List<?> active() {
        return engine.anomalies(active);
      }

      @Override
      public Changes since(long version) {
        AnomalyEngine.Changes c = engine.changesSince(version);
        return new Changes(c.version(), c.raised(), c.updated(), c.resolved());
      }
    };
  }

  /** The {@code anomalies} section of {@code /api/status}: each detector's state, and the engine's counters. */
  public static Supplier<Object> status(AnomalyEngine engine) {
    return () -> {
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("detectors", engine.detectors());
      section.put("stats", engine.stats());
      return section;
    };
  }

  static AnomalyEngine.Query query(Context ctx) {
    return new AnomalyEngine.Query(
        list(param(ctx, "severity"), "severity", Anomaly.SEVERITIES),
        list(param(ctx, "type"), "type", Anomaly.TYPES),
        bool(param(ctx, "active")),
        since(param(ctx, "since")));
  }

  private static String param(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_PARAM_LENGTH) {
      throw new IllegalArgumentException(name + " must be at most " + MAX_PARAM_LENGTH + " characters (was "
          + text.length() + ")");
    }
    text = text.trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty (leave it out for no filter)");
    }
    return text;
  }

  /** A comma-separated list of allowed values (any case); null when absent. */
  static Set<String> list(String text, String name, List<String> allowed) {
    if (text == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      String value = part.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed)
            + " (comma-separated for several; was '" + text + "')");
      }
      out.add(value);
    }
    return out;
  }

  static Boolean bool(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("active must be true or false (was '" + text + "')");
    };
  }

  /** An RFC 3339 time with a zone ({@code 2024-01-02T15:04:05Z}, {@code 2024-01-02T16:04:05+01:00}). */
  static Instant since(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("since must be an RFC 3339 time such as 2024-01-02T15:04:05Z (was '" + text
          + "')");
    }
  }
}
