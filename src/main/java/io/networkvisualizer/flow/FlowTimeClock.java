package io.networkvisualizer.flow;

import java.util.function.LongSupplier;

/**
 * An {@link EventClock} driven by the flows themselves: now is the latest flow time seen. For a live stream it also
 * moves on with wall time between flows, so that an edge that falls silent goes inactive; for a file replay it stands
 * still between flows, so an hour-long log is analysed in seconds with the same results as the live run.
 *
 * <p>A flow older than now (Relay sorts only within a short buffer) does not move the clock back.
 */
public final class FlowTimeClock implements EventClock, FlowConsumer {
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
    if (flow.timeNanos() > latestFlowNanos) {
      latestFlowNanos = flow.timeNanos();
      if (wallNanos != null) {
        wallAtLatest = wallNanos.getAsLong();
      }
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
