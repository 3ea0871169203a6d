package io.networkvisualizer.anomaly;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.lru.LruList;
import io.networkvisualizer.metrics.NodeNames;
import java.util.HashMap;
import java.util.List;

/**
 * The peers, found by the strings a flow already holds (namespace and pod name for a pod, the node id otherwise),
 * bounded: past {@code capacity} the least recently seen is removed, with everything counted for it.
 */
final class PeerTable {
  private final int capacity;
  private final HashMap<String, HashMap<String, Peer>> pods = new HashMap<>();
  private final HashMap<String, Peer> others = new HashMap<>();
  final LruList<Peer> lru = new LruList<>();
  long evicted;
  long expired;

  PeerTable(int capacity) {
    this.capacity = capacity;
  }

  Peer resolve(Endpoint e, String ip, List<String> names, String nodeName, long timeNanos) {
    Peer peer;
    if (e.isPod()) {
      HashMap<String, Peer> inNamespace = pods.get(e.namespace());
      peer = inNamespace == null ? null : inNamespace.get(e.podName());
      if (peer == null) {
        peer = add(new Peer(NodeNames.of(e, ip, names, nodeName), e.namespace(), e.podName()));
      }
    } else {
      NodeNames.Name name = NodeNames.of(e, ip, names, nodeName);
      peer = others.get(name.nodeId());
      if (peer == null) {
        peer = add(new Peer(name, null, name.nodeId()));
      }
    }
    lru.touch(peer, timeNanos);
    return peer;
  }

  private Peer add(Peer peer) {
    while (lru.size() >= capacity) {
      evicted++;
      remove(lru.oldest());
    }
    if (peer.key1 != null) {
      pods.computeIfAbsent(peer.key1, k -> new HashMap<>()).put(peer.key2, peer);
    } else {
      others.put(peer.key2, peer);
    }
    lru.add(peer);
    return peer;
  }

  /** Removes peers last seen before {@code cutoffNanos}. */
  void expire(long cutoffNanos) {
    for (Peer p; (p = lru.oldestSeenBefore(cutoffNanos)) != null; ) {
      expired++;
      remove(p);
    }
  }

  private void remove(Peer peer) {
    if (peer.key1 != null) {
      HashMap<String, Peer> inNamespace = pods.get(peer.key1);
      if (inNamespace != null) {
        inNamespace.remove(peer.key2);
        if (inNamespace.isEmpty()) {
          pods.remove(peer.key1);
        }
      }
    } else {
      others.remove(peer.key2);
    }
    lru.remove(peer);
    peer.removed = true;
    peer.ports = null;
    peer.dns = null;
    peer.upload = null;
  }

  /** The peer of a pod, or null. */
  Peer pod(String namespace, String podName) {
    HashMap<String, Peer> inNamespace = pods.get(namespace);
    return inNamespace == null ? null : inNamespace.get(podName);
  }

  int size() {
    return lru.size();
  }
}
