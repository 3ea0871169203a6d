package io.networkvisualizer.source;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mutable counters and state behind a {@link SourceStatus}, shared by the source implementations. Written by a
 * source's own thread, read by any.
 */
public final class SourceCounters {
  private record StateAndDetail(SourceStatus.State state, String detail, Instant since) {}

  private final String kind;
  private final String target;
  private final AtomicReference<StateAndDetail> state =
      new AtomicReference<>(new StateAndDetail(SourceStatus.State.IDLE, "", Instant.now()));
  public final AtomicLong flowsReceived = new AtomicLong();
  public final AtomicLong malformed = new AtomicLong();
  public final AtomicLong lostEvents = new AtomicLong();
  public final AtomicLong nodeStatusEvents = new AtomicLong();
  public final AtomicLong reconnects = new AtomicLong();
  public final AtomicLong duplicatesSkipped = new AtomicLong();
  private volatile boolean bytesMeasured;

  public SourceCounters(String kind, String target) {
    this.kind = kind;
    this.target = target;
  }

  public void state(SourceStatus.State newState, String detail) {
    state.set(new StateAndDetail(newState, detail, Instant.now()));
  }

  public SourceStatus.State state() {
    return state.get().state();
  }

  public void sawMeasuredBytes() {
    if (!bytesMeasured) {
      bytesMeasured = true;
    }
  }

  public SourceStatus snapshot() {
    StateAndDetail s = state.get();
    return new SourceStatus(kind, target, s.state(), s.detail(), s.since(), flowsReceived.get(), malformed.get(),
        lostEvents.get(), nodeStatusEvents.get(), reconnects.get(), duplicatesSkipped.get(), bytesMeasured);
  }
}
