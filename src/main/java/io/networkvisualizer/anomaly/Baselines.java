package io.networkvisualizer.anomaly;

import io.networkvisualizer.lru.LruList;
import java.util.HashMap;

/**
 * What the engine has learned and is counting, bounded: the peers (pods and other endpoints), the sources at the
 * workload level with their protocols and destinations, and the workload-level edges with their windows and rate
 * baselines. Each table holds at most {@code capacity} entries; past it the least recently seen goes (an evicted
 * workload takes its edges), counted. Entries idle for the expiry are removed, edges only once no anomaly is active
 * on them.
 */
final class Baselines {
  final PeerTable peers;
  final LruList<WorkloadState> workloads = new LruList<>();
  private final HashMap<String, WorkloadState> workloadsById = new HashMap<>();
  final LruList<EdgeState> edges = new LruList<>();
  private final int capacity;
  private final int windowTicks;
  long workloadsEvicted;
  long workloadsExpired;
  long edgesEvicted;
  long edgesExpired;

  Baselines(int capacity, int windowTicks) {
    this.capacity = capacity;
    this.windowTicks = windowTicks;
    this.peers = new PeerTable(capacity);
  }

  /** The workload-level source state of {@code client}, created if new, marked seen. */
  WorkloadState workload(Peer client, long timeNanos) {
    WorkloadState w = client.workload;
    if (w == null || w.removed) {
      w = workloadsById.get(client.name.nodeId());
      if (w == null) {
        while (workloads.size() >= capacity) {
          workloadsEvicted++;
          removeWorkload(workloads.oldest());
        }
        w = new WorkloadState(client, timeNanos);
        workloadsById.put(w.nodeId, w);
        workloads.add(w);
      }
      client.workload = w;
    }
    workloads.touch(w, timeNanos);
    return w;
  }

  /** The edge from {@code client} to {@code server}'s workload-level node, created if new, marked seen. */
  EdgeState edge(WorkloadState client, Peer server, long timeNanos) {
    EdgeState e = client.out.get(server.name.nodeId());
    if (e == null) {
      while (edges.size() >= capacity) {
        edgesEvicted++;
        removeEdge(edges.oldest());
      }
      e = new EdgeState(client, server, timeNanos, windowTicks);
      client.out.put(e.serverNodeId, e);
      edges.add(e);
    }
    edges.touch(e, timeNanos);
    return e;
  }

  /** Closes the open interval of every edge (see {@link EdgeState#closeInterval}) at {@code endNanos}. */
  void closeInterval(boolean silent, long endNanos, long horizonNanos, double tickSeconds, double alphaFloor) {
    for (EdgeState e = edges.oldest(); e != null; e = e.next()) {
      e.closeInterval(silent, e.tainting(endNanos, horizonNanos), tickSeconds, alphaFloor);
    }
  }

  /** Removes what has been idle since before {@code cutoffNanos}. */
  void expire(long cutoffNanos) {
    EdgeState e = edges.oldest();
    while (e != null && e.lastSeen() < cutoffNanos) {
      EdgeState next = e.next();
      if (!e.anomalous()) {
        edgesExpired++;
        removeEdge(e);
      }
      e = next;
    }
    WorkloadState w = workloads.oldest();
    while (w != null && w.lastSeen() < cutoffNanos) {
      WorkloadState next = w.next();
      if (w.out.isEmpty()) {
        workloadsExpired++;
        removeWorkload(w);
      }
      w = next;
    }
    peers.expire(cutoffNanos);
  }

  private void removeEdge(EdgeState e) {
    e.client.out.remove(e.serverNodeId);
    edges.remove(e);
    e.removed = true;
    e.novelty = null;
  }

  private void removeWorkload(WorkloadState w) {
    for (EdgeState e : w.out.values()) {
      edges.remove(e);
      e.removed = true;
      e.novelty = null;
      edgesEvicted++;
    }
    w.out.clear();
    workloadsById.remove(w.nodeId);
    workloads.remove(w);
    w.removed = true;
    w.newDestinations = null;
  }
}
