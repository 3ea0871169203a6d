package io.networkvisualizer.live;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a {@code GET /api/flows} caller or a {@code /ws/flows} client asked to see, from its query parameters: {@code namespace} (either side),
 * {@code pod} (substring of either side's {@code namespace/pod}), {@code verdict}, {@code protocol}; each optional,
 * all AND-ed. Invalid values are an {@link IllegalArgumentException} naming what is allowed.
 */
public record FlowFilter(String namespace, String pod, Verdict verdict, String protocol) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final List<String> VERDICTS =
      List.of("FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED");
  private static final List<String> PROTOCOLS = Arrays.stream(Protocol.values()).map(Protocol::label).toList();

  public static final FlowFilter ALL = new FlowFilter(null, null, null, null);

  /** The filter that parameters describe; {@code params} returns a parameter's value, or null when absent. */
  public static FlowFilter parse(Function<String, String> params) {
    Function<String, String> given = name -> {
      String value = params.apply(name);
      return value == null || value.isBlank() ? null : value.trim();
    };
    String namespace = given.apply("namespace");
    if (namespace != null && !NAME.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace must be a Kubernetes namespace name (was '" + namespace + "')");
    }
    String pod = given.apply("pod");
    if (pod != null && (pod.length() > 253 || pod.isBlank())) {
      throw new IllegalArgumentException("pod must be 1..253 characters (was '" + pod + "')");
    }
    String verdictText = given.apply("verdict");
    Verdict verdict = null;
    if (verdictText != null) {
      String upper = verdictText.toUpperCase(Locale.ROOT);
      if (!VERDICTS.contains(upper)) {
        throw new IllegalArgumentException("verdict must be one of " + String.join(", ", VERDICTS)
            + " (was '" + verdictText + "')");
      }
      verdict = Verdict.ofName(upper);
    }
    String protocolText = given.apply("protocol");
    String protocol = null;
    if (protocolText != null) {
      protocol = PROTOCOLS.stream().filter(p -> p.equalsIgnoreCase(protocolText)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("protocol must be one of " + String.join(", ", PROTOCOLS)
              + " (was '" + protocolText + "')"));
    }
    return new FlowFilter(namespace, pod, verdict, protocol);
  }

  public static FlowFilter parse(Map<String, List<String>> query) {
    return parse(name -> first(query, name));
  }

  /** A query parameter's first value, trimmed, or null when it is absent or blank. */
  static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
  }

  public boolean matches(Flow f) {
    if (namespace != null && !namespace.equals(f.source().namespace()) && !namespace.equals(f.destination().namespace())) {
      return false;
    }
    if (pod != null && !f.source().namespacedPod().contains(pod) && !f.destination().namespacedPod().contains(pod)) {
      return false;
    }
    if (verdict != null && !verdict.equals(f.verdict())) {
      return false;
    }
    return protocol == null || protocol.equals(Protocol.of(f).label()) || protocol.equals(f.l4().label());
  }
}
