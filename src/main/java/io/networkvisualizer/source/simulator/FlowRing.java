package io.networkvisualizer.source.simulator;

import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;

/**
 * The simulated Hubble ring buffer: the most recent events (flows, lost events, node status) numbered by a sequence
 * that only grows. One writer appends; any number of readers read by sequence number without locks and learn when
 * the writer has lapped them. Readers keep only a cursor, so a slow reader costs no memory.
 */
final class FlowRing {
  /** One event of the ring; {@code flow} is null for events that are not flows (they are never filtered). */
  static final class Entry {
    private final long sequence;
    private final long timeNanos;
    private final GetFlowsResponse response;
    private final Flow flow;
    private volatile byte[] serialized;

    Entry(long sequence, long timeNanos, GetFlowsResponse response, Flow flow) {
      this.sequence = sequence;
      this.timeNanos = timeNanos;
      this.response = response;
      this.flow = flow;
    }

    long sequence() {
      return sequence;
    }

    long timeNanos() {
      return timeNanos;
    }

    GetFlowsResponse response() {
      return response;
    }

    Flow flow() {
      return flow;
    }

    /**
     * The response's wire form, encoded once on first use and shared by every stream that sends it (two streams
     * racing may both encode it; the results are equal).
     */
    byte[] serialized() {
      byte[] bytes = serialized;
      if (bytes == null) {
        bytes = response.toByteArray();
        serialized = bytes;
      }
      return bytes;
    }
  }

  /** What {@link #get} answers for a sequence number the writer has already overwritten. */
  static final Entry LAPPED = new Entry(-1, 0, GetFlowsResponse.getDefaultInstance(), null);

  private final Entry[] slots;
  private final int capacity;
  private volatile long written;

  FlowRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ring capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.slots = new Entry[capacity];
  }

  int capacity() {
    return capacity;
  }

  /** Sequence number the next event will get: every event before it has been appended. */
  long written() {
    return written;
  }

  /** Oldest sequence number still held. */
  long oldest() {
    return Math.max(0, written - capacity);
  }

  /** Events held now. */
  int size() {
    return (int) Math.min(written, capacity);
  }

  /**
   * Appends an event (writer thread only) and returns the one it overwrote, or null.
   */
  Entry append(long timeNanos, GetFlowsResponse response, Flow flow) {
    long seq = written;
    int slot = (int) (seq % capacity);
    Entry evicted = slots[slot];
    slots[slot] = new Entry(seq, timeNanos, response, flow);
    written = seq + 1;
    return evicted;
  }

  /** The event numbered {@code seq}; null when it is not written yet, {@link #LAPPED} when overwritten already. */
  Entry get(long seq) {
    if (seq >= written) {
      return null;
    }
    Entry e = slots[(int) (seq % capacity)];
    if (e == null || e.sequence() != seq) {
      return e != null && e.sequence() > seq ? LAPPED : (seq < oldest() ? LAPPED : null);
    }
    return e;
  }
}
