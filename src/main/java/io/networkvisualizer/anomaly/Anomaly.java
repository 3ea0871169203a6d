package io.networkvisualizer.anomaly;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One detected anomaly, in the shape of the spec's {@code /api/flows/anomalies} plus its lifecycle: an ongoing anomaly
 * is one record with a stable id, updated while it lasts ({@code last_seen}, {@code peak_value}, a severity that may
 * rise) and resolved once its condition has not been seen for the quiet period. Immutable: an update is a new value
 * with the same id. All times are event time (the flows' own timestamps).
 *
 * @param id stable for the life of the record: {@code <type>:<source>-><destination>[:<detail>]@<detected epoch s>}
 * @param type one of {@link #TYPES}
 * @param severity one of {@link #SEVERITIES}, from how far past its threshold the anomaly went (never lowered while
 *     active)
 * @param title a short heading such as {@code Traffic Spike Detected}
 * @param description what was seen, against what, in clear words (the latest observation)
 * @param sourcePod {@code pod/<ns>/<pod>} when one pod is the source, else the source's workload (or world, host)
 *     node
 * @param destPod {@code pod/<ns>/<pod>} when one pod is the destination, else the destination's node; empty when
 *     there is no single destination (a port scan across several)
 * @param evidence the numbers behind it (the latest observation)
 * @param detectedAt when the condition was first seen
 * @param score 0..1, how far past the threshold (the highest while active)
 * @param status {@code active} or {@code resolved}
 * @param lastSeen the latest time the condition was seen
 * @param resolvedAt when it was resolved; null while active
 * @param peakValue the most extreme {@code current_value} while active (the lowest for a traffic drop)
 * @param sourceNode the source's node id at the workload level, as the graph names it ({@code workload/<ns>/<name>},
 *     {@code world/<name>}, ...)
 * @param destNode the destination's node id at the workload level; empty when there is no single destination
 */
public record Anomaly(
    String id,
    String type,
    String severity,
    String title,
    String description,
    String sourcePod,
    String destPod,
    Evidence evidence,
    Instant detectedAt,
    double score,
    String status,
    Instant lastSeen,
    Instant resolvedAt,
    double peakValue,
    String sourceNode,
    String destNode) {

  /** The anomaly types, as the API writes them. */
  public static final List<String> TYPES = AnomalyType.names();
  /** The severities, most severe first. */
  public static final List<String> SEVERITIES = Severity.names();
  public static final String ACTIVE = "active";
  public static final String RESOLVED = "resolved";

  public Anomaly {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an anomaly needs an id");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("type must be one of " + TYPES + " (was " + type + ")");
    }
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("severity must be one of " + SEVERITIES + " (was " + severity + ")");
    }
    if (!ACTIVE.equals(status) && !RESOLVED.equals(status)) {
      throw new IllegalArgumentException("status must be active or resolved (was " + status + ")");
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be 0..1 (was " + score + ")");
    }
    if (detectedAt == null || lastSeen == null) {
      throw new IllegalArgumentException("detectedAt and lastSeen are required");
    }
    if (RESOLVED.equals(status) != (resolvedAt != null)) {
      throw new IllegalArgumentException("resolvedAt is set exactly when resolved (status " + status + ", resolvedAt "
          + resolvedAt + ")");
    }
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    sourcePod = sourcePod == null ? "" : sourcePod;
    destPod = destPod == null ? "" : destPod;
    sourceNode = sourceNode == null ? "" : sourceNode;
    destNode = destNode == null ? "" : destNode;
    if (evidence == null) {
      throw new IllegalArgumentException("evidence is required");
    }
  }

  public boolean active() {
    return ACTIVE.equals(status);
  }

  /**
   * The numbers behind an anomaly.
   *
   * @param currentValue the measured value (unit in {@code details.unit})
   * @param baselineValue the learned normal value; 0 for detectors with a fixed threshold
   * @param threshold the value past which it is an anomaly
   * @param details further facts, as text, sorted by key
   */
  public record Evidence(double currentValue, double baselineValue, double threshold, Map<String, String> details) {
    public Evidence {
      details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
    }
  }
}
