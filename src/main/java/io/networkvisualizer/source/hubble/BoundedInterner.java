package io.networkvisualizer.source.hubble;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canonicalising map with a size cap: equal values come back as one shared instance, so the many flows of one pod
 * hold one {@code Endpoint}. When full, the least recently used value is forgotten (flows that hold it keep it) and
 * counted. Not thread-safe: each source thread owns its own.
 */
final class BoundedInterner<T> {
  private final int capacity;
  private final Map<T, T> values;
  private long evicted;

  BoundedInterner(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("interner capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.values = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<T, T> eldest) {
        if (size() > BoundedInterner.this.capacity) {
          evicted++;
          return true;
        }
        return false;
      }
    };
  }

  /** The shared instance equal to {@code value}; {@code value} itself the first time. */
  T intern(T value) {
    T existing = values.putIfAbsent(value, value);
    return existing != null ? existing : value;
  }

  int size() {
    return values.size();
  }

  /** Values forgotten because the interner was full. */
  long evicted() {
    return evicted;
  }
}
