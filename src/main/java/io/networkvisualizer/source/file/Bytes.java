package io.networkvisualizer.source.file;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Word-at-a-time helpers over byte arrays for the hot path: newline search and hashing. */
final class Bytes {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;

  private Bytes() {}

  /** Index of the first {@code '\n'} in {@code buf[from, to)}, or -1. */
  static int indexOfNewline(byte[] buf, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ NEWLINES;
      long found = (x - ONES) & ~x & HIGHS; // a high bit set for each zero byte (exact for the lowest one)
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** A well-mixed hash of {@code buf[from, to)}, eight bytes at a time. */
  static int hash(byte[] buf, int from, int to) {
    long h = to - from;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = (h ^ (long) LONGS.get(buf, i)) * 0x9E37_79B9_7F4A_7C15L;
      h ^= h >>> 29;
    }
    for (; i < to; i++) {
      h = (h ^ buf[i]) * 0x9E37_79B9_7F4A_7C15L;
    }
    h ^= h >>> 32;
    return (int) h;
  }
}
