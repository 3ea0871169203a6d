package io.networkvisualizer.flow;

import java.util.function.LongSupplier;

/**
 * An {@link EventClock} driven by the flows themselves: now is the latest flow time seen. For a live stream it also
 * moves on with wall time between flows, so that an edge that falls silent goes inactive; for a file replay it stands
 * still between flows, so an hour-long log is analysed in seconds with the same results as the live run.
 *
 * <p>A flow older than now (Relay sorts only within a short buffer) does not move the clock back. On a live source,
 * a flow stamped far in the future (a node with a wrong clock) moves it at most {@link #MAX_AHEAD_NANOS} past the wall
 * clock, so one bad timestamp cannot make every later flow look late.
 */
public final class FlowTimeClock implements EventClock, FlowConsumer {
  /** How far ahead of the wall clock a live flow may move event time. */
  static final long MAX_AHEAD_NANOS = 10_000_000_000L;

  private final LongSupplier wallNanos;
  private volatile long latestFlowNanos;
  private volatile long wallAtLatest;

  private FlowTimeClock(LongSupplier wallNanos) {
    this.wallNanos = wallNanos;
  }

  /** For a live source: between flows, time moves with {@code wallNanos}. */
  public static FlowTimeClock live(LongSupplier wallNanos) {
    return new FlowTimeClock(wallNanos);
  }

  /** For a live source on the system clock. */
  public static FlowTimeClock live() {
    return live(() -> System.currentTimeMillis() * 1_000_000L);
  }

  /** For a replay: time is the latest flow's time and nothing else. */
  public static FlowTimeClock replay() {
    return new FlowTimeClock(null);
  }

  @Override
  public void onFlow(Flow flow) {
    long t = flow.timeNanos();
    if (t <= latestFlowNanos) {
      return;
    }
    if (wallNanos == null) {
      latestFlowNanos = t;
      return;
    }
    long wall = wallNanos.getAsLong();
    long capped = Math.min(t, wall + MAX_AHEAD_NANOS);
    if (latestFlowNanos == 0 || capped > nowNanos()) {
      latestFlowNanos = capped;
      wallAtLatest = wall;
    }
  }

  @Override
  public long nowNanos() {
    long latest = latestFlowNanos;
    if (wallNanos == null) {
      return latest;
    }
    if (latest == 0) {
      return wallNanos.getAsLong();
    }
    return latest + Math.max(0, wallNanos.getAsLong() - wallAtLatest);
  }
}
