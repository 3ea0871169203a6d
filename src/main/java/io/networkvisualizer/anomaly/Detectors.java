package io.networkvisualizer.anomaly;

import java.util.List;

/** The detectors the engine runs: the one place they are assembled, in the order the spec lists them. */
final class Detectors {
  private Detectors() {}

  static List<Detector> all(AnomalyEngine.Options options) {
    return List.of(
        new TrafficSpikeDetector(options),
        new TrafficDropDetector(options),
        new UnusualProtocolDetector(options),
        new UnexpectedConnectionDetector(options),
        new HighErrorRateDetector(options),
        new PortScanDetector(options),
        new DataExfiltrationDetector(options),
        new DnsAnomalyDetector(options));
  }

  /** The status of a detector that compares against baselines: waiting, warming up, or active. */
  static String baselineStatus(EngineState state, long warmupNanos) {
    if (state.startNanos() < 0) {
      return "waiting for flows";
    }
    long learned = Math.max(0, state.nowNanos() - state.startNanos());
    if (learned < warmupNanos) {
      return "warming up: learning baselines (" + Formats.duration(learned) + " of " + Formats.duration(warmupNanos)
          + ")";
    }
    int edges = 0;
    int warm = 0;
    for (EdgeState e = state.baselines().edges.oldest(); e != null; e = e.next()) {
      edges++;
      if (e.warm(state.nowNanos(), warmupNanos)) {
        warm++;
      }
    }
    return "active: " + warm + " of " + edges + " edges have a baseline (a new edge or source learns for "
        + Formats.duration(warmupNanos) + " first)";
  }

  /** The pods (or nodes) of an edge's traffic when one pair carried it, else the edge's two nodes. */
  static String[] pods(EdgeState e, long tick) {
    if (e.singlePair(tick)) {
      return new String[] {e.lastClient.podOrNode(), e.lastServer.podOrNode()};
    }
    return new String[] {e.client.nodeId, e.serverNodeId};
  }

  /** The pods (or nodes) of the pair behind most of an edge's recent failures, else the edge's two nodes. */
  static String[] failingPods(EdgeState e) {
    int top = e.failingPairs == null ? -1 : e.failingPairs.dominant();
    if (top >= 0) {
      return new String[] {e.failingPairs.client[top].podOrNode(), e.failingPairs.server[top].podOrNode()};
    }
    return new String[] {e.client.nodeId, e.serverNodeId};
  }

  static String edgeKey(AnomalyType type, EdgeState e) {
    return type.apiName() + ":" + e.client.nodeId + "->" + e.serverNodeId;
  }
}
