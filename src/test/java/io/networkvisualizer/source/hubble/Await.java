package io.networkvisualizer.source.hubble;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.Predicate;

/** Waits for a condition that another thread brings about; fails with the last value seen when it never holds. */
final class Await {
  private Await() {}

  static <T> T until(Supplier<T> value, Predicate<T> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!condition.test(last)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
      }
      LockSupport.parkNanos(1_000_000);
      last = value.get();
    }
    return last;
  }
}
