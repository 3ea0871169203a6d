package io.networkvisualizer.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link AnomalyCounter} behind {@code network_visualizer_anomalies_raised_total{type,severity}}. The known types
 * and severities are registered up front at zero (so that {@code increase()} sees the first one); an unknown pair is
 * registered when first raised, up to {@link #MAX_SERIES} series in all ({@code other} included), past which it
 * counts as {@code other}.
 */
final class AnomalyMeters implements AnomalyCounter {
  static final String NAME = "network.visualizer.anomalies.raised";
  static final int MAX_SERIES = 200;
  static final String OTHER = "other";
  private static final int MAX_LABEL_LENGTH = 64;

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final Counter other;

  AnomalyMeters(MeterRegistry registry, Collection<String> types, Collection<String> severities) {
    this.registry = registry;
    for (String type : types) {
      for (String severity : severities) {
        String t = label(type);
        String s = label(severity);
        counters.computeIfAbsent(key(t, s), k -> register(t, s));
      }
    }
    this.other = register(OTHER, OTHER);
  }

  @Override
  public void raised(String type, String severity) {
    String t = label(type);
    String s = label(severity);
    String key = key(t, s);
    Counter counter = counters.get(key);
    if (counter == null) {
      counter = counters.size() < MAX_SERIES - 1 ? counters.computeIfAbsent(key, k -> register(t, s)) : other;
    }
    counter.increment();
  }

  private Counter register(String type, String severity) {
    return Counter.builder(NAME)
        .description("Anomalies raised, by type and severity")
        .tag("type", type)
        .tag("severity", severity)
        .register(registry);
  }

  private static String key(String type, String severity) {
    return type + '\n' + severity;
  }

  /** A label value in the API's snake_case: lower case, anything else folded to {@code _}, bounded length. */
  static String label(String value) {
    if (value == null || value.isBlank()) {
      return "unknown";
    }
    String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return v.length() <= MAX_LABEL_LENGTH ? v : v.substring(0, MAX_LABEL_LENGTH);
  }
}
