package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.lru.LruList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The pod-level nodes: finds or creates the node of a flow's endpoint, keeps them in least-recently-seen order, and
 * bounds them: at most {@code maxNodes} (the least recently seen is evicted past it), at most {@code maxWorldNodes}
 * outside addresses of their own (more fold into {@code world/other}).
 *
 * <p>Lookups are two hash probes on strings the flow already holds (namespace then pod name, or "" then IP), so
 * finding a known node allocates nothing; ids and label maps are built once, when a node is created.
 */
final class NodeTable {
  static final String WORLD_OTHER_ID = "world/other";
  private static final String OTHER = "other";
  private static final int MAX_LABELS = 64;

  private final int maxNodes;
  private final int maxWorldNodes;
  private final BiConsumer<NodeState, Boolean> beforeRemove;
  private final EnumMap<NodeKind, HashMap<String, HashMap<String, NodeState>>> tables = new EnumMap<>(NodeKind.class);

  private final LruList<NodeState> lru = new LruList<>();
  private int worldNodes;
  long evicted;
  long expired;
  long worldFolded;

  /**
   * {@code beforeRemove} is told of every node about to be evicted (true) or expired (false), so that its edges go
   * first.
   */
  NodeTable(int maxNodes, int maxWorldNodes, BiConsumer<NodeState, Boolean> beforeRemove) {
    this.maxNodes = maxNodes;
    this.maxWorldNodes = maxWorldNodes;
    this.beforeRemove = beforeRemove;
    for (NodeKind kind : NodeKind.values()) {
      tables.put(kind, new HashMap<>());
    }
  }

  /**
   * The node of endpoint {@code e} (address {@code ip}, DNS names {@code names}) in a flow reported by Hubble node
   * {@code nodeName}, created if new, marked seen at {@code timeNanos} and moved to the most recently seen end.
   */
  NodeState resolve(Endpoint e, String ip, List<String> names, String nodeName, long timeNanos) {
    NodeState node;
    if (e.isPod()) {
      node = get(NodeKind.POD, e.namespace(), e.podName());
      if (node == null) {
        node = add(pod(e));
      }
    } else {
      node = resolveOther(e, ip, names, nodeName);
    }
    lru.touch(node, timeNanos);
    return node;
  }

  /** Records that Hubble node {@code nodeName} reported pod {@code e} as its local side, if the pod is known. */
  void observedOn(Endpoint e, String nodeName) {
    if (e.isPod()) {
      NodeState node = get(NodeKind.POD, e.namespace(), e.podName());
      if (node != null) {
        node.observedOn(nodeName);
      }
    }
  }

  private NodeState resolveOther(Endpoint e, String ip, List<String> names, String nodeName) {
    String reserved = Observations.reservedName(e);
    switch (reserved) {
      case "" -> {
        if (!Observations.isManaged(e)) {
          String key = ip.isEmpty() ? "unknown" : ip;
          NodeState node = get(NodeKind.IP, "", key);
          return node != null ? node : add(simple(NodeKind.IP, key, "ip/" + key, key, e.cluster()));
        }
        String namespace = e.namespace().isEmpty() ? e.label("io.kubernetes.pod.namespace") : e.namespace();
        String name = identityName(e);
        NodeState node = get(NodeKind.WORKLOAD, namespace, name);
        return node != null ? node : add(identityWorkload(e, namespace, name));
      }
      case "world" -> {
        return world(e, names.isEmpty() ? ip : names.get(0));
      }
      case "host" -> {
        NodeState node = get(NodeKind.HOST, "", nodeName);
        if (node == null) {
          node = add(simple(NodeKind.HOST, nodeName, nodeName.isEmpty() ? "host" : "host/" + nodeName,
              nodeName.isEmpty() ? "host" : nodeName, e.cluster()));
        }
        node.observedOn(nodeName);
        return node;
      }
      case "remote-node" -> {
        NodeState node = get(NodeKind.REMOTE_NODE, "", "");
        return node != null ? node : add(simple(NodeKind.REMOTE_NODE, "", "remote-node", "remote-node", ""));
      }
      case "kube-apiserver" -> {
        NodeState node = get(NodeKind.KUBE_APISERVER, "", "");
        return node != null ? node : add(simple(NodeKind.KUBE_APISERVER, "", "kube-apiserver", "kube-apiserver", ""));
      }
      default -> {
        NodeState node = get(NodeKind.RESERVED, "", reserved);
        return node != null ? node : add(simple(NodeKind.RESERVED, reserved, reserved, reserved, ""));
      }
    }
  }

