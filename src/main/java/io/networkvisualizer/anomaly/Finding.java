package io.networkvisualizer.anomaly;

import java.util.Map;

/**
 * What a detector reports at a tick: a condition that holds now. The engine turns findings into {@link Anomaly}
 * records: the first finding of a {@code key} raises one, later ones update it.
 *
 * @param key what makes two findings the same anomaly: type, source, destination and, for some types, a detail
 * @param sourcePod a pod id, or the source's node when there is no single pod
 * @param destPod a pod id, or the destination's node, or empty
 * @param lowerIsWorse the peak is the lowest value (a drop), not the highest
 */
record Finding(
    AnomalyType type,
    String key,
    Severity severity,
    String description,
    String sourcePod,
    String destPod,
    String sourceNode,
    String destNode,
    double currentValue,
    double baselineValue,
    double threshold,
    Map<String, String> details,
    double score,
    boolean lowerIsWorse) {

  Finding {
    score = Math.max(0, Math.min(1, score));
    if (Double.isNaN(score)) {
      score = 0;
    }
  }
}
