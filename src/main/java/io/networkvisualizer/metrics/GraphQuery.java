package io.networkvisualizer.metrics;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What part of the graph to show: the aggregation level, optional filters, and whether inactive edges are included.
 * Filters apply to pod-level nodes, before aggregation: a node matches when it is in one of {@code namespaces} (if
 * any are given) and carries every label of {@code labels} (if any); an edge is kept when its source or its target
 * matches. Values are checked here, so a bad one is an {@link IllegalArgumentException} naming it.
 *
 * @param namespaces Kubernetes namespace names; empty for all
 * @param labels label key and value pairs, all required on the same node; empty for none
 * @param includeInactive false leaves out edges idle for longer than the idle timeout
 */
public record GraphQuery(Level level, Set<String> namespaces, Map<String, String> labels, boolean includeInactive) {
  /** At most this many namespaces or labels in one query. */
  public static final int MAX_FILTER_VALUES = 64;
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final Pattern LABEL_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*/)?" + NAME);
  private static final Pattern LABEL_VALUE = Pattern.compile("(" + NAME + ")?");

  /** The aggregation level of a graph: pods, their workloads, or their namespaces. */
  public enum Level {
    POD,
    WORKLOAD,
    NAMESPACE;

    /** The level as the API writes it: {@code pod}, {@code workload}, {@code namespace}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code text} (any case); an {@link IllegalArgumentException} for any other text. */
    public static Level parse(String text) {
      for (Level level : values()) {
        if (level.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
          return level;
        }
      }
      throw new IllegalArgumentException("level must be one of pod, workload, namespace (was '" + text + "')");
    }
  }

  public GraphQuery {
    level = level == null ? Level.POD : level;
    namespaces = namespaces == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(namespaces));
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    if (namespaces.size() > MAX_FILTER_VALUES || labels.size() > MAX_FILTER_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_FILTER_VALUES + " namespaces and labels (was "
          + namespaces.size() + " namespaces, " + labels.size() + " labels)");
    }
    for (String ns : namespaces) {
      if (!NAMESPACE.matcher(ns).matches()) {
        throw new IllegalArgumentException("namespace must be a Kubernetes namespace name: lower-case letters, "
            + "digits and '-', 1 to 63 characters (was '" + ns + "')");
      }
    }
    labels.forEach((key, value) -> {
      if (key.length() > 316 || !LABEL_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("label key must be a Kubernetes label key such as app or "
            + "app.kubernetes.io/name (was '" + key + "')");
      }
      if (!LABEL_VALUE.matcher(value).matches()) {
        throw new IllegalArgumentException("label value must be a Kubernetes label value: letters, digits, "
            + "'-', '_' and '.', at most 63 characters (was '" + value + "')");
      }
    });
  }

  /** Every edge, active or not, at {@code level}. */
  public static GraphQuery all(Level level) {
    return new GraphQuery(level, Set.of(), Map.of(), true);
  }

  boolean hasFilters() {
    return !namespaces.isEmpty() || !labels.isEmpty();
  }

  /** Whether a pod-level node passes the filters. */
  boolean matches(NodeState node) {
    if (!namespaces.isEmpty() && !namespaces.contains(node.namespace)) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(node.labels.get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