  private NodeState world(Endpoint e, String rawKey) {
    String key = worldKey(rawKey);
    NodeState node = get(NodeKind.WORLD, "", key);
    if (node != null) {
      return node;
    }
    if (worldNodes < maxWorldNodes) {
      worldNodes++;
      return add(simple(NodeKind.WORLD, key, "world/" + key, key, ""));
    }
    worldFolded++;
    node = get(NodeKind.WORLD, OTHER, "");
    return node != null ? node
        : add(new NodeState(NodeKind.WORLD, OTHER, "", WORLD_OTHER_ID, "other addresses", "", Map.of(), "", "",
            WORLD_OTHER_ID, "other addresses", WORLD_OTHER_ID));
  }

  static String worldKey(String raw) {
    if (raw.isEmpty()) {
      return "unknown";
    }
    String key = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
    return key.toLowerCase(Locale.ROOT);
  }

  private static NodeState pod(Endpoint e) {
    String ns = e.namespace();
    String workload = e.workloadName().isEmpty() ? Workloads.fromPodName(e.podName()) : e.workloadName();
    String workloadId = namespaced("workload", ns, workload);
    return new NodeState(NodeKind.POD, ns, e.podName(), namespaced("pod", ns, e.podName()), e.podName(), ns,
        labels(e), e.workloadKind(), cluster(e), workloadId, workload, ns.isEmpty() ? workloadId : "namespace/" + ns);
  }

  private static NodeState identityWorkload(Endpoint e, String ns, String name) {
    String id = namespaced("workload", ns, name);
    return new NodeState(NodeKind.WORKLOAD, ns, name, id, name, ns, labels(e), e.workloadKind(), cluster(e), id, name,
        ns.isEmpty() ? id : "namespace/" + ns);
  }

  private static NodeState simple(NodeKind kind, String key, String id, String label, String cluster) {
    return new NodeState(kind, "", key, id, label, "", Map.of(), "", cluster, id, label, id);
  }

  /** A readable name for a cluster identity with no pod: its workload, else its app label, else its number. */
  static String identityName(Endpoint e) {
    if (!e.workloadName().isEmpty()) {
      return e.workloadName();
    }
    for (String key : new String[] {"app.kubernetes.io/name", "app", "k8s-app", "name"}) {
      String value = e.label(key);
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "identity-" + e.identity();
  }

  static String namespaced(String prefix, String ns, String name) {
    return ns.isEmpty() ? prefix + "/" + name : prefix + "/" + ns + "/" + name;
  }

  private static String cluster(Endpoint e) {
    return e.cluster().isEmpty() ? e.label("io.cilium.k8s.policy.cluster") : e.cluster();
  }

  /**
   * Kubernetes labels as {@code key: value}, without Hubble's source prefix ({@code k8s:}) and without Cilium's own
   * bookkeeping labels ({@code io.cilium.*}, the pod-namespace label), bounded in number.
   */
  static Map<String, String> labels(Endpoint e) {
    if (e.labels().isEmpty()) {
      return Map.of();
    }
    TreeMap<String, String> out = new TreeMap<>();
    for (String label : e.labels()) {
      int eq = label.indexOf('=');
      if (eq < 0) {
        continue;
      }
      int colon = label.indexOf(':');
      String key = label.substring(colon >= 0 && colon < eq ? colon + 1 : 0, eq);
      if (key.isEmpty() || key.startsWith("io.cilium.") || key.equals("io.kubernetes.pod.namespace")) {
        continue;
      }
      out.put(key, label.substring(eq + 1));
      if (out.size() >= MAX_LABELS) {
        break;
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private NodeState get(NodeKind kind, String key1, String key2) {
    HashMap<String, NodeState> inner = tables.get(kind).get(key1);
    return inner == null ? null : inner.get(key2);
  }

  private NodeState add(NodeState node) {
    while (lru.size() >= maxNodes && lru.oldest() != null) {
      evicted++;
      remove(lru.oldest(), true);
    }
    tables.get(node.kind).computeIfAbsent(node.key1, k -> new HashMap<>()).put(node.key2, node);
    lru.add(node);
    return node;
  }

  /** Removes every node last seen before {@code cutoffNanos}, with its edges. */
  void expire(long cutoffNanos) {
    for (NodeState n; (n = lru.oldestSeenBefore(cutoffNanos)) != null; ) {
      expired++;
      remove(n, false);
    }
  }

  private void remove(NodeState node, boolean eviction) {
    beforeRemove.accept(node, eviction);
    HashMap<String, NodeState> inner = tables.get(node.kind).get(node.key1);
    if (inner != null && inner.remove(node.key2) != null) {
      if (inner.isEmpty()) {
        tables.get(node.kind).remove(node.key1);
      }
      if (node.kind == NodeKind.WORLD && !node.key1.equals(OTHER)) {
        worldNodes--;
      }
    }
    lru.remove(node);
  }

  int size() {
    return lru.size();
  }
}
