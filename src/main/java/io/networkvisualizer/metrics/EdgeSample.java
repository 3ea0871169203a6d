package io.networkvisualizer.metrics;

import java.util.List;
import java.util.Map;

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
  final Map<String, Long> dropReasons;
  final Map<String, Long> httpPaths;
  final Map<String, Long> httpCodes;
  final Map<String, Long> dnsNames;

  EdgeSample(EdgeState e, long firstBucket) {
    client = e.client;
    server = e.server;
    clientLastSeen = e.client.lastSeen;
    serverLastSeen = e.server.lastSeen;
    clientNodeNames = e.client.nodeNames();
    serverNodeNames = e.server.nodeNames();
    e.sumWindow(firstBucket, sums);
    lastSeen = e.lastSeen;
    lastRequest = e.lastRequest;
    lastReply = e.lastReply;
    protocolTotals = e.protocolTotals.clone();
    dropReasons = e.dropReasons == null ? Map.of() : e.dropReasons.copy();
    httpPaths = e.httpPaths == null ? Map.of() : e.httpPaths.copy();
    httpCodes = e.httpCodes == null ? Map.of() : e.httpCodes.copy();
    dnsNames = e.dnsNames == null ? Map.of() : e.dnsNames.copy();
  }
}
