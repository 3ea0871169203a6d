package io.networkvisualizer.anomaly;

import io.networkvisualizer.flow.Protocol;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Unusual protocol: a protocol ({@link Protocol#of}: HTTP, HTTPS, gRPC, DNS, Kafka, TCP, UDP, ICMP, SCTP) on an edge
 * that its baseline has not carried, or from a source workload that never used it. Each edge and each source learns
 * its protocols for the warm-up from when it is first seen (a new edge's protocols are only judged against its
 * source's). A new protocol is reported while its flows continue, as one anomaly per edge and protocol, for a
 * probation as long as the warm-up; then it is learned. Severity: medium when new for the source workload, low when
 * only new for the edge.
 */
final class UnusualProtocolDetector implements Detector {
  private static final Protocol[] PROTOCOLS = Protocol.values();

  /** An edge's protocols in probation. */
  static final class Novelty {
    final long[] since = new long[PROTOCOLS.length];
    final long[] flows = new long[PROTOCOLS.length];
    final int[] intervalFlows = new int[PROTOCOLS.length];
    final boolean[] newForSource = new boolean[PROTOCOLS.length];
    final Peer[] client = new Peer[PROTOCOLS.length];
    final Peer[] server = new Peer[PROTOCOLS.length];
    int mask;
  }

  private final long warmupNanos;
  private final LinkedHashSet<EdgeState> tracked = new LinkedHashSet<>();
  /** {@link #tracked} is pruned of removed edges past this size: a flood of new edges stays bounded. */
  private final int maxTracked;

  UnusualProtocolDetector(AnomalyEngine.Options options) {
    this.warmupNanos = options.warmup().toNanos();
    this.maxTracked = 2 * options.maxTracked();
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.UNUSUAL_PROTOCOL;
  }

  @Override
  public void observe(Observation o) {
    int p = o.protocol.ordinal();
    int bit = 1 << p;
    EdgeState e = o.edge;
    WorkloadState w = o.source;
    if ((e.protocolsLearned & bit) != 0 && (w.protocolsLearned & bit) != 0) {
      return;
    }
    long t = o.timeNanos;
    boolean sourceLearning = w.learning(t, warmupNanos);
    boolean edgeLearning = t - e.firstSeen < warmupNanos;
    boolean newForSource = (w.protocolsLearned & bit) == 0 && !sourceLearning;
    if (sourceLearning) {
      w.protocolsLearned |= bit;
    }
    if (!newForSource && (edgeLearning || (e.protocolsLearned & bit) != 0)) {
      e.protocolsLearned |= bit;
      return;
    }
    Novelty n = e.novelty;
    if (n == null) {
      n = new Novelty();
      e.novelty = n;
      tracked.add(e);
      if (tracked.size() > maxTracked) {
        tracked.removeIf(x -> x.removed || x.novelty == null);
      }
    }
    if ((n.mask & bit) == 0) {
      n.mask |= bit;
      n.since[p] = t;
      n.newForSource[p] = newForSource;
    }
    n.flows[p]++;
    n.intervalFlows[p]++;
    n.client[p] = o.client;
    n.server[p] = o.server;
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    Iterator<EdgeState> it = tracked.iterator();
    while (it.hasNext()) {
      EdgeState e = it.next();
      Novelty n = e.novelty;
      if (e.removed || n == null) {
        it.remove();
        continue;
      }
      for (int p = 0; p < PROTOCOLS.length; p++) {
        int bit = 1 << p;
        if ((n.mask & bit) == 0) {
          continue;
        }
        if (n.intervalFlows[p] > 0) {
          out.add(finding(e, n, p, tick));
          n.intervalFlows[p] = 0;
        }
        if (tick.endNanos() - n.since[p] >= warmupNanos) {
          e.protocolsLearned |= bit;
          e.client.protocolsLearned |= bit;
          n.mask &= ~bit;
        }
      }
      if (n.mask == 0) {
        e.novelty = null;
        it.remove();
      }
    }
  }

  private Finding finding(EdgeState e, Novelty n, int p, Tick tick) {
    Protocol protocol = PROTOCOLS[p];
    boolean forSource = n.newForSource[p];
    double rate = n.intervalFlows[p] / AnomalyEngine.TICK_SECONDS;
    String known = names(e.protocolsLearned);
    String from = Formats.node(e.client.nodeId);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("protocol", protocol.label());
    details.put("new_for", forSource ? "source workload and edge" : "edge");
    details.put("edge_protocols", known);
    details.put("source_protocols", names(e.client.protocolsLearned));
    details.put("first_seen", Formats.time(n.since[p]));
    details.put("flows", Long.toString(n.flows[p]));
    details.put("unit", "flows/s");
    String description = n.client[p].label() + " sent " + protocol.label() + " to " + n.server[p].label() + ": "
        + (known.isEmpty() ? "this edge is new and " : "this edge has only carried " + known + " before, and ")
        + (forSource ? from + " never used " + protocol.label() + " before"
            : from + " uses " + protocol.label() + " elsewhere")
        + " (" + n.flows[p] + " flows since " + Formats.time(n.since[p]) + ")";
    String key = type().apiName() + ":" + e.client.nodeId + "->" + e.serverNodeId + ":" + protocol.label();
    return new Finding(type(), key, forSource ? Severity.MEDIUM : Severity.LOW, description,
        n.client[p].podOrNode(), n.server[p].podOrNode(), e.client.nodeId, e.serverNodeId, rate, 0, 0, details,
        forSource ? 0.5 : 0.3, false);
  }

  private static String names(int mask) {
    List<String> names = new ArrayList<>();
    for (Protocol p : PROTOCOLS) {
      if ((mask & (1 << p.ordinal())) != 0) {
        names.add(p.label());
      }
    }
    StringJoiner j = new StringJoiner(", ");
    names.forEach(j::add);
    return j.toString();
  }

  @Override
  public String status(EngineState state) {
    return Detectors.baselineStatus(state, warmupNanos);
  }
}
