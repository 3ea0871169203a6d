package io.networkvisualizer.anomaly;

import io.networkvisualizer.lru.LruList;

/**
 * An edge at the workload level (client workload to server node, replicas merged), with its traffic in 5 s intervals
 * over the detection window and its baseline.
 *
 * <p><b>Window.</b> A ring of the last {@code windowTicks} closed intervals, with running sums; the current value of
 * a rate is the window's sum over its length (the metric window, 60 s by default).
 *
 * <p><b>Baseline.</b> Moving averages of flows/s and bytes/s per interval, learned from each interval as it leaves
 * the window (so an anomaly caught within the window has not been learned yet), over the baseline horizon: for the
 * first {@code n} intervals the plain mean ({@code alpha = 1/n}), then {@code alpha = interval / horizon}. Intervals
 * are not learned when the whole stream was silent (a source outage is not this edge's behaviour) or while a spike or
 * drop is active on the edge (tainted), for at most the horizon: an anomaly that lasts longer becomes the new normal.
 */
final class EdgeState extends LruList.Node<EdgeState> {
  static final byte TAINTED = 1;
  static final byte SILENT = 2;

  final WorkloadState client;
  final String serverNodeId;
  /** The latest server peer (one of the server workload's pods, or the outside node). */
  Peer server;
  final long firstSeen;

  // the open interval
  int flows;
  int failures;
  int http5xx;
  int measured;
  long bytes;

  // the window
  private final int[] ringFlows;
  private final int[] ringFailures;
  private final int[] ringHttp5xx;
  private final int[] ringMeasured;
  private final long[] ringBytes;
  private final byte[] ringFlags;
  private int head;
  private int filled;
  long windowFlows;
  long windowFailures;
  long windowHttp5xx;
  long windowMeasured;
  long windowBytes;
  int windowSilent;

  // the baseline
  double baseFlowsPerSec;
  double baseBytesPerSec;
  /** Share of learned intervals with traffic whose sizes were measured: over 1/2, the edge is judged on bytes. */
  double baseMeasuredShare;
  long learned;
  /** Start of the spike, or of the drop, now seen on the edge, or -1: while either is, intervals are tainted. */
  long spikeSince = -1;
  long dropSince = -1;
  /** The edge was judged at its normal level (not dropped) at least once since it warmed up. */
  boolean normalSinceWarm;

  // per-flow detectors' baseline and state
  int protocolsLearned;
  boolean destinationKnown;
  UnusualProtocolDetector.Novelty novelty;
  /** Set when removed from its table, so that holders of a stale reference notice. */
  boolean removed;

  // which pods the traffic (and the failures) came from: one pair, or several within the window
  Peer lastClient;
  Peer lastServer;
  long pairsMixedTick = Long.MIN_VALUE;
  /** The pod pairs that failed most over about the last window (null until a failure). */
  FailingPairs failingPairs;

  EdgeState(WorkloadState client, Peer server, long firstSeen, int windowTicks) {
    this.client = client;
    this.server = server;
    this.serverNodeId = server.name.nodeId();
    this.firstSeen = firstSeen;
    this.lastSeen = firstSeen;
    ringFlows = new int[windowTicks];
    ringFailures = new int[windowTicks];
    ringHttp5xx = new int[windowTicks];
    ringMeasured = new int[windowTicks];
    ringBytes = new long[windowTicks];
    ringFlags = new byte[windowTicks];
  }

  /** Counts one flow of the open interval {@code tick}. */
  void count(Peer clientPeer, Peer serverPeer, boolean failed, boolean is5xx, long flowBytes, long tick) {
    flows++;
    if (failed) {
      failures++;
      if (is5xx) {
        http5xx++;
      }
      if (failingPairs == null) {
        failingPairs = new FailingPairs();
      }
      failingPairs.add(clientPeer, serverPeer);
    }
    if (flowBytes >= 0) {
      measured++;
      bytes += flowBytes;
    }
    if (clientPeer != lastClient || serverPeer != lastServer) {
      if (lastClient != null) {
        pairsMixedTick = tick;
      }
      lastClient = clientPeer;
      lastServer = serverPeer;
    }
    server = serverPeer;
  }

  int windowTicks() {
    return ringFlows.length;
  }

  /** Whether the window holds {@link #windowTicks()} closed intervals. */
  boolean windowFull() {
    return filled == ringFlows.length;
  }

