package io.networkvisualizer.source.simulator;

import io.networkvisualizer.source.hubble.proto.flow.Flow;
import java.util.Arrays;

/**
 * Flows built ahead of their time, each with the number of the node that reports it, released earliest first and, at
 * equal times, in the order they were added: a binary min-heap over primitive arrays (time, and insertion number with
 * the node number in its low byte, side by side in one {@code long[]}), so that ordering costs no object per flow and
 * no comparator call, and releasing a flow does not touch it. Not thread-safe.
 */
final class PendingFlows {
  static final int MAX_NODE = 255;

  /** {@code keys[2i]} is the time of heap slot i, {@code keys[2i + 1]} its insertion number << 8 | node number. */
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

  /** Adds a flow due at {@code timeNanos}, reported by node number {@code node} (0..255). */
  void add(long timeNanos, int node, Flow flow) {
    if (node < 0 || node > MAX_NODE) {
      throw new IllegalArgumentException("node number must be 0.." + MAX_NODE + " (was " + node + ")");
    }
    if (size == flows.length) {
      flows = Arrays.copyOf(flows, size * 2);
      keys = Arrays.copyOf(keys, size * 4);
    }
    long seq = (added++ << 8) | node;
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

  /** Node number of the earliest flow; only when not {@link #isEmpty}. */
  int peekNode() {
    return (int) (keys[1] & 0xFF);
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
