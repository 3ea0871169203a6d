package io.networkvisualizer.source.hubble;

import java.util.function.LongSupplier;

/**
 * Lets one log line through per interval and counts the ones it held back, so a flood of {@code lost_events} or
 * malformed flows costs a counter increment, not a log line each.
 */
final class LogLimiter {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long nextAllowedNanos;
  private boolean first = true;
  private long suppressed;

  LogLimiter(long intervalNanos, LongSupplier nanoTime) {
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether to log now. When it returns true, {@link #takeSuppressed()} tells how many lines were held back since
   * the previous one.
   */
  boolean tryAcquire() {
    long now = nanoTime.getAsLong();
    if (first || now - nextAllowedNanos >= 0) {
      first = false;
      nextAllowedNanos = now + intervalNanos;
      return true;
    }
    suppressed++;
    return false;
  }

  /** Lines held back since the last one let through; resets the count. */
  long takeSuppressed() {
    long n = suppressed;
    suppressed = 0;
    return n;
  }
}
