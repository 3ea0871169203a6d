package io.networkvisualizer.source.file;

import io.networkvisualizer.flow.Endpoint;
import java.util.Arrays;

/**
 * A bounded map from the raw bytes of an endpoint's JSON object to the {@link Endpoint} read from them: the fast path of
 * {@link JsonpbFlowReader}, which on a hit skips the object instead of decoding its labels. The same bytes always read
 * as the same endpoint, so a hit is exact. Open-addressed with a fixed capacity; when a short probe finds no free slot,
 * the home slot is replaced and counted. Not thread-safe.
 */
final class RawEndpointCache {
  /** Objects longer than this are not cached (they are read every time). */
  static final int MAX_KEY_BYTES = 16_384;
  private static final int PROBES = 8;

  private final byte[][] keys;
  private final int[] hashes;
  private final Endpoint[] values;
  private final int mask;
  private int size;
  private long replaced;

  RawEndpointCache(int capacity) {
    if (capacity < PROBES || capacity > (1 << 20)) {
      throw new IllegalArgumentException("raw endpoint cache capacity must be " + PROBES + "..1048576 (was " + capacity + ")");
    }
    int tableSize = Integer.highestOneBit(capacity - 1) << 1;
    keys = new byte[tableSize][];
    hashes = new int[tableSize];
    values = new Endpoint[tableSize];
    mask = tableSize - 1;
  }

  /** The endpoint read before from exactly the bytes {@code buf[from, to)}, or null. */
  Endpoint get(byte[] buf, int from, int to) {
    if (to - from > MAX_KEY_BYTES) {
      return null;
    }
    int h = Bytes.hash(buf, from, to);
    int home = h & mask;
    for (int p = 0; p < PROBES; p++) {
      int slot = (home + p) & mask;
      byte[] held = keys[slot];
      if (held == null) {
        return null;
      }
      if (hashes[slot] == h && Arrays.equals(held, 0, held.length, buf, from, to)) {
        return values[slot];
      }
    }
    return null;
  }

  /** Remembers that {@code buf[from, to)} reads as {@code endpoint}. */
  void put(byte[] buf, int from, int to, Endpoint endpoint) {
    if (to - from > MAX_KEY_BYTES) {
      return;
    }
    int h = Bytes.hash(buf, from, to);
    int home = h & mask;
    int slot = home;
    boolean free = false;
    for (int p = 0; p < PROBES; p++) {
      int s = (home + p) & mask;
      if (keys[s] == null) {
        slot = s;
        free = true;
        break;
      }
    }
    if (free) {
      size++;
    } else {
      replaced++;
    }
    keys[slot] = Arrays.copyOfRange(buf, from, to);
    hashes[slot] = h;
    values[slot] = endpoint;
  }

  int size() {
    return size;
  }

  long replaced() {
    return replaced;
  }
}
