package io.networkvisualizer.metrics;

import io.networkvisualizer.lru.LruList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * The pod-level edges, indexed from their client node ({@code client.out.get(server)}, an identity-hash probe that
 * allocates nothing) and kept in least-recently-seen order, so that evicting past {@code maxEdges} and expiring idle
 * edges take the list's head: O(1) per removed edge, never a scan of all edges. Every edge removed, evicted or
 * expired, is first handed to {@code onRemove} (which keeps its totals).
 */
final class EdgeTable {
  private final int maxEdges;
  private final Consumer<EdgeState> onRemove;
  private final LruList<EdgeState> lru = new LruList<>();
  long evicted;
  long expired;

  EdgeTable(int maxEdges, Consumer<EdgeState> onRemove) {
    this.maxEdges = maxEdges;
    this.onRemove = onRemove;
  }

  /** The edge from {@code client} to {@code server}, created if new, moved to the most recently seen end. */
  EdgeState touch(NodeState client, NodeState server) {
    EdgeState edge = client.out == null ? null : client.out.get(server);
    if (edge == null) {
      while (lru.size() >= maxEdges && lru.oldest() != null) {
        evicted++;
        remove(lru.oldest());
      }
      edge = new EdgeState(client, server);
      if (client.out == null) {
        client.out = new HashMap<>(4);
      }
      if (server.in == null) {
        server.in = new HashMap<>(4);
      }
      client.out.put(server, edge);
      server.in.put(client, edge);
      lru.add(edge);
    } else {
      lru.moveToNewest(edge); // its time moves when the flow is added (EdgeState.add), if it is not too old
    }
    return edge;
  }

  /** Removes every edge last seen before {@code cutoffNanos}. */
  void expire(long cutoffNanos) {
    for (EdgeState e; (e = lru.oldestSeenBefore(cutoffNanos)) != null; ) {
      expired++;
      remove(e);
    }
  }

  /** Removes the edges of a node that is going away; they count as evicted or expired with it. */
  void removeAllOf(NodeState node, boolean eviction) {
    ArrayList<EdgeState> doomed = new ArrayList<>(node.edgeCount());
    if (node.out != null) {
      doomed.addAll(node.out.values());
    }
    if (node.in != null) {
      for (EdgeState edge : node.in.values()) {
        if (edge.client != node) { // a self-edge is in both maps
          doomed.add(edge);
        }
      }
    }
    for (EdgeState edge : doomed) {
      if (eviction) {
        evicted++;
      } else {
        expired++;
      }
      remove(edge);
    }
  }

  private void remove(EdgeState edge) {
    onRemove.accept(edge);
    if (edge.client.out != null) {
      edge.client.out.remove(edge.server);
    }
    if (edge.server.in != null) {
      edge.server.in.remove(edge.client);
    }
    lru.remove(edge);
  }

  /** The least recently seen edge, or null: walk on with {@link EdgeState#next()}. */
  EdgeState oldest() {
    return lru.oldest();
  }

  int size() {
    return lru.size();
  }
}
