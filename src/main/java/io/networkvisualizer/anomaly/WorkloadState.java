package io.networkvisualizer.anomaly;

import io.networkvisualizer.lru.LruList;
import java.util.HashMap;
import java.util.HashSet;

/**
 * A source at the workload level (replicas are one source) and its baseline: the protocols it used and the
 * destinations it reached while learning, and its edges. A source learns for the warm-up from when it is first seen,
 * so a workload deployed later is not "unexpected" everywhere it goes.
 */
final class WorkloadState extends LruList.Node<WorkloadState> {
  /** Most destinations remembered per source; past it the source is not judged for new ones. */
  static final int MAX_DESTINATIONS = 1024;

  final String nodeId;
  final String label;
  final String namespace;
  final long firstSeen;
  /** Protocols (bits of {@code Protocol.ordinal()}) in its baseline. */
  int protocolsLearned;
  final HashSet<String> destinations = new HashSet<>();
  boolean destinationsFull;
  /** Its edges, by the server's workload-level node id. */
  final HashMap<String, EdgeState> out = new HashMap<>();

  /** Set when removed from its table, so that holders of a stale reference notice. */
  boolean removed;

  UnexpectedConnectionDetector.NewDestinations newDestinations;

  WorkloadState(Peer representative, long firstSeen) {
    this.nodeId = representative.name.nodeId();
    this.namespace = representative.name.namespace();
    this.label = workloadLabel(representative);
    this.firstSeen = firstSeen;
    this.lastSeen = firstSeen;
  }

  /** Whether it is still learning at {@code nowNanos}. */
  boolean learning(long nowNanos, long warmupNanos) {
    return nowNanos - firstSeen < warmupNanos;
  }

  /** Adds a destination to the baseline; false when the baseline is full. */
  boolean learnDestination(String key) {
    if (destinations.contains(key)) {
      return true;
    }
    if (destinations.size() >= MAX_DESTINATIONS) {
      destinationsFull = true;
      return false;
    }
    destinations.add(key);
    return true;
  }

  private static String workloadLabel(Peer p) {
    String id = p.name.nodeId();
    if (id.startsWith("workload/")) {
      return id.substring("workload/".length());
    }
    return p.name.label();
  }
}
