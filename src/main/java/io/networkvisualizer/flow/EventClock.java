package io.networkvisualizer.flow;

/**
 * The time that windows, rates, baselines and detectors advance on: the flows' own event time, never the wall
 * clock directly. Injected into every time-dependent stage so tests move it by hand.
 */
@FunctionalInterface
public interface EventClock {
  /** Now, in nanoseconds since the epoch. */
  long nowNanos();
}
