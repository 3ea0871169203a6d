package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.lru.LruList;

/**
 * One connection edge (client node to server node) and its metrics: a ring of {@value #BUCKETS} time buckets covering
 * the metric window (flows, failures, connection starts, protocols seen, and measured flows, bytes and packets per
 * bucket), plus what the window does not bound: last-seen times, totals per protocol since the edge appeared (flows,
 * connection starts, measured bytes, drops; {@link WorkloadTotals} keeps them when the edge goes), drop reasons and an
 * L7 summary.
 *
 * <p>Memory, measured by {@code EdgeMetricsBenchmark memory}: about 570 bytes per edge with its map entries and its
 * share of the nodes, 340 more once the edge carries measured sizes (of which some 45 are the totals of its one
 * protocol: each protocol that had connection starts, measured bytes or drops costs 24 bytes of {@link #totals}, plus
 * the array's 16 once), plus the bounded L7 and drop-reason counters (at most 32 keys each) on edges that have them.
 */
final class EdgeState extends LruList.Node<EdgeState> {
  static final int BUCKETS = 12;
  static final int PROTOCOLS = Protocol.values().length;
  static final int TOP_TRACKED = 32;
  /** Per slot in {@link #ring}: bucket number; flows (high 32 bits) and failures; starts (high) and protocol mask. */
  private static final int STRIDE = 3;
  private static final int TOTALS = BUCKETS * STRIDE;
  private static final long ONE_HIGH = 1L << 32;
  private static final int MEASURED = 0;
  private static final int BYTES = 1;
  private static final int PACKETS = 2;
  private static final int LONGS = 3;
  /** Per protocol in {@link #totals}: connection starts, measured bytes, drops. */
  private static final int STARTS = 0;
  private static final int BYTE_TOTAL = 1;
  private static final int DROPS = 2;
  private static final int TOTAL_LONGS = 3;

  final NodeState client;
  final NodeState server;

  long lastRequest = Long.MIN_VALUE;
  long lastReply = Long.MIN_VALUE;

  /**
   * The window's buckets and then the protocol totals, in one array so that a flow touches one object (two cache
   * lines) of its edge: the slot of bucket {@code b} is {@code b mod BUCKETS}; an empty slot holds bucket
   * {@link Long#MIN_VALUE}.
   */
  private final long[] ring = new long[TOTALS + PROTOCOLS];
  /** Measured flows, bytes and packets per slot; allocated on the first measured flow (plain Cilium has none). */
  private long[] sizes;
  /**
   * Connection starts, measured bytes and drops since the edge appeared ({@value #TOTAL_LONGS} longs per protocol, in
   * ordinal order) for the protocols in {@link #totalsMask}, those that had any: most edges have one or two, and an
   * edge with none of them (plain Cilium, no new connection seen) allocates nothing.
   */
  private long[] totals;
  private int totalsMask;
  TopCounter dropReasons;
  TopCounter httpPaths;
  TopCounter httpCodes;
  TopCounter dnsNames;

  EdgeState(NodeState client, NodeState server) {
    this.client = client;
    this.server = server;
    this.lastSeen = Long.MIN_VALUE;
    for (int slot = 0; slot < BUCKETS; slot++) {
      ring[slot * STRIDE] = Long.MIN_VALUE;
    }
  }

  /**
   * Adds one flow to bucket {@code bucket} (absolute number); false, changing nothing, when that bucket's slot
   * already holds a newer bucket (the flow is older than the ring).
   */
  boolean add(long timeNanos, long bucket, boolean reply, boolean failed, boolean connectionStart, Protocol protocol,
      long bytes, long packets) {
    long[] r = ring;
    int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
    int at = slot * STRIDE;
    long held = r[at];
    if (held != bucket) {
      if (held > bucket) {
        return false;
      }
      r[at] = bucket;
      r[at + 1] = 0;
      r[at + 2] = 0;
      if (sizes != null) {
        sizes[slot * LONGS + MEASURED] = 0;
        sizes[slot * LONGS + BYTES] = 0;
        sizes[slot * LONGS + PACKETS] = 0;
      }
    }
    r[at + 1] += failed ? ONE_HIGH + 1 : ONE_HIGH;
    r[at + 2] = (r[at + 2] + (connectionStart ? ONE_HIGH : 0)) | (1L << protocol.ordinal());
    r[TOTALS + protocol.ordinal()]++;
    if (connectionStart || bytes > 0) {
      int t = totalsAt(protocol.ordinal());
      if (connectionStart) {
        totals[t + STARTS]++;
      }
      if (bytes > 0) {
        totals[t + BYTE_TOTAL] += bytes;
      }
    }
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
    long[] r = ring;
    for (int slot = 0; slot < BUCKETS; slot++) {
      int at = slot * STRIDE;
      if (r[at] < firstBucket) {
        continue;
      }
      into.flows += r[at + 1] >>> 32;
      into.errors += (int) r[at + 1];
      into.connections += r[at + 2] >>> 32;
      into.protocolMask |= (int) r[at + 2];
      if (sizes != null) {
        int s = slot * LONGS;
        into.measuredFlows += sizes[s + MEASURED];
        into.bytes += sizes[s + BYTES];
        into.packets += sizes[s + PACKETS];
      }
    }
  }

  /** Flows per protocol (by ordinal) since the edge appeared. */
  long[] protocolTotals() {
    return java.util.Arrays.copyOfRange(ring, TOTALS, TOTALS + PROTOCOLS);
  }

  /** Where protocol {@code p}'s totals start in {@link #totals}, making room for them if it had none. */
  private int totalsAt(int p) {
    int bit = 1 << p;
    int at = Integer.bitCount(totalsMask & (bit - 1)) * TOTAL_LONGS;
    if ((totalsMask & bit) == 0) {
      long[] grown = new long[(Integer.bitCount(totalsMask) + 1) * TOTAL_LONGS];
      if (totals != null) {
        System.arraycopy(totals, 0, grown, 0, at);
        System.arraycopy(totals, at, grown, at + TOTAL_LONGS, totals.length - at);
      }
      totals = grown;
      totalsMask |= bit;
    }
    return at;
  }

  private long total(int p, int which) {
    int bit = 1 << p;
    return (totalsMask & bit) == 0 ? 0 : totals[Integer.bitCount(totalsMask & (bit - 1)) * TOTAL_LONGS + which];
  }

  /** Flows of protocol {@code p} (ordinal) since the edge appeared. */
  long flowTotal(int p) {
    return ring[TOTALS + p];
  }

  /** Connection starts of protocol {@code p} since the edge appeared. */
  long connectionTotal(int p) {
    return total(p, STARTS);
  }

  /** Measured bytes of protocol {@code p} since the edge appeared (0 when none was measured). */
  long byteTotal(int p) {
    return total(p, BYTE_TOTAL);
  }

  /** Dropped or errored flows of protocol {@code p} since the edge appeared. */
  long dropTotal(int p) {
    return total(p, DROPS);
  }

  /** Counts a dropped (or errored) flow of {@code protocol}, already added, by reason and in the totals. */
  void countDrop(String reason, Protocol protocol) {
    int t = totalsAt(protocol.ordinal()); // before reading the field: it may grow the array
    totals[t + DROPS]++;
    countDrop(reason);
  }

  private void countDrop(String reason) {
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
