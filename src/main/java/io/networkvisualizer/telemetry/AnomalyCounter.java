package io.networkvisualizer.telemetry;

/**
 * Where the anomaly engine reports each anomaly it raises, so that {@code /metrics} counts them by type and severity
 * ({@code network_visualizer_anomalies_raised_total{type,severity}}). Called once per anomaly raised, not per update
 * of an active one. Cheap and thread-safe.
 */
@FunctionalInterface
public interface AnomalyCounter {

  /** Counts nothing: for tools and tests that run the anomaly engine without telemetry. */
  AnomalyCounter NONE = (type, severity) -> { };

  /**
   * @param type the anomaly type as the API names it, e.g. {@code port_scan}
   * @param severity the severity as the API names it, e.g. {@code critical}
   */
  void raised(String type, String severity);
}
