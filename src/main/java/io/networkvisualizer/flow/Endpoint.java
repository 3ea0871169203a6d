package io.networkvisualizer.flow;

import java.util.List;

/**
 * One side of a flow as Hubble identifies it: a pod (namespace, pod name, workload, labels) or a reserved identity
 * such as {@code reserved:world}. Endpoints are interned by the sources, so the many flows of one pod share one
 * instance.
 *
 * @param id Cilium endpoint id, 0 when not a local endpoint
 * @param identity Cilium security identity (1 host, 2 world, 6 remote-node, 7 kube-apiserver)
 * @param labels labels in Hubble's {@code source:key=value} form, e.g. {@code k8s:app=checkout}
 * @param workloadName owning workload (deployment, daemonset, ...), empty when Hubble did not say
 */
public record Endpoint(
    int id,
    int identity,
    String cluster,
    String namespace,
    String podName,
    List<String> labels,
    String workloadName,
    String workloadKind) {

  /** An endpoint Hubble said nothing about. */
  public static final Endpoint UNKNOWN = new Endpoint(0, 0, "", "", "", List.of(), "", "");

  public Endpoint {
    cluster = Strings.orEmpty(cluster);
    namespace = Strings.orEmpty(namespace);
    podName = Strings.orEmpty(podName);
    labels = labels == null ? List.of() : List.copyOf(labels);
    workloadName = Strings.orEmpty(workloadName);
    workloadKind = Strings.orEmpty(workloadKind);
  }

  public boolean isPod() {
    return !podName.isEmpty();
  }

  /** {@code namespace/pod} as the spec writes pods, or empty when this is not a pod. */
  public String namespacedPod() {
    return isPod() ? namespace + "/" + podName : "";
  }

  /** The reserved identity label without its prefix (e.g. {@code world}), or empty when there is none. */
  public String reservedIdentity() {
    for (String label : labels) {
      if (label.startsWith("reserved:")) {
        return label.substring("reserved:".length());
      }
    }
    return switch (identity) {
      case 1 -> "host";
      case 2 -> "world";
      case 6 -> "remote-node";
      case 7 -> "kube-apiserver";
      default -> "";
    };
  }

  /** The value of a label key such as {@code app} from any label source ({@code k8s:app=x}), or empty. */
  public String label(String key) {
    for (String label : labels) {
      int colon = label.indexOf(':');
      int eq = label.indexOf('=', colon + 1);
      if (eq > 0 && label.regionMatches(colon + 1, key, 0, key.length()) && eq - colon - 1 == key.length()) {
        return label.substring(eq + 1);
      }
    }
    return "";
  }
}
