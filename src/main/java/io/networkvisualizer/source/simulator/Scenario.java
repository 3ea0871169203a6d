package io.networkvisualizer.source.simulator;

import java.time.Instant;

/**
 * One anomaly the simulated cluster injects on purpose: what kind, when, from where to where, in words. The list of
 * them is the ground truth a detector's findings can be checked against.
 *
 * @param kind the anomaly kind, named as the API names anomaly types
 * @param start first instant of the injected traffic (event time of the flows)
 * @param end instant the injection stops
 * @param sourcePod {@code namespace/pod} of the one pod that misbehaves, or empty when a whole workload does
 * @param sourceWorkload {@code namespace/workload} of the source
 * @param destination {@code namespace/pod}, {@code namespace/workload}, or {@code IP (fqdn)} outside the cluster
 * @param description what is injected, in one sentence
 */
public record Scenario(
    Kind kind, Instant start, Instant end, String sourcePod, String sourceWorkload, String destination,
    String description) {

  /** The eight anomaly kinds of the spec, with the type names of the anomalies API. */
  public enum Kind {
    TRAFFIC_SPIKE("traffic_spike"),
    TRAFFIC_DROP("traffic_drop"),
    UNUSUAL_PROTOCOL("unusual_protocol"),
    UNEXPECTED_CONNECTION("unexpected_connection"),
    HIGH_ERROR_RATE("high_error_rate"),
    PORT_SCAN("port_scan"),
    DATA_EXFILTRATION("data_exfiltration"),
    DNS_ANOMALY("dns_anomaly");

    private final String apiName;

    Kind(String apiName) {
      this.apiName = apiName;
    }

    /** The anomaly type as the API writes it, e.g. {@code traffic_spike}. */
    public String apiName() {
      return apiName;
    }
  }

  public Scenario {
    if (kind == null || start == null || end == null) {
      throw new IllegalArgumentException("scenario needs a kind, a start and an end");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("scenario end must be after its start (was " + start + " .. " + end + ")");
    }
    sourcePod = sourcePod == null ? "" : sourcePod;
    sourceWorkload = sourceWorkload == null ? "" : sourceWorkload;
    destination = destination == null ? "" : destination;
    description = description == null ? "" : description;
  }

  /** Whether the injection is under way at {@code t}: {@code start <= t < end}. */
  public boolean activeAt(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
