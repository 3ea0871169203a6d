package io.networkvisualizer.source.hubble;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential back-off with jitter, as gRPC's own connection back-off does it: the n-th wait after a failure
 * is {@code min(max, initial * 2^n)}, spread by ±20% so that many clients of one Relay do not reconnect in step, and
 * never above {@code max}. {@link #reset()} after a healthy stream starts again from {@code initial}.
 */
final class Backoff {
  static final double MULTIPLIER = 2.0;
  static final double JITTER = 0.2;

  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private long nextBaseNanos;

  /**
   * @param random uniform values in [0, 1)
   */
  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < initial <= max (was " + initial + ", " + max + ")");
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
    this.nextBaseNanos = initialNanos;
  }

  Backoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The wait before the next attempt; each call doubles the base of the following one, up to {@code max}. */
  Duration next() {
    long base = nextBaseNanos;
    nextBaseNanos = (long) Math.min(maxNanos, base * MULTIPLIER);
    double spread = 1 - JITTER + 2 * JITTER * random.getAsDouble();
    long wait = (long) Math.min(maxNanos, base * spread);
    return Duration.ofNanos(Math.max(1, wait));
  }

  /** Starts again from {@code initial}. */
  void reset() {
    nextBaseNanos = initialNanos;
  }
}
