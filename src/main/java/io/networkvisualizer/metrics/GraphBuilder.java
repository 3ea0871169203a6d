package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.metrics.GraphQuery.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns copied pod-level edge samples into a {@link GraphSnapshot} at a level: at the workload and namespace levels,
 * edges whose ends map to the same pair of level nodes are merged by summing their counters (so per-flow cost stays
 * that of one pod-level table, and a query costs O(edges)).
 */
final class GraphBuilder {
  static final int TOP_L7 = 10;
  private static final int MAX_NODE_NAMES = 16;
  private static final Protocol[] PROTOCOLS = Protocol.values();

  private final Level level;
  private final long nowNanos;
  private final long windowStartNanos;
  private final double spanSeconds;
  private final long idleNanos;
  private final double errorRateThreshold;
  private final Map<String, EdgeAcc> edges = new HashMap<>();
  private final Map<String, NodeAcc> nodes = new HashMap<>();

  GraphBuilder(Level level, long nowNanos, long windowStartNanos, long idleNanos, double errorRateThreshold) {
    this.level = level;
    this.nowNanos = nowNanos;
    this.windowStartNanos = windowStartNanos;
    this.spanSeconds = Math.max(1, nowNanos - windowStartNanos) / 1e9;
    this.idleNanos = idleNanos;
    this.errorRateThreshold = errorRateThreshold;
  }

  void add(EdgeSample sample) {
    NodeAcc source = node(sample.client, sample.clientLastSeen, sample.clientNodeNames);
    NodeAcc target = node(sample.server, sample.serverLastSeen, sample.serverNodeNames);
    String id = source.id + "->" + target.id;
    edges.computeIfAbsent(id, k -> new EdgeAcc(k, source.id, target.id)).add(sample);
  }

  GraphSnapshot build(double windowSeconds, GraphSnapshot.Stats stats) {
    List<GraphSnapshot.Edge> edgeList = new ArrayList<>(edges.size());
    boolean measured = false;
    for (EdgeAcc acc : edges.values()) {
      GraphSnapshot.Edge edge = acc.toEdge();
      measured |= edge.flowData().bytesMeasured();
      edgeList.add(edge);
    }
    edgeList.sort(Comparator.comparing(GraphSnapshot.Edge::id));
    List<GraphSnapshot.Node> nodeList = new ArrayList<>(nodes.size());
    for (NodeAcc acc : nodes.values()) {
      nodeList.add(acc.toNode());
    }
    nodeList.sort(Comparator.comparing(GraphSnapshot.Node::id));
    return new GraphSnapshot(level, instant(nowNanos), windowSeconds, measured, nodeList, edgeList, stats);
  }

