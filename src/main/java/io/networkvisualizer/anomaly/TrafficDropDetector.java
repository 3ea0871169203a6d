package io.networkvisualizer.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traffic drop: an edge's rate over the detection window is at least {@code dropThreshold} (80%) below its baseline,
 * silence included, judged only on edges whose baseline was substantial (at least the spike detector's minimum flow
 * rate, or byte rate where bytes are measured), that learned for the warm-up, and that were seen at their normal
 * level since (an edge that only lived during part of its warm-up, say an injected burst, has no normal to fall
 * from). Not judged while any interval of the window had no flow at all: then the source
 * went quiet (an outage, a gap in a file), not the edge. Severity: high when the edge fell silent (99% or more below),
 * else medium; score = the fraction lost.
 */
final class TrafficDropDetector implements Detector {
  private final AnomalyEngine.Options options;
  private final long warmupNanos;
  private final double windowSeconds;

  TrafficDropDetector(AnomalyEngine.Options options) {
    this.options = options;
    this.warmupNanos = options.warmup().toNanos();
    this.windowSeconds = options.windowSeconds();
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.TRAFFIC_DROP;
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    if (tick.windowSilent()) {
      return;
    }
    for (EdgeState e = tick.baselines().edges.oldest(); e != null; e = e.next()) {
      if (!e.warm(tick.endNanos(), warmupNanos)) {
        continue;
      }
      boolean bytes = e.judgedOnBytes();
      double current = (bytes ? e.windowBytes : e.windowFlows) / windowSeconds;
      double baseline = bytes ? e.baseBytesPerSec : e.baseFlowsPerSec;
      double threshold = (1 - options.dropThreshold()) * baseline;
      if (current > threshold) {
        e.normalSinceWarm = true;
        e.dropSince = -1;
        continue;
      }
      boolean substantial = e.baseFlowsPerSec >= options.spikeMinFlowsPerSec()
          || (bytes && e.baseBytesPerSec >= options.spikeMinBytesPerSec());
      if (substantial && baseline > 0 && e.normalSinceWarm) {
        if (e.dropSince < 0) {
          e.dropSince = tick.endNanos();
          e.taintWindow();
        }
        out.add(finding(e, tick, bytes, current, baseline, threshold));
      } else {
        e.dropSince = -1;
      }
    }
  }

  private Finding finding(EdgeState e, Tick tick, boolean bytes, double current, double baseline, double threshold) {
    double lost = 1 - current / baseline;
    boolean silent = e.windowFlows == 0;
    Severity severity = lost >= 0.99 ? Severity.HIGH : Severity.MEDIUM;
    String window = Formats.duration((long) (windowSeconds * 1e9));
    Map<String, String> details = new LinkedHashMap<>();
    details.put("drop", Formats.percent(lost));
    details.put("unit", bytes ? "bytes/s" : "flows/s");
    details.put("window", window);
    details.put("silent", Boolean.toString(silent));
    details.put("drop_since", Formats.time(e.dropSince));
    String from = Formats.node(e.client.nodeId);
    String to = Formats.node(e.serverNodeId);
    String description = silent
        ? "Traffic from " + from + " to " + to + " stopped: no flows in the last " + window + ", against "
            + Formats.rate(baseline, bytes) + " normally"
        : "Traffic from " + from + " to " + to + " fell " + Formats.percent(lost) + " below its baseline: "
            + Formats.rate(current, bytes) + " over the last " + window + " against " + Formats.rate(baseline, bytes)
            + " normally (threshold " + Formats.percent(options.dropThreshold()) + " below)";
    return new Finding(type(), Detectors.edgeKey(type(), e), severity, description, e.client.nodeId, e.serverNodeId,
        e.client.nodeId, e.serverNodeId, current, baseline, threshold, details, lost, true);
  }

  @Override
  public String status(EngineState state) {
    if (state.startNanos() >= 0 && state.lastIntervalSilent()) {
      return "paused: no flows from the source in the last interval (an outage is not a drop)";
    }
    return Detectors.baselineStatus(state, warmupNanos);
  }
}
