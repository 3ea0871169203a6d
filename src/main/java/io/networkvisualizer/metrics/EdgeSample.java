package io.networkvisualizer.metrics;

import java.util.List;

/**
 * What a snapshot needs of one pod-level edge, copied under the engine's lock so that aggregation and rendering run
 * without it: window sums, times, protocol totals, bounded counters, and the mutable parts of both nodes.
 */
final class EdgeSample {
  final NodeState client;
  final NodeState server;
  final long clientLastSeen;
  final long serverLastSeen;
  final List<String> clientNodeNames;
  final List<String> serverNodeNames;
  final WindowSums sums = new WindowSums();
  final long lastSeen;
  final long lastRequest;
  final long lastReply;
  final long[] protocolTotals;
  final TopCounter.Counts dropReasons;
  final TopCounter.Counts httpPaths;
  final TopCounter.Counts httpCodes;
  final TopCounter.Counts dnsNames;

  EdgeSample(EdgeState e, long firstBucket) {
    client = e.client;
    server = e.server;
    clientLastSeen = e.client.lastSeen();
    serverLastSeen = e.server.lastSeen();
    clientNodeNames = e.client.nodeNames();
    serverNodeNames = e.server.nodeNames();
    e.sumWindow(firstBucket, sums);
    lastSeen = e.lastSeen();
    lastRequest = e.lastRequest;
    lastReply = e.lastReply;
    protocolTotals = e.protocolTotals();
    dropReasons = copy(e.dropReasons);
    httpPaths = copy(e.httpPaths);
    httpCodes = copy(e.httpCodes);
    dnsNames = copy(e.dnsNames);
  }

  private static TopCounter.Counts copy(TopCounter counter) {
    return counter == null ? TopCounter.Counts.NONE : counter.copy();
  }
}
