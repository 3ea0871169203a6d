package io.networkvisualizer.metrics;

/**
 * What a graph node stands for: a pod, a workload or a namespace (the three levels of cluster nodes), or one of the
 * non-pod endpoints Hubble reports (the world outside, a node's host, other nodes, the API server, other reserved
 * identities such as {@code health}, and addresses Hubble knew nothing about).
 */
enum NodeKind {
  POD("pod"),
  WORKLOAD("workload"),
  NAMESPACE("namespace"),
  WORLD("world"),
  HOST("host"),
  REMOTE_NODE("remote-node"),
  KUBE_APISERVER("kube-apiserver"),
  RESERVED("reserved"),
  IP("ip");

  private final String label;

  NodeKind(String label) {
    this.label = label;
  }

  /** The kind as the API writes it. */
  String label() {
    return label;
  }
}