  /**
   * Closes the open interval into the window; the interval leaving the window is learned unless tainted or silent.
   * The closed interval is tainted while an anomaly is active on the edge.
   */
  void closeInterval(boolean silent, boolean tainted, double tickSeconds, double alphaFloor) {
    int n = ringFlows.length;
    if (filled == n) {
      byte flags = ringFlags[head];
      if ((flags & (TAINTED | SILENT)) == 0) {
        learn(ringFlows[head], ringBytes[head], ringMeasured[head], tickSeconds, alphaFloor);
      }
      windowFlows -= ringFlows[head];
      windowFailures -= ringFailures[head];
      windowHttp5xx -= ringHttp5xx[head];
      windowMeasured -= ringMeasured[head];
      windowBytes -= ringBytes[head];
      if ((flags & SILENT) != 0) {
        windowSilent--;
      }
    } else {
      filled++;
    }
    ringFlows[head] = flows;
    ringFailures[head] = failures;
    ringHttp5xx[head] = http5xx;
    ringMeasured[head] = measured;
    ringBytes[head] = bytes;
    ringFlags[head] = (byte) ((silent ? SILENT : 0) | (tainted ? TAINTED : 0));
    windowFlows += flows;
    windowFailures += failures;
    windowHttp5xx += http5xx;
    windowMeasured += measured;
    windowBytes += bytes;
    if (silent) {
      windowSilent++;
    }
    head = (head + 1) % n;
    if (failingPairs != null) {
      failingPairs.fade(1 - 1.0 / n);
    }
    flows = 0;
    failures = 0;
    http5xx = 0;
    measured = 0;
    bytes = 0;
  }

  private void learn(int intervalFlows, long intervalBytes, int intervalMeasured, double tickSeconds,
      double alphaFloor) {
    learned++;
    double alpha = Math.max(1.0 / learned, alphaFloor);
    baseFlowsPerSec += alpha * (intervalFlows / tickSeconds - baseFlowsPerSec);
    baseBytesPerSec += alpha * (intervalBytes / tickSeconds - baseBytesPerSec);
    if (intervalFlows > 0) {
      baseMeasuredShare += alpha * ((intervalMeasured > 0 ? 1 : 0) - baseMeasuredShare);
    }
  }

  /**
   * Whether the interval closing at {@code nowNanos} is part of a spike or drop: yes while one is seen, for at most
   * {@code horizonNanos}, after which the new level is learned as normal.
   */
  boolean tainting(long nowNanos, long horizonNanos) {
    return (spikeSince >= 0 && nowNanos - spikeSince < horizonNanos)
        || (dropSince >= 0 && nowNanos - dropSince < horizonNanos);
  }

  boolean anomalous() {
    return spikeSince >= 0 || dropSince >= 0;
  }

  /** Whether rates may be compared: the edge learned for the warm-up and at least one window's worth. */
  boolean warm(long nowNanos, long warmupNanos) {
    return learned >= ringFlows.length && nowNanos - firstSeen >= warmupNanos;
  }

  /** Marks every interval now in the window as part of an anomaly: none of them will be learned. */
  void taintWindow() {
    for (int i = 0; i < ringFlags.length; i++) {
      ringFlags[i] |= TAINTED;
    }
  }

  /** Whether the edge is judged on measured bytes (most of its learned traffic had sizes) rather than flows. */
  boolean judgedOnBytes() {
    return baseMeasuredShare >= 0.5;
  }

  /** Whether one client pod and one server pod carried the window's traffic. */
  boolean singlePair(long currentTick) {
    return lastClient != null && pairsMixedTick < currentTick - windowTicks() + 1;
  }

  /**
   * The pod pairs behind an edge's failures: a few candidates (Space-Saving, so a pair that fails often always has a
   * slot) with counts that fade by a factor per interval, so they reflect about the last window.
   */
  static final class FailingPairs {
    private static final int SLOTS = 4;
    final Peer[] client = new Peer[SLOTS];
    final Peer[] server = new Peer[SLOTS];
    final double[] score = new double[SLOTS];

    void add(Peer c, Peer s) {
      int min = 0;
      for (int i = 0; i < SLOTS; i++) {
        if (client[i] == c && server[i] == s) {
          score[i]++;
          return;
        }
        if (score[i] < score[min]) {
          min = i;
        }
      }
      client[min] = c;
      server[min] = s;
      score[min] += 1;
    }

    void fade(double factor) {
      for (int i = 0; i < SLOTS; i++) {
        score[i] *= factor;
      }
    }

    /** The slot of the pair with more than half of the (faded) failures, or -1. */
    int dominant() {
      double total = 0;
      int top = 0;
      for (int i = 0; i < SLOTS; i++) {
        total += score[i];
        if (score[i] > score[top]) {
          top = i;
        }
      }
      return total > 0 && score[top] > total / 2 ? top : -1;
    }
  }
}
