package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Protocol;
import java.util.Arrays;

/**
 * One connection edge (client node to server node) and its metrics: a ring of {@value #BUCKETS} time buckets covering
 * the metric window (flows, failures, connection starts, protocols seen, and measured flows, bytes and packets per
 * bucket), plus what the window does not bound: last-seen times, protocol totals, drop reasons and an L7 summary.
 *
 * <p>Memory: about 600 bytes per edge (ring, totals, links, map entries), plus 300 once the edge carries measured
 * sizes, plus the bounded L7 and drop-reason counters on edges that have them (see {@code EdgeMetricsBenchmark}).
 */
final class EdgeState {
  static final int BUCKETS = 12;
  static final int PROTOCOLS = Protocol.values().length;
  private static final int FLOWS = 0;
  private static final int ERRORS = 1;
  private static final int CONNS = 2;
  private static final int PROTO_MASK = 3;
  private static final int INTS = 4;
  private static final int MEASURED = 0;
  private static final int BYTES = 1;
  private static final int PACKETS = 2;
  private static final int LONGS = 3;
  static final int TOP_TRACKED = 32;

  final NodeState client;
  final NodeState server;
  EdgeState prev;
  EdgeState next;

  long lastSeen = Long.MIN_VALUE;
  long lastRequest = Long.MIN_VALUE;
  long lastReply = Long.MIN_VALUE;

  /** Absolute bucket number held by each slot, or {@link Long#MIN_VALUE} when empty. */
  private final long[] bucketNo = new long[BUCKETS];
  private final int[] counts = new int[BUCKETS * INTS];
  /** Allocated on the first measured flow: plain Cilium never measures sizes. */
  private long[] sizes;
  final long[] protocolTotals = new long[PROTOCOLS];
  TopCounter dropReasons;
  TopCounter httpPaths;
  TopCounter httpCodes;
  TopCounter dnsNames;

  EdgeState(NodeState client, NodeState server) {
    this.client = client;
    this.server = server;
    Arrays.fill(bucketNo, Long.MIN_VALUE);
  }

  /**
   * Adds one flow to bucket {@code bucket} (absolute number); false, changing nothing, when that bucket's slot
   * already holds a newer bucket (the flow is older than the ring).
   */
  boolean add(long timeNanos, long bucket, boolean reply, boolean failed, boolean connectionStart, Protocol protocol,
      long bytes, long packets) {
    int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
    long held = bucketNo[slot];
    if (held != bucket) {
      if (held > bucket) {
        return false;
      }
      bucketNo[slot] = bucket;
      Arrays.fill(counts, slot * INTS, slot * INTS + INTS, 0);
      if (sizes != null) {
        Arrays.fill(sizes, slot * LONGS, slot * LONGS + LONGS, 0);
      }
    }
    int c = slot * INTS;
    counts[c + FLOWS]++;
    if (failed) {
      counts[c + ERRORS]++;
    }
    if (connectionStart) {
      counts[c + CONNS]++;
    }
    counts[c + PROTO_MASK] |= 1 << protocol.ordinal();
    protocolTotals[protocol.ordinal()]++;
    if (bytes >= 0) {
      if (sizes == null) {
        sizes = new long[BUCKETS * LONGS];
      }
      int s = slot * LONGS;
      sizes[s + MEASURED]++;
      sizes[s + BYTES] += bytes;
      if (packets >= 0) {
        sizes[s + PACKETS] += packets;
      }
    }
    if (timeNanos > lastSeen) {
      lastSeen = timeNanos;
    }
    if (reply) {
      if (timeNanos > lastReply) {
        lastReply = timeNanos;
      }
    } else if (timeNanos > lastRequest) {
      lastRequest = timeNanos;
    }
    return true;
  }

  /** Adds the window's buckets (absolute numbers {@code firstBucket} and later) into {@code into}. */
  void sumWindow(long firstBucket, WindowSums into) {
    for (int slot = 0; slot < BUCKETS; slot++) {
      if (bucketNo[slot] < firstBucket) {
        continue;
      }
      int c = slot * INTS;
      into.flows += counts[c + FLOWS];
      into.errors += counts[c + ERRORS];
      into.connections += counts[c + CONNS];
      into.protocolMask |= counts[c + PROTO_MASK];
      if (sizes != null) {
        int s = slot * LONGS;
        into.measuredFlows += sizes[s + MEASURED];
        into.bytes += sizes[s + BYTES];
        into.packets += sizes[s + PACKETS];
      }
    }
  }

  void countDrop(String reason) {
    if (dropReasons == null) {
      dropReasons = new TopCounter(TOP_TRACKED);
    }
    dropReasons.add(reason);
  }

  void countHttpPath(String path) {
    if (httpPaths == null) {
      httpPaths = new TopCounter(TOP_TRACKED);
    }
    httpPaths.add(path);
  }

  void countHttpCode(int code) {
    if (httpCodes == null) {
      httpCodes = new TopCounter(TOP_TRACKED);
    }
    httpCodes.add(Integer.toString(code));
  }

  void countDnsName(String name) {
    if (dnsNames == null) {
      dnsNames = new TopCounter(TOP_TRACKED);
    }
    dnsNames.add(name);
  }
}
