package io.networkvisualizer.flow;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The most recent flows, in a fixed-size ring: the oldest flow is overwritten when the ring is full. Safe for one
 * writer and any number of readers without locks: the writer announces each slot it is about to overwrite
 * ({@code claimed}) before writing it, and a reader, after copying, discards what it copied from a slot that was
 * claimed meanwhile.
 */
public final class FlowStore implements FlowConsumer {
  private final AtomicReferenceArray<Flow> ring;
  private final int capacity;
  /** Flows ever written; slot of flow n is n % capacity. */
  private final AtomicLong written = new AtomicLong();
  /** Flows whose writing has begun: one ahead of {@code written} while the writer is mid-write. */
  private final AtomicLong claimed = new AtomicLong();

  public FlowStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("maxFlows must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  @Override
  public void onFlow(Flow flow) {
    long n = written.get();
    claimed.set(n + 1);
    VarHandle.fullFence(); // the claim must be visible before the slot changes
    ring.set((int) (n % capacity), flow);
    written.set(n + 1);
  }

  /** Up to {@code limit} most recent flows that match, newest first. */
  public List<Flow> recent(int limit, Predicate<Flow> filter) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (was " + limit + ")");
    }
    long end = written.get();
    long start = Math.max(0, end - capacity);
    List<Flow> out = new ArrayList<>(Math.min(limit, capacity));
    long[] positions = new long[Math.min(limit, capacity)];
    for (long n = end - 1; n >= start && out.size() < limit; n--) {
      Flow flow = ring.get((int) (n % capacity));
      if (flow != null && filter.test(flow)) {
        positions[out.size()] = n;
        out.add(flow);
      }
    }
    // If the writer lapped this reader, the oldest slots copied may hold newer flows by now: drop those.
    long firstSafe = claimed.get() - capacity;
    int keep = out.size();
    while (keep > 0 && positions[keep - 1] < firstSafe) {
      keep--;
    }
    return keep == out.size() ? out : new ArrayList<>(out.subList(0, keep));
  }

  public List<Flow> recent(int limit) {
    return recent(limit, f -> true);
  }

  /** Flows currently held. */
  public int size() {
    return (int) Math.min(written.get(), capacity);
  }

  public int capacity() {
    return capacity;
  }

  /** Flows ever stored. */
  public long totalStored() {
    return written.get();
  }

  /** Flows overwritten because the ring was full. */
  public long evicted() {
    return Math.max(0, written.get() - capacity);
  }
}
