package io.networkvisualizer.source.hubble;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@link BoundedCache} keyed by byte ranges: what lets the wire decoder find the value that bytes it decoded before
 * stand for (an endpoint, a string) without decoding them again. A lookup hashes and compares the bytes where they
 * lie and allocates nothing; only a miss copies them into a key. Least recently used entries go first when it is full,
 * and are counted. Not thread-safe.
 */
final class BytesCache<V> {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

  private final BoundedCache<Key, V> entries;
  private final Key probe = new Key(null, 0, 0, 0);

  BytesCache(int capacity) {
    this.entries = new BoundedCache<>(capacity);
  }

  /** The value cached for {@code bytes[offset, offset + length)}, or null. */
  V get(byte[] bytes, int offset, int length) {
    probe.bytes = bytes;
    probe.offset = offset;
    probe.length = length;
    probe.hash = hash(bytes, offset, length);
    V value = entries.get(probe);
    probe.bytes = null; // holds no buffer between calls
    return value;
  }

  /** Caches {@code value} for a copy of {@code bytes[offset, offset + length)}. */
  void put(byte[] bytes, int offset, int length, V value) {
    byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
    entries.put(new Key(copy, 0, length, hash(copy, 0, length)), value);
  }

  int size() {
    return entries.size();
  }

  /** Entries forgotten because the cache was full. */
  long evicted() {
    return entries.evicted();
  }

  /** A hash of the range that reads eight bytes at a time: endpoints are a few hundred bytes long. */
  static int hash(byte[] bytes, int offset, int length) {
    long h = length * MULTIPLIER;
    int i = offset;
    int end = offset + length;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      h = (h ^ (long) LONGS.get(bytes, i)) * MULTIPLIER;
      h ^= h >>> 31;
    }
    for (; i < end; i++) {
      h = (h ^ bytes[i]) * MULTIPLIER;
    }
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32));
  }

  /** A byte range; the lookup probe is one reused instance, stored keys own a copy of their bytes. */
  private static final class Key {
    byte[] bytes;
    int offset;
    int length;
    int hash;

    Key(byte[] bytes, int offset, int length, int hash) {
      this.bytes = bytes;
      this.offset = offset;
      this.length = length;
      this.hash = hash;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && k.length == length
          && Arrays.equals(bytes, offset, offset + length, k.bytes, k.offset, k.offset + k.length);
    }
  }
}