  private NodeAcc node(NodeState n, long lastSeen, List<String> nodeNames) {
    String id = switch (level) {
      case POD -> n.id;
      case WORKLOAD -> n.workloadId;
      case NAMESPACE -> n.namespaceId;
    };
    NodeAcc acc = nodes.computeIfAbsent(id, k -> new NodeAcc(k, n));
    acc.add(n, lastSeen, nodeNames);
    return acc;
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** {@code critical} at or above the threshold, {@code warning} from half of it, else {@code healthy}. */
  static String health(double errorRate, double threshold) {
    if (errorRate > 0 && errorRate >= threshold) {
      return "critical";
    }
    if (errorRate > 0 && errorRate >= threshold / 2) {
      return "warning";
    }
    return "healthy";
  }

  /**
   * The protocol to show for an edge: among the protocols seen in the window ({@code mask}), an application
   * protocol (HTTP, HTTPS, gRPC, DNS, Kafka) over a transport one, since the transport flows of an HTTP connection
   * are that HTTP traffic; the most frequent (by total count) when several of the same class.
   */
  static String protocol(int mask, long[] totals) {
    if (mask == 0) {
      for (int i = 0; i < totals.length; i++) {
        if (totals[i] > 0) {
          mask |= 1 << i;
        }
      }
    }
    Protocol best = null;
    for (Protocol p : PROTOCOLS) {
      if ((mask & (1 << p.ordinal())) == 0) {
        continue;
      }
      if (best == null || (isApplication(p) && !isApplication(best))
          || (isApplication(p) == isApplication(best) && totals[p.ordinal()] > totals[best.ordinal()])) {
        best = p;
      }
    }
    return best == null ? Protocol.OTHER.label() : best.label();
  }

  static boolean isApplication(Protocol p) {
    return switch (p) {
      case HTTP, HTTPS, GRPC, DNS, KAFKA -> true;
      default -> false;
    };
  }

  static List<String> protocols(int mask) {
    List<String> out = new ArrayList<>();
    for (Protocol p : PROTOCOLS) {
      if ((mask & (1 << p.ordinal())) != 0) {
        out.add(p.label());
      }
    }
    return List.copyOf(out);
  }

  private static List<GraphSnapshot.Count> counts(Map<String, Long> top) {
    if (top.isEmpty()) {
      return List.of();
    }
    List<GraphSnapshot.Count> out = new ArrayList<>(top.size());
    top.forEach((k, v) -> out.add(new GraphSnapshot.Count(k, v)));
    return List.copyOf(out);
  }

  /** One edge's counts of a kind, or the sum of several edges' (merged only when a second one has any). */
  private static final class Merged {
    TopCounter.Counts single = TopCounter.Counts.NONE;
    Map<String, Long> merged;

    void add(TopCounter.Counts counts) {
      if (counts.isEmpty()) {
        return;
      }
      if (merged != null) {
        counts.addTo(merged);
      } else if (single.isEmpty()) {
        single = counts;
      } else {
        merged = single.toMap();
        counts.addTo(merged);
      }
    }

    boolean isEmpty() {
      return merged == null && single.isEmpty();
    }

    Map<String, Long> top(int n) {
      return merged != null ? TopCounter.top(merged, n) : TopCounter.top(single, n);
    }
  }

  /** One edge at the requested level: the sum of the pod-level edges that map onto it. */
  private final class EdgeAcc {
    final String id;
    final String source;
    final String target;
    final WindowSums sums = new WindowSums();
    final long[] protocolTotals = new long[PROTOCOLS.length];
    long lastSeen = Long.MIN_VALUE;
    long lastRequest = Long.MIN_VALUE;
    long lastReply = Long.MIN_VALUE;
    final Merged dropReasons = new Merged();
    final Merged httpPaths = new Merged();
    final Merged httpCodes = new Merged();
    final Merged dnsNames = new Merged();

    EdgeAcc(String id, String source, String target) {
      this.id = id;
      this.source = source;
      this.target = target;
    }

    void add(EdgeSample s) {
      sums.flows += s.sums.flows;
      sums.errors += s.sums.errors;
      sums.connections += s.sums.connections;
      sums.measuredFlows += s.sums.measuredFlows;
      sums.bytes += s.sums.bytes;
      sums.packets += s.sums.packets;
      sums.protocolMask |= s.sums.protocolMask;
      for (int i = 0; i < protocolTotals.length; i++) {
        protocolTotals[i] += s.protocolTotals[i];
      }
      lastSeen = Math.max(lastSeen, s.lastSeen);
      lastRequest = Math.max(lastRequest, s.lastRequest);
      lastReply = Math.max(lastReply, s.lastReply);
      dropReasons.add(s.dropReasons);
      httpPaths.add(s.httpPaths);
      httpCodes.add(s.httpCodes);
      dnsNames.add(s.dnsNames);
    }

    GraphSnapshot.Edge toEdge() {
      double errorRate = sums.flows == 0 ? 0 : Math.min(1.0, (double) sums.errors / sums.flows);
      boolean measured = sums.measuredFlows > 0;
      boolean request = lastRequest >= windowStartNanos;
      boolean reply = lastReply >= windowStartNanos;
      if (!request && !reply) {
        request = lastRequest != Long.MIN_VALUE;
        reply = lastReply != Long.MIN_VALUE;
      }
      String direction = request && reply ? "bidirectional" : reply ? "ingress" : "egress";
      GraphSnapshot.L7Summary l7 = httpPaths.isEmpty() && httpCodes.isEmpty() && dnsNames.isEmpty()
          ? GraphSnapshot.L7Summary.EMPTY
          : new GraphSnapshot.L7Summary(counts(httpPaths.top(TOP_L7)), httpCodes.top(TOP_L7),
              counts(dnsNames.top(TOP_L7)));
      GraphSnapshot.FlowData data = new GraphSnapshot.FlowData(
          measured ? sums.bytes / spanSeconds : 0,
          measured ? sums.packets / spanSeconds : 0,
          sums.connections,
          errorRate,
          protocol(sums.protocolMask, protocolTotals),
          instant(lastSeen),
          nowNanos - lastSeen <= idleNanos,
          direction,
          sums.flows / spanSeconds,
          measured,
          protocols(sums.protocolMask),
          dropReasons.top(EdgeState.TOP_TRACKED),
          l7);
      return new GraphSnapshot.Edge(id, source, target, health(errorRate, errorRateThreshold), data);
    }
  }

  /** One node at the requested level: a pod-level node itself, or the members of a workload or namespace. */
  private final class NodeAcc {
    final String id;
    final String kind;
    final String label;
    final String namespace;
    final boolean aggregate;
    Map<String, String> labels;
    String workloadKind = "";
    String cluster = "";
    final LinkedHashSet<String> nodeNames = new LinkedHashSet<>();
    /** Members merged so far (pod-level nodes), so each is merged once however many edges it has. */
    final Set<NodeState> members = Collections.newSetFromMap(new IdentityHashMap<>());
    long lastSeen = Long.MIN_VALUE;

    NodeAcc(String id, NodeState first) {
      this.id = id;
      this.aggregate = !id.equals(first.id);
      if (!aggregate) {
        kind = first.kind.label();
        label = first.label;
      } else if (level == Level.WORKLOAD) {
        kind = NodeKind.WORKLOAD.label();
        label = first.workloadLabel;
      } else {
        kind = NodeKind.NAMESPACE.label();
        label = first.namespace;
      }
      namespace = first.namespace;
    }

    void add(NodeState n, long seen, List<String> names) {
      lastSeen = Math.max(lastSeen, seen);
      if (!members.add(n)) {
        return;
      }
      if (labels == null) {
        labels = n.labels;
      } else if (!labels.isEmpty() && labels != n.labels) {
        TreeMap<String, String> common = new TreeMap<>();
        labels.forEach((k, v) -> {
          if (v.equals(n.labels.get(k))) {
            common.put(k, v);
          }
        });
        labels = common;
      }
      if (workloadKind.isEmpty() && (!aggregate || level == Level.WORKLOAD)) {
        workloadKind = n.workloadKind;
      }
      if (cluster.isEmpty()) {
        cluster = n.cluster;
      }
      for (String name : names) {
        if (nodeNames.size() < MAX_NODE_NAMES) {
          nodeNames.add(name);
        }
      }
    }

    GraphSnapshot.Node toNode() {
      return new GraphSnapshot.Node(id, kind, label, namespace, Collections.unmodifiableMap(new TreeMap<>(labels)),
          workloadKind, cluster, List.copyOf(nodeNames), nowNanos - lastSeen <= idleNanos, instant(lastSeen));
    }
  }
}
