package io.networkvisualizer.source.hubble;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map with a size cap that forgets its least recently used entry when full, and counts what it forgot: what lets
 * the flows of one pod share one {@code Endpoint} without a flood of new pods growing memory. Not thread-safe: each
 * source thread owns its own.
 */
final class BoundedCache<K, V> {
  private final int capacity;
  private final Map<K, V> entries;
  private long evicted;

  BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > BoundedCache.this.capacity) {
          evicted++;
          return true;
        }
        return false;
      }
    };
  }

  /** The value for {@code key}, or null; marks the entry as recently used. */
  V get(K key) {
    return entries.get(key);
  }

  void put(K key, V value) {
    entries.put(key, value);
  }

  int size() {
    return entries.size();
  }

  /** Entries forgotten because the cache was full. */
  long evicted() {
    return evicted;
  }
}
