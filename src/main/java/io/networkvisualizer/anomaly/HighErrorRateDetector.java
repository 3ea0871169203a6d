package io.networkvisualizer.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * High error rate: more than {@code errorRateThreshold} (5%) of an edge's flows over the detection window failed
 * (verdict {@code DROPPED} or {@code ERROR}, or an HTTP 5xx response), once the window holds at least
 * {@code errorRateMinFlows} flows. Needs no baseline. The pods named are the pair behind more than half of the recent
 * failures, if one is; else the edge's workloads. Severity: medium past the threshold, high from four times it,
 * critical from half of all flows; score = the error rate.
 */
final class HighErrorRateDetector implements Detector {
  private final AnomalyEngine.Options options;
  private final double windowSeconds;

  HighErrorRateDetector(AnomalyEngine.Options options) {
    this.options = options;
    this.windowSeconds = options.windowSeconds();
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.HIGH_ERROR_RATE;
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    for (EdgeState e = tick.baselines().edges.oldest(); e != null; e = e.next()) {
      if (e.windowFlows < options.errorRateMinFlows() || e.windowFailures == 0) {
        continue;
      }
      double rate = e.windowFailures / (double) e.windowFlows;
      if (rate > options.errorRateThreshold()) {
        out.add(finding(e, rate));
      }
    }
  }

  private Finding finding(EdgeState e, double rate) {
    double threshold = options.errorRateThreshold();
    Severity severity = rate >= 0.5 ? Severity.CRITICAL
        : rate >= 4 * threshold ? Severity.HIGH : Severity.MEDIUM;
    String[] pods = Detectors.failingPods(e);
    long http5xx = e.windowHttp5xx;
    long dropped = e.windowFailures - http5xx;
    String window = Formats.duration((long) (windowSeconds * 1e9));
    Map<String, String> details = new LinkedHashMap<>();
    details.put("flows", Long.toString(e.windowFlows));
    details.put("failed", Long.toString(e.windowFailures));
    details.put("dropped_or_errored", Long.toString(dropped));
    details.put("http_5xx", Long.toString(http5xx));
    details.put("error_rate", Formats.percent(rate));
    details.put("unit", "ratio");
    details.put("window", window);
    String description = Formats.percent(rate) + " of the " + e.windowFlows + " flows from "
        + Formats.node(e.client.nodeId) + " to " + Formats.node(e.serverNodeId) + " in the last " + window
        + " failed (" + dropped + " dropped or errored, " + http5xx + " HTTP 5xx); threshold "
        + Formats.percent(threshold);
    return new Finding(type(), Detectors.edgeKey(type(), e), severity, description, pods[0], pods[1],
        e.client.nodeId, e.serverNodeId, rate, 0, threshold, details, rate, false);
  }

  @Override
  public String status(EngineState state) {
    return state.startNanos() < 0 ? "waiting for flows" : "active";
  }
}
