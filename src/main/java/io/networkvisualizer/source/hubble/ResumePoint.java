package io.networkvisualizer.source.hubble;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a resumed {@code GetFlows} stream picks up, and which of its replayed flows were delivered already.
 *
 * <p>The resume time is the latest flow time delivered so far. Hubble replays from {@code since} inclusive, so a
 * resumed stream starts with flows at exactly that time, some already delivered; they are recognised by a key the
 * caller gives (the uuid, or, for flows without one, their whole content as bytes), and skipped. Flows older than
 * the resume time are dropped as already delivered until the replay passes it. Afterwards, late flows (Relay sorts
 * only within a short buffer) are delivered as usual: they are older than the resume time, so a later resume will
 * not ask for them again.
 *
 * <p>Remembers at most {@code capacity} flows at one timestamp; beyond that a resume could deliver one twice, which
 * is counted in {@link #overflowed()}.
 */
final class ResumePoint {
  /** What to do with a flow. */
  enum Decision {
    DELIVER,
    /** Already delivered before the resume. */
    DUPLICATE
  }

  private final int capacity;
  private long latestNanos = -1;
  /** Keys of the delivered flows at {@link #latestNanos}, compared with {@code equals}. */
  private final List<Object> atLatest = new ArrayList<>();
  private boolean replaying;
  private long overflowed;

  ResumePoint(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
  }

  /** Whether any flow was delivered yet. */
  boolean hasDelivered() {
    return latestNanos >= 0;
  }

  /** The {@code since} of a resumed request: the latest flow time delivered. Only when {@link #hasDelivered()}. */
  Timestamp since() {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(latestNanos, 1_000_000_000L))
        .setNanos((int) Math.floorMod(latestNanos, 1_000_000_000L))
        .build();
  }

  long latestNanos() {
    return latestNanos;
  }

  /** A new stream that replays from {@link #since()} begins. */
  void resume() {
    replaying = hasDelivered();
  }

  /** Whether the flow at {@code timeNanos} recognised by {@code key} should be delivered. */
  Decision decide(long timeNanos, Object key) {
    if (!replaying || timeNanos > latestNanos) {
      return Decision.DELIVER;
    }
    if (timeNanos < latestNanos) {
      return Decision.DUPLICATE;
    }
    return atLatest.contains(key) ? Decision.DUPLICATE : Decision.DELIVER;
  }

  /** Records that the flow recognised by {@code key} was delivered. */
  void delivered(long timeNanos, Object key) {
    if (timeNanos > latestNanos) {
      latestNanos = timeNanos;
      atLatest.clear();
      replaying = false;
    } else if (timeNanos < latestNanos) {
      return;
    }
    if (atLatest.size() < capacity) {
      atLatest.add(key);
    } else {
      overflowed++;
    }
  }

  /** Flows not remembered because more than {@code capacity} shared one timestamp. */
  long overflowed() {
    return overflowed;
  }
}
