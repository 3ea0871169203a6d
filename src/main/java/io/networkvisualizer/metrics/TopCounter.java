package io.networkvisualizer.metrics;

import java.util.ArrayList;
import java.util.Arrays;
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
  private final HashMap<String, Integer> slots;
  private String[] keys;
  private long[] counts;
  private int size;

  TopCounter(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.slots = new HashMap<>();
    this.keys = new String[Math.min(capacity, 4)];
    this.counts = new long[keys.length];
  }

  void add(String key) {
    Integer slot = slots.get(key);
    if (slot != null) {
      counts[slot]++;
      return;
    }
    if (size < capacity) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.min(capacity, size * 2));
        counts = Arrays.copyOf(counts, keys.length);
      }
      keys[size] = key;
      counts[size] = 1;
      slots.put(key, size++);
      return;
    }
    int min = 0;
    for (int i = 1; i < size; i++) {
      if (counts[i] < counts[min]) {
        min = i;
      }
    }
    slots.remove(keys[min]);
    keys[min] = key;
    counts[min]++;
    slots.put(key, min);
  }

  /** A copy of every tracked count: two small arrays, cheap enough to take under the engine's lock. */
  Counts copy() {
    return new Counts(Arrays.copyOf(keys, size), Arrays.copyOf(counts, size));
  }

  /** Tracked keys and their counts, index by index. */
  record Counts(String[] keys, long[] counts) {
    static final Counts NONE = new Counts(new String[0], new long[0]);

    boolean isEmpty() {
      return keys.length == 0;
    }

    Map<String, Long> toMap() {
      Map<String, Long> out = new HashMap<>(keys.length * 2);
      addTo(out);
      return out;
    }

    void addTo(Map<String, Long> into) {
      for (int i = 0; i < keys.length; i++) {
        into.merge(keys[i], counts[i], Long::sum);
      }
    }
  }

  /** The {@code n} largest counts, largest first (ties by key), in an insertion-ordered map. */
  static Map<String, Long> top(Map<String, Long> counts, int n) {
    if (counts.isEmpty()) {
      return Map.of();
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(BY_COUNT_THEN_KEY);
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(n, entries.size()); i++) {
      out.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    return out;
  }

  /** {@link #top(Map, int)} of one copy. */
  static Map<String, Long> top(Counts counts, int n) {
    if (counts.isEmpty()) {
      return Map.of();
    }
    if (counts.keys().length == 1) {
      return Map.of(counts.keys()[0], counts.counts()[0]);
    }
    return top(counts.toMap(), n);
  }
}
