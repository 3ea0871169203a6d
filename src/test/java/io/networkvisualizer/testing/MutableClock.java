package io.networkvisualizer.testing;

import io.networkvisualizer.flow.EventClock;
import java.time.Duration;
import java.time.Instant;

/** An {@link EventClock} that tests move by hand. Starts at 2024-01-02T15:04:05Z. */
public final class MutableClock implements EventClock {
  public static final Instant START = Instant.parse("2024-01-02T15:04:05Z");

  private long nowNanos = START.getEpochSecond() * 1_000_000_000L;

  @Override
  public long nowNanos() {
    return nowNanos;
  }

  public Instant now() {
    return Instant.ofEpochSecond(0, nowNanos);
  }

  public MutableClock advance(Duration d) {
    nowNanos += d.toNanos();
    return this;
  }

  public MutableClock set(Instant t) {
    nowNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    return this;
  }
}
