package io.networkvisualizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What the graph stream sends, rendered as JSON by the API layer: the graph for an audience (a validated view:
 * level and filters), the source status, and the anomaly changes. Keeps {@link GraphStream} free of the metrics and
 * anomaly packages.
 */
public interface GraphFeed {

  /**
   * The audience key of a {@code /ws/graph} query: clients with equal keys see the same graph and share its messages.
   *
   * @throws IllegalArgumentException for an invalid query, naming what is allowed
   */
  String audience(Map<String, List<String>> query);

  /** The graph now: the {@code /api/graph} body for the audience. Must hold {@code nodes} and {@code edges} arrays of
   * objects with an {@code id}. */
  ObjectNode graph(String audience);

  /** The source status as {@code /api/status} shows it. */
  JsonNode status();

  /** Active anomalies, for a snapshot. */
  List<JsonNode> activeAnomalies();

  /** Anomaly changes after {@code version}, and the version to ask from next time. */
  AnomalyChanges anomaliesSince(long version);

  /** Anomalies that appeared, changed or ended since a version. */
  record AnomalyChanges(long version, List<JsonNode> added, List<JsonNode> updated, List<JsonNode> resolved) {
    public static AnomalyChanges none(long version) {
      return new AnomalyChanges(version, List.of(), List.of(), List.of());
    }

    boolean isEmpty() {
      return added.isEmpty() && updated.isEmpty() && resolved.isEmpty();
    }
  }
}
