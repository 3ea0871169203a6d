package io.networkvisualizer.source.file;

/**
 * A bounded cache of short strings that recur from line to line (node names, IPs, namespaces, DNS names, HTTP
 * methods), keyed by their characters, so that reading a value the cache already holds allocates nothing and the
 * flows kept in memory share one copy. Direct-mapped: a colliding value simply replaces the slot, so the cache never
 * holds more than its capacity. Not thread-safe: one per reader.
 */
final class TextInterner {
  private final String[] slots;
  private final int mask;
  private final int maxLength;

  /**
   * @param capacity slots, rounded up to a power of two
   * @param maxLength longer values are returned as new strings and not cached
   */
  TextInterner(int capacity, int maxLength) {
    if (capacity < 1 || capacity > (1 << 20)) {
      throw new IllegalArgumentException("capacity must be 1..1048576 (was " + capacity + ")");
    }
    int size = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    this.slots = new String[size];
    this.mask = size - 1;
    this.maxLength = maxLength;
  }

  /** The string of {@code chars[off, off+len)}, shared with earlier calls for the same characters where cached. */
  String intern(char[] chars, int off, int len) {
    if (len == 0) {
      return "";
    }
    if (len > maxLength) {
      return new String(chars, off, len);
    }
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + chars[i];
    }
    int slot = (h ^ (h >>> 16)) & mask;
    String cached = slots[slot];
    if (cached != null && sameChars(cached, chars, off, len)) {
      return cached;
    }
    String s = new String(chars, off, len);
    slots[slot] = s;
    return s;
  }

  String intern(String s) {
    return intern(s.toCharArray(), 0, s.length());
  }

  int capacity() {
    return slots.length;
  }

  private static boolean sameChars(String s, char[] chars, int off, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != chars[off + i]) {
        return false;
      }
    }
    return true;
  }
}
