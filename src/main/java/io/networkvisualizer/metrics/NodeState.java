package io.networkvisualizer.metrics;

import io.networkvisualizer.lru.LruList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod-level graph node and its live state: what it is (fixed at creation), when it was last seen (its place in
 * {@link NodeTable}'s least-recently-seen list), on which Hubble nodes it was observed, and its edges. Owned by the
 * ingest thread; read only under {@link EdgeMetrics}'s lock.
 */
final class NodeState extends LruList.Node<NodeState> {
  private static final int MAX_NODE_NAMES = 8;

  final NodeKind kind;
  /** The two keys it is found under in {@link NodeTable} (namespace or empty, then name). */
  final String key1;
  final String key2;
  final String id;
  final String label;
  final String namespace;
  final Map<String, String> labels;
  final String workloadKind;
  final String cluster;
  /** Its id at the workload level (itself when not a pod) and at the namespace level. */
  final String workloadId;
  final String namespaceId;
  /** Readable name of its workload and namespace nodes. */
  final String workloadLabel;

  private List<String> nodeNames = List.of();
  /** The last name instance seen: sources share one string per Hubble node, making the usual check a comparison. */
  private String lastNodeName;

  /** Edges where this node is the client, keyed by server; and where it is the server, keyed by client. */
  HashMap<NodeState, EdgeState> out;
  HashMap<NodeState, EdgeState> in;

  NodeState(NodeKind kind, String key1, String key2, String id, String label, String namespace,
      Map<String, String> labels, String workloadKind, String cluster, String workloadId, String workloadLabel,
      String namespaceId) {
    this.kind = kind;
    this.key1 = key1;
    this.key2 = key2;
    this.id = id;
    this.label = label;
    this.namespace = namespace;
    this.labels = labels;
    this.workloadKind = workloadKind;
    this.cluster = cluster;
    this.workloadId = workloadId;
    this.workloadLabel = workloadLabel;
    this.namespaceId = namespaceId;
    this.lastSeen = Long.MIN_VALUE;
  }

  /** Records the Hubble node that reported this endpoint as its local side (bounded, cheap when unchanged). */
  void observedOn(String nodeName) {
    if (nodeName.isEmpty()) {
      return;
    }
    if (nodeName == lastNodeName) {
      return;
    }
    List<String> names = nodeNames;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(nodeName)) {
        lastNodeName = nodeName;
        return;
      }
    }
    if (names.size() < MAX_NODE_NAMES) {
      String[] grown = names.toArray(new String[names.size() + 1]);
      grown[names.size()] = nodeName;
      nodeNames = List.of(grown);
    }
  }

  /** Immutable; replaced, never changed, when a name is added. */
  List<String> nodeNames() {
    return nodeNames;
  }

  int edgeCount() {
    return (out == null ? 0 : out.size()) + (in == null ? 0 : in.size());
  }
}
