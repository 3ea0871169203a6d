package io.networkvisualizer.metrics;

import java.util.regex.Pattern;

/**
 * The workload a pod belongs to when Hubble did not say, from Kubernetes' pod naming: a Deployment's pods are
 * {@code <name>-<pod-template-hash>-<5 chars>} ({@code checkout-7d4b9c6f5-x2k4f}), a StatefulSet's
 * {@code <name>-<ordinal>} ({@code postgres-0}), a DaemonSet's or Job's {@code <name>-<5 chars>}. The generated parts
 * use Kubernetes' safe alphabet (no vowels, no 0, 1 or 3), so {@code web-frontend} is left alone.
 */
final class Workloads {
  private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
  private static final Pattern DEPLOYMENT = Pattern.compile("(.+)-" + SAFE + "{6,10}-" + SAFE + "{5}");
  private static final Pattern STATEFUL_SET = Pattern.compile("(.+)-(0|[1-9][0-9]{0,5})");
  private static final Pattern DAEMON_SET_OR_JOB = Pattern.compile("(.+)-" + SAFE + "{5}");

  private Workloads() {}

  static String fromPodName(String pod) {
    for (Pattern p : new Pattern[] {DEPLOYMENT, STATEFUL_SET, DAEMON_SET_OR_JOB}) {
      var m = p.matcher(pod);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return pod;
  }
}
