package io.networkvisualizer.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traffic spike: an edge's rate over the detection window is at least {@code spikeThreshold} times its baseline, on
 * bytes/s where its flows carry measured sizes, else flows/s, while the edge is big enough to matter: at least {@code
 * spikeMinFlowsPerSec}, or (where bytes are measured) {@code spikeMinBytesPerSec}, so that 0.1 -> 0.4 flows/s is no
 * spike. Judged only on edges that learned for the warm-up. Severity: medium from the threshold, high from 4/3 of it
 * (4x with the default 3x), critical from three times it; score = multiple / 10.
 */
final class TrafficSpikeDetector implements Detector {
  private final AnomalyEngine.Options options;
  private final long warmupNanos;
  private final double windowSeconds;

  TrafficSpikeDetector(AnomalyEngine.Options options) {
    this.options = options;
    this.warmupNanos = options.warmup().toNanos();
    this.windowSeconds = options.windowSeconds();
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.TRAFFIC_SPIKE;
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    for (EdgeState e = tick.baselines().edges.oldest(); e != null; e = e.next()) {
      if (!e.warm(tick.endNanos(), warmupNanos)) {
        continue;
      }
      boolean bytes = e.judgedOnBytes();
      double current = (bytes ? e.windowBytes : e.windowFlows) / windowSeconds;
      double baseline = bytes ? e.baseBytesPerSec : e.baseFlowsPerSec;
      double threshold = options.spikeThreshold() * baseline;
      boolean bigEnough = e.windowFlows / windowSeconds >= options.spikeMinFlowsPerSec()
          || (bytes && current >= options.spikeMinBytesPerSec());
      if (baseline > 0 && bigEnough && current >= threshold) {
        if (e.spikeSince < 0) {
          e.spikeSince = tick.endNanos();
          e.taintWindow();
        }
        out.add(finding(e, tick, bytes, current, baseline, threshold));
      } else {
        e.spikeSince = -1;
      }
    }
  }

  private Finding finding(EdgeState e, Tick tick, boolean bytes, double current, double baseline,
      double threshold) {
    double multiple = current / baseline;
    double past = multiple / options.spikeThreshold();
    Severity severity = past >= 3 ? Severity.CRITICAL : past >= 4.0 / 3 ? Severity.HIGH : Severity.MEDIUM;
    String[] pods = Detectors.pods(e, tick.index());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("multiplier", Formats.multiple(multiple));
    details.put("unit", bytes ? "bytes/s" : "flows/s");
    details.put("window", Formats.duration((long) (windowSeconds * 1e9)));
    details.put("minimum_rate", Formats.rate(options.spikeMinFlowsPerSec(), false)
        + (bytes ? " or " + Formats.bytesPerSecond(options.spikeMinBytesPerSec()) : ""));
    details.put("spike_since", Formats.time(e.spikeSince));
    String description = "Traffic from " + Formats.node(e.client.nodeId) + " to " + Formats.node(e.serverNodeId)
        + " is " + Formats.multiple(multiple) + " its baseline: " + Formats.rate(current, bytes) + " over the last "
        + Formats.duration((long) (windowSeconds * 1e9)) + " against " + Formats.rate(baseline, bytes)
        + " normally (threshold " + Formats.multiple(options.spikeThreshold()) + ")";
    return new Finding(type(), Detectors.edgeKey(type(), e), severity, description, pods[0], pods[1],
        e.client.nodeId, e.serverNodeId, current, baseline, threshold, details, multiple / 10, false);
  }

  @Override
  public String status(EngineState state) {
    return Detectors.baselineStatus(state, warmupNanos);
  }
}
