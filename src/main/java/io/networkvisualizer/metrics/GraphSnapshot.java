package io.networkvisualizer.metrics;

import io.networkvisualizer.metrics.GraphQuery.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The graph at one moment of event time, at one aggregation level: nodes, connection edges with their metrics over
 * the window, and the engine's counters. Immutable; built by {@link EdgeMetrics#snapshot(GraphQuery)}.
 *
 * @param generatedAt the event time the snapshot was taken at
 * @param windowSeconds the configured metric window
 * @param bytesMeasured whether any edge in the snapshot had flows with measured sizes in the window
 */
public record GraphSnapshot(
    Level level,
    Instant generatedAt,
    double windowSeconds,
    boolean bytesMeasured,
    List<Node> nodes,
    List<Edge> edges,
    Stats stats) {

  public GraphSnapshot {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * A node of the graph.
   *
   * @param id stable id: {@code pod/<ns>/<pod>}, {@code workload/<ns>/<name>}, {@code namespace/<ns>},
   *     {@code world/<fqdn or ip>}, {@code world/other}, {@code host/<node>}, {@code remote-node},
   *     {@code kube-apiserver}, a reserved identity such as {@code health}, or {@code ip/<ip>}
   * @param kind {@code pod}, {@code workload}, {@code namespace}, {@code world}, {@code host}, {@code remote-node},
   *     {@code kube-apiserver}, {@code reserved} or {@code ip}
   * @param label readable name (pod name, workload name, namespace, DNS name or address, node name)
   * @param labels Kubernetes labels (for workloads and namespaces: those all their pods share)
   * @param nodeNames the Hubble (Kubernetes) nodes that reported this endpoint as their local side
   * @param isActive whether it had traffic within the idle timeout
   */
  public record Node(
      String id,
      String kind,
      String label,
      String namespace,
      Map<String, String> labels,
      String workloadKind,
      String cluster,
      List<String> nodeNames,
      boolean isActive,
      Instant lastSeen) {}

  /**
   * A connection edge, from the client node ({@code source}) to the server node ({@code target}).
   *
   * @param id {@code <source>-><target>}
   * @param health {@code healthy}, {@code warning} (error rate at least half the threshold) or {@code critical}
   *     (error rate at or above the threshold)
   */
  public record Edge(String id, String source, String target, String health, FlowData flowData) {}

  /**
   * An edge's metrics over the window; see {@code docs/API.md} for each definition.
   *
   * @param bytesPerSec measured bytes (both directions) per second; 0 when nothing was measured
   * @param packetsPerSec measured packets per second; 0 when nothing was measured
   * @param connectionCount connection starts in the window
   * @param errorRate (dropped or errored flows + HTTP 5xx responses) / flows, 0..1
   * @param protocol the most specific protocol in the window (an application protocol over its transport), the most
   *     frequent when several
   * @param direction {@code egress} (only client-to-server traffic in the window), {@code ingress} (only replies) or
   *     {@code bidirectional}
   * @param protocols every protocol seen in the window
   * @param dropReasons drop reasons (or failure verdicts) since the edge appeared, with counts
   */
  public record FlowData(
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
      L7Summary l7) {}

  /** The busiest HTTP paths, HTTP status codes and DNS names since the edge appeared (top 10 each). */
  public record L7Summary(List<Count> httpPaths, Map<String, Long> httpCodes, List<Count> dnsNames) {
    public static final L7Summary EMPTY = new L7Summary(List.of(), Map.of(), List.of());
  }

  /** A key (path or name) and how often it was seen. */
  public record Count(String key, long count) {}

  /**
   * The engine's counters.
   *
   * @param nodes pod-level nodes held (not the number in this snapshot)
   * @param edges pod-level edges held
   * @param edgesEvicted edges evicted because {@code maxEdges} was reached (least recently seen first)
   * @param nodesEvicted nodes evicted because {@code maxNodes} was reached, with their edges
   * @param worldFolded flows whose outside address went to {@code world/other} past {@code maxWorldNodes}
   * @param lateFlows flows older than the tolerated lateness, skipped
   * @param doubleObservationsSkipped flow events that reported a packet already counted, skipped
   * @param futureFlows flows further ahead of the clock than the tolerated lateness, skipped
   * @param flowsCounted flows added to an edge
   * @param edgesExpired edges removed after {@code edgeExpiry} without traffic
   * @param nodesExpired nodes removed after {@code edgeExpiry} without traffic
   * @param connectionsDisplaced connection-table entries pushed out while fresh (each may count a connection twice)
   * @param workloadTotalsDropped retired workload-edge totals dropped because {@code maxEdges} of them were kept
   *     (each a counter reset of one edge series on {@code /metrics})
   */
  public record Stats(
      long nodes,
      long edges,
      long edgesEvicted,
      long nodesEvicted,
      long worldFolded,
      long lateFlows,
      long doubleObservationsSkipped,
      long futureFlows,
      long flowsCounted,
      long edgesExpired,
      long nodesExpired,
      long connectionsDisplaced,
      long workloadTotalsDropped) {

    /** Counters without {@code workloadTotalsDropped} (0). */
    public Stats(long nodes, long edges, long edgesEvicted, long nodesEvicted, long worldFolded, long lateFlows,
        long doubleObservationsSkipped, long futureFlows, long flowsCounted, long edgesExpired, long nodesExpired,
        long connectionsDisplaced) {
      this(nodes, edges, edgesEvicted, nodesEvicted, worldFolded, lateFlows, doubleObservationsSkipped, futureFlows,
          flowsCounted, edgesExpired, nodesExpired, connectionsDisplaced, 0);
    }
  }
}
