package io.networkvisualizer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The offered rates an ingest ramp tries, and what it found: upward from {@code start} by {@code step} while each
 * rate is sustained, stopping at the first that is not (or past {@code max}); when the very first rate is not
 * sustained, downward by {@code step} until one is (never below {@code step}). The answer is the highest sustained
 * rate tried.
 */
final class Ramp {
  /** Share of the offered rate the server must receive over the window for the rate to count as sustained. */
  static final double MIN_RECEIVED_SHARE = 0.98;

  /** One rate tried and whether it was sustained. */
  record Step(double rate, boolean sustained) {}

  private final double start;
  private final double step;
  private final double max;
  private final List<Step> steps = new ArrayList<>();

  Ramp(double start, double step, double max) {
    if (!(start > 0) || !(step > 0) || max < start) {
      throw new IllegalArgumentException("ramp needs start > 0, step > 0, max >= start (was " + start + ", " + step
          + ", " + max + ")");
    }
    this.start = start;
    this.step = step;
    this.max = max;
  }

  /**
   * Sustained: nothing lost, and the server received at least {@value #MIN_RECEIVED_SHARE} of what was offered in the
   * same window (less means a backlog that grows until the source's buffer laps it).
   */
  static boolean sustained(double offeredPerSecond, double receivedPerSecond, long lost) {
    return lost == 0 && offeredPerSecond > 0 && receivedPerSecond >= MIN_RECEIVED_SHARE * offeredPerSecond;
  }

  /** The next rate to try, or empty when the ramp is done. */
  OptionalDouble next() {
    if (steps.isEmpty()) {
      return OptionalDouble.of(start);
    }
    Step last = steps.get(steps.size() - 1);
    boolean anySustained = steps.stream().anyMatch(Step::sustained);
    boolean anyFailed = steps.stream().anyMatch(s -> !s.sustained());
    if (last.sustained()) {
      if (anyFailed) {
        return OptionalDouble.empty(); // came down to a sustained rate
      }
      double up = last.rate() + step;
      return up <= max ? OptionalDouble.of(up) : OptionalDouble.empty();
    }
    if (anySustained) {
      return OptionalDouble.empty(); // went up until the first loss
    }
    double down = last.rate() - step;
    return down >= step ? OptionalDouble.of(down) : OptionalDouble.empty();
  }

  void record(double rate, boolean sustained) {
    steps.add(new Step(rate, sustained));
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }

  /** The highest rate tried that was sustained. */
  OptionalDouble highestSustained() {
    return steps.stream().filter(Step::sustained).mapToDouble(Step::rate).max();
  }
}
