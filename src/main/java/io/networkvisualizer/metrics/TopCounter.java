package io.networkvisualizer.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of the most frequent keys (HTTP paths, status codes, DNS names, drop reasons) in bounded memory, by the
 * Space-Saving algorithm: at most {@code capacity} keys are tracked; a new key arriving when all slots are taken
 * replaces the least counted one and inherits its count plus one. Counts are exact while fewer than {@code capacity}
 * distinct keys were seen, and over-estimate by at most the smallest tracked count after that, so a flood of unique
 * URLs costs no memory and cannot push a genuinely frequent key out.
 */
final class TopCounter {
  private static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_KEY =
      Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  private final int capacity;
  private final HashMap<String, long[]> counts;

  TopCounter(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.counts = new HashMap<>(Math.min(capacity, 16) * 2);
  }

  void add(String key) {
    long[] count = counts.get(key);
    if (count != null) {
      count[0]++;
      return;
    }
    if (counts.size() < capacity) {
      counts.put(key, new long[] {1});
      return;
    }
    String minKey = null;
    long min = Long.MAX_VALUE;
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      if (e.getValue()[0] < min) {
        min = e.getValue()[0];
        minKey = e.getKey();
      }
    }
    counts.remove(minKey);
    counts.put(key, new long[] {min + 1});
  }

  /** A copy of every tracked count. */
  Map<String, Long> copy() {
    Map<String, Long> out = new HashMap<>(counts.size() * 2);
    counts.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** Adds {@code from}'s counts into {@code into}; used to merge edges when aggregating levels. */
  static void mergeInto(Map<String, Long> into, Map<String, Long> from) {
    from.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  /** The {@code n} largest counts, largest first (ties by key), in an insertion-ordered map. */
  static Map<String, Long> top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(BY_COUNT_THEN_KEY);
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(n, entries.size()); i++) {
      out.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    return out;
  }
}
