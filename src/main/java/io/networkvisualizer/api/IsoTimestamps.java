package io.networkvisualizer.api;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes epoch nanoseconds exactly as {@link java.time.Instant#toString} does ({@code 2026-11-24T02:52:25.123456Z}:
 * the fraction in groups of three digits, trailing zero groups left out), at a fraction of its cost: the date and
 * time of day are formatted once per second and reused, since consecutive flows almost always share their second.
 * The live stream writes one timestamp per flow, so this is on its hot path. Not thread-safe: one per thread.
 */
final class IsoTimestamps {
  private long cachedSecond = Long.MIN_VALUE;
  private final char[] buffer = new char[30];
  /** Length of {@code yyyy-MM-ddTHH:mm:ss} in {@link #buffer}; it may be longer for years past 9999. */
  private int secondLength;

  String format(long epochNanos) {
    long second = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    if (second != cachedSecond) {
      String text = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
      if (text.length() == 16) {
        text += ":00"; // LocalDateTime leaves out zero seconds; Instant does not
      }
      if (text.length() != 19) {
        // years outside 0000-9999 (signed, longer) are rare enough to format the slow way
        return java.time.Instant.ofEpochSecond(second, nanos).toString();
      }
      text.getChars(0, text.length(), buffer, 0);
      secondLength = text.length();
      cachedSecond = second;
    }
    int n = secondLength;
    if (nanos > 0) {
      int digits;
      int value;
      if (nanos % 1_000_000 == 0) {
        digits = 3;
        value = nanos / 1_000_000;
      } else if (nanos % 1_000 == 0) {
        digits = 6;
        value = nanos / 1_000;
      } else {
        digits = 9;
        value = nanos;
      }
      buffer[n++] = '.';
      for (int i = n + digits - 1; i >= n; i--) {
        buffer[i] = (char) ('0' + value % 10);
        value /= 10;
      }
      n += digits;
    }
    buffer[n++] = 'Z';
    return new String(buffer, 0, n);
  }
}
