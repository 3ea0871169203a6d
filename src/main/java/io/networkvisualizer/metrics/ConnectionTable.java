package io.networkvisualizer.metrics;

/**
 * Recently seen connections (client address and port, server address and port, transport), to count each connection
 * start once: a TCP SYN retransmitted, or reported again at another observation point, and every later datagram of a
 * UDP or SCTP 5-tuple, find their key here and are not counted again while it stays fresh.
 *
 * <p>A fixed-size 4-way set-associative table of 64-bit key hashes and last-seen times, so memory is bounded
 * ({@code 16 bytes x capacity}) whatever the traffic: a port scan or a flood of new 5-tuples replaces the oldest entry
 * of a set instead of growing anything. A fresh entry pushed out that way may later count its connection a second
 * time; {@link #displacedLive()} counts those displacements so the approximation is visible.
 */
final class ConnectionTable {
  private static final int WAYS = 4;

  private final long[] keys;
  private final long[] times;
  private final int setMask;
  private long displacedLive;

  /** {@code capacity} is rounded up to a power of two of at least 64 entries. */
  ConnectionTable(int capacity) {
    int size = Integer.highestOneBit(Math.max(64, capacity - 1)) << 1;
    keys = new long[size];
    times = new long[size];
    setMask = size / WAYS - 1;
  }

  /**
   * Whether this is the first sighting of {@code key} within {@code ttlNanos}; records the sighting either way.
   * A sighting older than the recorded one (a late flow) never counts as new.
   */
  boolean firstSeen(long key, long timeNanos, long ttlNanos) {
    if (key == 0) {
      key = 1;
    }
    int base = (int) (key & setMask) * WAYS;
    int victim = base;
    long oldest = Long.MAX_VALUE;
    for (int i = base; i < base + WAYS; i++) {
      if (keys[i] == key) {
        boolean fresh = timeNanos - times[i] > ttlNanos;
        if (timeNanos > times[i]) {
          times[i] = timeNanos;
        }
        return fresh;
      }
      if (keys[i] == 0) {
        victim = i;
        oldest = Long.MIN_VALUE;
      } else if (times[i] < oldest) {
        oldest = times[i];
        victim = i;
      }
    }
    if (keys[victim] != 0 && timeNanos - times[victim] <= ttlNanos) {
      displacedLive++;
    }
    keys[victim] = key;
    times[victim] = timeNanos;
    return true;
  }

  /** Entries pushed out while still fresh (each may make one connection count twice). */
  long displacedLive() {
    return displacedLive;
  }

  int capacity() {
    return keys.length;
  }

  /** A well-mixed 64-bit key of an oriented 5-tuple. */
  static long key(String clientIp, int clientPort, String serverIp, int serverPort, int transport) {
    long h = ((long) clientIp.hashCode() << 32) ^ (serverIp.hashCode() & 0xffffffffL);
    h = mix(h) ^ (((long) clientPort << 24) | ((long) serverPort << 8) | transport);
    return mix(h);
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
