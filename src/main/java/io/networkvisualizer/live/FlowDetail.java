package io.networkvisualizer.live;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How much of a flow's JSON a {@code GET /api/flows} caller or a {@code /ws/flows} client gets, from the optional
 * {@code include} query parameter: by default every field but the endpoints' Kubernetes label lists;
 * {@code include=labels} adds {@code source_labels} and {@code dest_labels}.
 *
 * <p>Why labels are asked for rather than sent: they belong to the endpoint, not to the flow, and are the same on
 * every flow an endpoint sends or receives, yet they are about a third of a flow's bytes (~450 of ~1,200 on the
 * simulated cluster, five labels a side). On a live stream those bytes are paid per flow and per client, in the
 * kernel above all: at 1,000 clients the labelled stream cost the server twice the kernel time and twice the p99
 * latency (docs/PERFORMANCE.md, "WebSocket fan-out"). Namespace, pod, workload, identity and service stay on every
 * flow, and an endpoint's labels are on its node in {@code /api/graph}.
 */
public enum FlowDetail {
  STANDARD,
  WITH_LABELS;

  static final String PARAMETER = "include";
  private static final String LABELS = "labels";

  /**
   * The detail that {@code include} asks for ({@code params} returns a parameter's value, or null when absent): a
   * comma-separated list of optional parts, of which there is one, {@code labels} (in any case, as the filters).
   *
   * @throws IllegalArgumentException for a part this server does not know, naming the ones it does
   */
  public static FlowDetail parse(Function<String, String> params) {
    String include = params.apply(PARAMETER);
    if (include == null || include.isBlank()) {
      return STANDARD;
    }
    FlowDetail detail = STANDARD;
    for (String part : include.split(",", -1)) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (!name.equals(LABELS)) {
        throw new IllegalArgumentException(PARAMETER + " must list optional parts of a flow, of: " + LABELS
            + " (was '" + include + "')");
      }
      detail = WITH_LABELS;
    }
    return detail;
  }

  public static FlowDetail parse(Map<String, List<String>> query) {
    return parse(name -> FlowFilter.first(query, name));
  }

  public boolean labels() {
    return this == WITH_LABELS;
  }
}
