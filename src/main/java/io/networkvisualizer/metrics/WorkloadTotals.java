package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cumulative totals of workload-level edges (flows, connection starts, measured bytes and drops per source
 * workload, destination workload and protocol), kept monotonic while the pod-level edges they sum come and go: the
 * totals of a pod-level edge that expires or is evicted are folded into a "retired" entry of its workload edge, so
 * a workload edge's total is its live pod-level edges' totals plus its retired ones.
 *
 * <p><b>Bounded.</b> At most {@code maxRetired} retired entries; past it the least recently updated one is dropped and
 * counted ({@link #dropped}): that one series reads as a counter reset. A retired entry whose workload edge has no
 * live pod-level edge of its protocol left, and none seen for the expiry, is removed at the engine's next sweep
 * (or read): the workload edge is gone from the graph too, and if it comes back it starts from zero.
 *
 * <p>Owned by {@link EdgeMetrics} and used under its lock.
 */
final class WorkloadTotals {
  private static final Protocol[] PROTOCOLS = Protocol.values();

  private record Key(String source, String destination, int protocol) {}

  /** Totals of one workload edge's pod-level edges that are gone, and when the last of them was seen. */
  private static final class Retired {
    long bytes;
    long flows;
    long connections;
    long drops;
    long lastSeen = Long.MIN_VALUE;
  }

  private final int maxRetired;
  /** In least recently updated order (access order: an update is a {@code get}). */
  private final LinkedHashMap<Key, Retired> retired = new LinkedHashMap<>(16, 0.75f, true);
  /** Retired entries dropped by the cap: each a counter reset on {@code /metrics}. */
  long dropped;

  WorkloadTotals(int maxRetired) {
    if (maxRetired < 1) {
      throw new IllegalArgumentException("maxRetired must be >= 1 (was " + maxRetired + ")");
    }
    this.maxRetired = maxRetired;
  }

  /** Keeps the totals of a pod-level edge that is being removed. */
  void retire(EdgeState edge) {
    for (int p = 0; p < PROTOCOLS.length; p++) {
      long flows = edge.flowTotal(p);
      if (flows == 0) {
        continue; // every connection start, measured byte and drop came with a flow
      }
      Key key = new Key(edge.client.workloadId, edge.server.workloadId, p);
      Retired r = retired.get(key);
      if (r == null) {
        if (retired.size() >= maxRetired) {
          Iterator<Retired> eldest = retired.values().iterator();
          eldest.next();
          eldest.remove();
          dropped++;
        }
        r = new Retired();
        retired.put(key, r);
      }
      r.flows += flows;
      r.connections += edge.connectionTotal(p);
      r.bytes += edge.byteTotal(p);
      r.drops += edge.dropTotal(p);
      r.lastSeen = Math.max(r.lastSeen, edge.lastSeen());
    }
  }

  /**
   * The totals of every workload edge: those of the live pod-level edges from {@code head} on, plus the retired ones.
   * Retired entries with no live edge and last seen before {@code expiredBefore} are removed first.
   */
  List<EdgeTotals> read(EdgeState head, long expiredBefore) {
    Map<Key, long[]> sums = new HashMap<>();
    for (EdgeState e = head; e != null; e = e.next()) {
      for (int p = 0; p < PROTOCOLS.length; p++) {
        long flows = e.flowTotal(p);
        if (flows == 0) {
          continue;
        }
        long[] t = sums.computeIfAbsent(new Key(e.client.workloadId, e.server.workloadId, p), k -> new long[4]);
        t[0] += e.byteTotal(p);
        t[1] += flows;
        t[2] += e.connectionTotal(p);
        t[3] += e.dropTotal(p);
      }
    }
    // Iterating does not change the access order; only retire() does.
    for (Iterator<Map.Entry<Key, Retired>> it = retired.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Retired> entry = it.next();
      Retired r = entry.getValue();
      long[] t = sums.get(entry.getKey());
      if (t == null) {
        if (r.lastSeen < expiredBefore) {
          it.remove();
          continue;
        }
        t = new long[4];
        sums.put(entry.getKey(), t);
      }
      t[0] += r.bytes;
      t[1] += r.flows;
      t[2] += r.connections;
      t[3] += r.drops;
    }
    List<EdgeTotals> out = new ArrayList<>(sums.size());
    sums.forEach((k, t) -> out.add(
        new EdgeTotals(k.source(), k.destination(), PROTOCOLS[k.protocol()].label(), t[0], t[1], t[2], t[3])));
    return out;
  }

  /**
   * Removes the retired entries whose workload edge has no live pod-level edge left and was last seen before
   * {@code expiredBefore}, at each sweep of the engine, so that dead entries do not wait for a scrape (and never
   * crowd live ones out of the cap). Scans the live edges only when some entry is old enough to go.
   */
  void expire(EdgeState head, long expiredBefore) {
    Set<Key> candidates = new HashSet<>();
    for (Map.Entry<Key, Retired> entry : retired.entrySet()) {
      if (entry.getValue().lastSeen < expiredBefore) {
        candidates.add(entry.getKey());
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    for (EdgeState e = head; e != null && !candidates.isEmpty(); e = e.next()) {
      for (int p = 0; p < PROTOCOLS.length; p++) {
        if (e.flowTotal(p) > 0) {
          candidates.remove(new Key(e.client.workloadId, e.server.workloadId, p));
        }
      }
    }
    retired.keySet().removeAll(candidates);
  }

  /** Retired entries held. */
  int size() {
    return retired.size();
  }
}
