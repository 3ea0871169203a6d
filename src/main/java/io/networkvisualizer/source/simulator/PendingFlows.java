package io.networkvisualizer.source.simulator;

import io.networkvisualizer.source.hubble.proto.flow.Flow;
import java.util.Arrays;

/**
 * Flows built ahead of their time, released earliest first and, at equal times, in the order they were added: a binary
 * min-heap over primitive arrays (time and insertion number side by side in one {@code long[]}), so that ordering
 * costs no object per flow and no comparator call. Not thread-safe.
 */
final class PendingFlows {
  /** {@code keys[2i]} is the time of heap slot i, {@code keys[2i + 1]} its insertion number. */
  private long[] keys = new long[2 * 1024];
  private Flow[] flows = new Flow[1024];
  private int size;
  private long added;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Adds a flow due at {@code timeNanos}. */
  void add(long timeNanos, Flow flow) {
    if (size == flows.length) {
      flows = Arrays.copyOf(flows, size * 2);
      keys = Arrays.copyOf(keys, size * 4);
    }
    long seq = added++;
    int i = size++;
    long[] k = keys;
    Flow[] f = flows;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long pt = k[2 * parent];
      if (pt < timeNanos || (pt == timeNanos && k[2 * parent + 1] < seq)) {
        break;
      }
      k[2 * i] = pt;
      k[2 * i + 1] = k[2 * parent + 1];
      f[i] = f[parent];
      i = parent;
    }
    k[2 * i] = timeNanos;
    k[2 * i + 1] = seq;
    f[i] = flow;
  }

  /** Time of the earliest flow; only when not {@link #isEmpty}. */
  long peekTime() {
    return keys[0];
  }

  /** Removes and returns the earliest flow; only when not {@link #isEmpty}. */
  Flow poll() {
    Flow[] f = flows;
    long[] k = keys;
    Flow head = f[0];
    int n = --size;
    long t = k[2 * n];
    long seq = k[2 * n + 1];
    Flow last = f[n];
    f[n] = null;
    if (n > 0) {
      int i = 0;
      int half = n >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        long ct = k[2 * child];
        long cs = k[2 * child + 1];
        if (right < n) {
          long rt = k[2 * right];
          long rs = k[2 * right + 1];
          if (rt < ct || (rt == ct && rs < cs)) {
            child = right;
            ct = rt;
            cs = rs;
          }
        }
        if (t < ct || (t == ct && seq < cs)) {
          break;
        }
        k[2 * i] = ct;
        k[2 * i + 1] = cs;
        f[i] = f[child];
        i = child;
      }
      k[2 * i] = t;
      k[2 * i + 1] = seq;
      f[i] = last;
    }
    return head;
  }
}
