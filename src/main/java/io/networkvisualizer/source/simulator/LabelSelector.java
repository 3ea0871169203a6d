package io.networkvisualizer.source.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes label selector over Cilium endpoint labels, as Hubble's label filters read it: requirements separated
 * by commas ({@code key}, {@code !key}, {@code key=value}, {@code key==value}, {@code key!=value},
 * {@code key in (a, b)}, {@code key notin (a, b)}), every requirement must hold. A key may name its label source
 * ({@code k8s:app=frontend}, {@code reserved:world}); a key without one (or with {@code any:}) matches any source.
 */
final class LabelSelector {
  private enum Op { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN }

  private record Requirement(String source, String key, Op op, Set<String> values) {
    boolean matches(List<String> labels) {
      boolean found = false;
      boolean valueHit = false;
      for (String label : labels) {
        int colon = label.indexOf(':');
        int eq = label.indexOf('=');
        if (eq >= 0 && colon > eq) {
          colon = -1;
        }
        String labelSource = colon >= 0 ? label.substring(0, colon) : "unspec";
        String rest = colon >= 0 ? label.substring(colon + 1) : label;
        int eqRest = rest.indexOf('=');
        String labelKey = eqRest >= 0 ? rest.substring(0, eqRest) : rest;
        String labelValue = eqRest >= 0 ? rest.substring(eqRest + 1) : "";
        if (!labelKey.equals(key) || !(source == null || source.equals(labelSource))) {
          continue;
        }
        found = true;
        if (values.contains(labelValue)) {
          valueHit = true;
        }
      }
      return switch (op) {
        case EXISTS -> found;
        case NOT_EXISTS -> !found;
        case EQUALS, IN -> valueHit;
        case NOT_EQUALS, NOT_IN -> !valueHit;
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** @throws IllegalArgumentException saying what in the selector cannot be read */
  static LabelSelector parse(String selector) {
    List<Requirement> out = new ArrayList<>();
    for (String part : split(selector)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      out.add(requirement(p, selector));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty label selector '" + selector + "'");
    }
    return new LabelSelector(List.copyOf(out));
  }

  boolean matches(List<String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(selector.substring(from));
    return parts;
  }

  private static Requirement requirement(String p, String selector) {
    if (p.startsWith("!")) {
      String key = p.substring(1).trim();
      return make(key, Op.NOT_EXISTS, Set.of(), selector);
    }
    String[] words = p.split("\\s+", 3);
    if (words.length >= 2 && (words[1].equals("in") || words[1].equals("notin"))) {
      String list = p.substring(p.indexOf(words[1]) + words[1].length()).trim();
      if (!list.startsWith("(") || !list.endsWith(")")) {
        throw new IllegalArgumentException("label selector '" + selector + "': expected (values) after " + words[1]);
      }
      Set<String> values = new java.util.HashSet<>();
      for (String v : list.substring(1, list.length() - 1).split(",")) {
        if (!v.trim().isEmpty()) {
          values.add(v.trim());
        }
      }
      return make(words[0], words[1].equals("in") ? Op.IN : Op.NOT_IN, values, selector);
    }
    int ne = p.indexOf("!=");
    if (ne >= 0) {
      return make(p.substring(0, ne).trim(), Op.NOT_EQUALS, Set.of(p.substring(ne + 2).trim()), selector);
    }
    int eq = p.indexOf('=');
    if (eq >= 0) {
      int valueAt = p.startsWith("==", eq) ? eq + 2 : eq + 1;
      return make(p.substring(0, eq).trim(), Op.EQUALS, Set.of(p.substring(valueAt).trim()), selector);
    }
    return make(p, Op.EXISTS, Set.of(), selector);
  }

  private static Requirement make(String key, Op op, Set<String> values, String selector) {
    if (key.isEmpty() || key.contains(" ") || key.contains("(") || key.contains(")")) {
      throw new IllegalArgumentException("label selector '" + selector + "': invalid key '" + key + "'");
    }
    String source = null;
    int colon = key.indexOf(':');
    if (colon >= 0) {
      source = key.substring(0, colon);
      key = key.substring(colon + 1);
      if (source.equals("any")) {
        source = null;
      }
    }
    return new Requirement(source, key, op, values);
  }
}
