package io.networkvisualizer.api;

import io.networkvisualizer.metrics.GraphSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of {@code /api/flows/metrics}, {@code /api/flows/active} and {@code /api/graph} (field names come
 * from the components through {@link Json#MAPPER}'s snake_case naming): the spec's fields first, then ours.
 */
final class MetricsViews {
  static final String CONNECTION = "connection";

  private MetricsViews() {}

  /** One element of {@code GET /api/flows/metrics}. */
  record EdgeMetric(
      String sourceId,
      String destId,
      double bytesPerSec,
      double packetsPerSec,
      long connectionCount,
      double errorRate,
      String protocol,
      Instant lastSeen,
      double flowsPerSec,
      boolean bytesMeasured,
      List<String> protocols,
      String direction,
      boolean isActive) {

    static EdgeMetric of(GraphSnapshot.Edge e) {
      GraphSnapshot.FlowData d = e.flowData();
      return new EdgeMetric(e.source(), e.target(), d.bytesPerSec(), d.packetsPerSec(), d.connectionCount(),
          d.errorRate(), d.protocol(), d.lastSeen(), d.flowsPerSec(), d.bytesMeasured(), d.protocols(),
          d.direction(), d.isActive());
    }
  }

  /** One element of {@code GET /api/flows/active}. */
  record ActiveEdge(String id, String source, String target, String type, String health, ActiveFlowData flowData) {
    static ActiveEdge of(GraphSnapshot.Edge e) {
      GraphSnapshot.FlowData d = e.flowData();
      return new ActiveEdge(e.id(), e.source(), e.target(), CONNECTION, e.health(), new ActiveFlowData(
          d.bytesPerSec(), d.packetsPerSec(), d.connectionCount(), d.errorRate(), d.protocol(), d.lastSeen(),
          d.isActive(), d.direction(), d.flowsPerSec(), d.bytesMeasured(), d.protocols()));
    }
  }

  /** The spec's {@code flow_data}, plus flow rate, whether bytes were measured, and every protocol. */
  record ActiveFlowData(
      double bytesPerSec,
      double packetsPerSec,
      long connectionCount,
      double errorRate,
      String protocol,
      Instant lastSeen,
      boolean isActive,
      String direction,
      double flowsPerSec,
      boolean bytesMeasured,
      List<String> protocols) {}

  /** {@code GET /api/graph}. */
  record Graph(
      String level,
      Instant generatedAt,
      double windowSeconds,
      boolean bytesMeasured,
      List<GraphSnapshot.Node> nodes,
      List<GraphEdge> edges,
      GraphSnapshot.Stats stats) {

    static Graph of(GraphSnapshot g) {
      return new Graph(g.level().label(), g.generatedAt(), g.windowSeconds(), g.bytesMeasured(), g.nodes(),
          g.edges().stream().map(GraphEdge::of).toList(), g.stats());
    }
  }

  /** An edge of {@code /api/graph}: the active-edge shape with drop reasons and the L7 summary added. */
  record GraphEdge(String id, String source, String target, String type, String health, GraphFlowData flowData) {
    static GraphEdge of(GraphSnapshot.Edge e) {
      GraphSnapshot.FlowData d = e.flowData();
      GraphSnapshot.L7Summary l7 = d.l7();
      return new GraphEdge(e.id(), e.source(), e.target(), CONNECTION, e.health(), new GraphFlowData(
          d.bytesPerSec(), d.packetsPerSec(), d.connectionCount(), d.errorRate(), d.protocol(), d.lastSeen(),
          d.isActive(), d.direction(), d.flowsPerSec(), d.bytesMeasured(), d.protocols(), d.dropReasons(),
          new L7(l7.httpPaths().stream().map(c -> new PathCount(c.key(), c.count())).toList(), l7.httpCodes(),
              l7.dnsNames().stream().map(c -> new NameCount(c.key(), c.count())).toList())));
    }
  }

  record GraphFlowData(
      double bytesPerSec,
      double packetsPerSec,
      long connectionCount,
      double errorRate,
      String protocol,
      Instant lastSeen,
      boolean isActive,
      String direction,
      double flowsPerSec,
      boolean bytesMeasured,
      List<String> protocols,
      Map<String, Long> dropReasons,
      L7 l7) {}

  record L7(List<PathCount> httpPaths, Map<String, Long> httpCodes, List<NameCount> dnsNames) {}

  record PathCount(String path, long count) {}

  record NameCount(String name, long count) {}
}
