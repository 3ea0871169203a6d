package io.networkvisualizer.anomaly;

/**
 * Told of every anomaly the engine raises, for counters such as Prometheus'. Called on the thread that drives the
 * engine (ingest or timer) while it holds its lock: it must be quick and must not call back into the engine.
 */
@FunctionalInterface
public interface AnomalyListener {
  AnomalyListener NONE = (type, severity) -> { };

  /** A new anomaly record of {@code type} (API name) with {@code severity} (API name). */
  void raised(String type, String severity);
}
