package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import java.util.List;

/**
 * The graph's naming and counting rules for stages other than {@link EdgeMetrics} (the anomaly engine): the node id a
 * flow's endpoint gets at the pod and workload levels, which side of a flow is the client, and whether an event is a
 * second report of a packet already counted. One set of rules, so that an anomaly names the same nodes the graph
 * draws and counts the same flows the graph counts.
 *
 * <p>Ids are those of {@link GraphSnapshot.Node#id()}, except that outside addresses never fold into
 * {@code world/other} (that cap belongs to the graph's node table).
 */
public final class NodeNames {
  private NodeNames() {}

  /**
   * What an endpoint is called in the graph.
   *
   * @param podId {@code pod/<ns>/<pod>} for a pod, else empty
   * @param nodeId its node at the workload level: {@code workload/<ns>/<name>} for a pod or a cluster identity,
   *     {@code world/<name or address>}, {@code host/<node>}, {@code remote-node}, {@code kube-apiserver}, a reserved
   *     identity, or {@code ip/<address>}
   * @param kind the workload-level node's kind: {@code workload}, {@code world}, {@code host}, {@code remote-node},
   *     {@code kube-apiserver}, {@code reserved} or {@code ip}
   * @param namespace the Kubernetes namespace, empty outside one
   * @param label a readable name: {@code <ns>/<pod>}, {@code <ns>/<workload>}, or the name or address
   */
  public record Name(String podId, String nodeId, String kind, String namespace, String label) {
    public boolean isPod() {
      return !podId.isEmpty();
    }

    /** Outside the cluster ({@code reserved:world} and addresses Hubble knew nothing about). */
    public boolean isOutside() {
      return kind.equals("world") || kind.equals("ip");
    }
  }

  /**
   * The name of endpoint {@code e} with address {@code ip} and DNS names {@code names}, in a flow reported by Hubble
   * node {@code nodeName}.
   */
  public static Name of(Endpoint e, String ip, List<String> names, String nodeName) {
    if (e.isPod()) {
      String ns = e.namespace();
      String workload = e.workloadName().isEmpty() ? Workloads.fromPodName(e.podName()) : e.workloadName();
      return new Name(NodeTable.namespaced("pod", ns, e.podName()), NodeTable.namespaced("workload", ns, workload),
          NodeKind.WORKLOAD.label(), ns, ns.isEmpty() ? e.podName() : ns + "/" + e.podName());
    }
    String reserved = Observations.reservedName(e);
    switch (reserved) {
      case "" -> {
        if (!Observations.isManaged(e)) {
          String key = ip.isEmpty() ? "unknown" : ip;
          return new Name("", "ip/" + key, NodeKind.IP.label(), "", key);
        }
        String ns = e.namespace().isEmpty() ? e.label("io.kubernetes.pod.namespace") : e.namespace();
        String name = NodeTable.identityName(e);
        return new Name("", NodeTable.namespaced("workload", ns, name), NodeKind.WORKLOAD.label(), ns,
            ns.isEmpty() ? name : ns + "/" + name);
      }
      case "world" -> {
        String key = NodeTable.worldKey(names.isEmpty() ? ip : names.get(0));
        return new Name("", "world/" + key, NodeKind.WORLD.label(), "", key);
      }
      case "host" -> {
        return new Name("", nodeName.isEmpty() ? "host" : "host/" + nodeName, NodeKind.HOST.label(), "",
            nodeName.isEmpty() ? "host" : nodeName);
      }
      case "remote-node" -> {
        return new Name("", "remote-node", NodeKind.REMOTE_NODE.label(), "", "remote-node");
      }
      case "kube-apiserver" -> {
        return new Name("", "kube-apiserver", NodeKind.KUBE_APISERVER.label(), "", "kube-apiserver");
      }
      default -> {
        return new Name("", reserved, NodeKind.RESERVED.label(), "", reserved);
      }
    }
  }

  /** Whether the flow travels from server to client ({@link Observations#isReply}). */
  public static boolean isReply(Flow flow) {
    return Observations.isReply(flow);
  }

  /**
   * Whether the flow reports a packet another event already reports, so that counting it would count the packet
   * twice ({@link Observations#isDouble}); {@code reply} is {@link #isReply}'s answer for it.
   */
  public static boolean isDoubleObservation(Flow flow, boolean reply) {
    return Observations.isDouble(flow, reply);
  }

  /** A TCP connection start: SYN without ACK, from client to server. */
  public static boolean isTcpOpen(Flow flow, boolean reply) {
    return Observations.isTcpOpen(flow, reply);
  }

  /**
   * Whether the endpoint Hubble or the address names is outside the cluster: {@code reserved:world} (or a CIDR or
   * FQDN identity).
   */
  public static boolean isWorld(Endpoint e) {
    return !e.isPod() && Observations.reservedName(e).equals("world");
  }
}
