package io.networkvisualizer.metrics;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.EventClock;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowConsumer;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.TrafficDirection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The graph engine: turns the flow stream into connection edges between pod-level nodes, each with live metrics over
 * the metric window, and answers graph snapshots at the pod, workload or namespace level.
 *
 * <p><b>Edges are connections, client to server.</b> Request and reply flows of one connection go to one edge; the
 * client is told by {@link Observations#isReply}. A packet Hubble reports twice is counted once
 * ({@link Observations#isDouble} gives the rule and its reasons). Per edge, over the window, in event time (the
 * injected {@link EventClock}):
 * <ul>
 *   <li>{@code flows_per_sec}: counted flow events per second;
 *   <li>{@code bytes_per_sec}, {@code packets_per_sec}: only from flows whose source measured sizes
 *       ({@link Flow#bytesMeasured()}), both directions summed; {@code bytes_measured} says whether any flow in the
 *       window had them;
 *   <li>{@code connection_count}: connection starts: a TCP SYN without ACK that is not a reply, or the first flow of a
 *       UDP or SCTP 5-tuple, each 5-tuple counted once while seen within the window ({@link ConnectionTable});
 *   <li>{@code error_rate}: (flows dropped or errored ({@code Verdict.isFailure()}) + HTTP responses with a 5xx code)
 *       / all flows, 0..1;
 *   <li>protocols ({@link Protocol#of}), last seen, active (traffic within the idle timeout), direction, and — since
 *       the edge appeared, bounded — drop reasons and an L7 summary (top HTTP paths, status codes, DNS names).
 * </ul>
 * Windows are rings of 12 buckets per edge; a rate is the window's count divided by the span it covers (from the
 * start of the oldest bucket, 11 buckets back, to now: 55 to 60 s of a 60 s window). A flow up to
 * {@value #MAX_LATENESS_SECONDS} s (at most the window less two buckets) older than now still lands in its bucket;
 * an older one is counted as late and skipped, as is one that far ahead of the clock.
 *
 * <p><b>Bounded.</b> Edges and nodes idle for {@code edgeExpiry} are removed; past {@code maxEdges} /
 * {@code maxNodes} the least recently seen goes first, counted; past {@code maxWorldNodes} outside addresses fold
 * into {@code world/other}, counted; the connection table has a fixed size. A port scan or a flood of new addresses
 * therefore costs bounded memory.
 *
 * <p><b>Cumulative totals for {@code /metrics}.</b> {@link #workloadTotals} gives per workload edge and protocol the
 * flows, connection starts, measured bytes and drops (dropped or errored verdicts) counted since the workload edge
 * appeared, by the same rules as the window metrics. They do not go down when pod-level edges expire or are evicted
 * ({@link WorkloadTotals} keeps what those edges had counted, at most {@code maxEdges} entries); a workload edge idle
 * for {@code edgeExpiry} goes away and starts from zero if seen again.
 *
 * <p><b>Levels.</b> Only pod-level edges are kept; workload and namespace graphs merge them at query time. Keeping
 * three tables would triple the per-flow work (three node lookups per side, three edge updates) to save a query cost
 * of O(edges) that is paid once per UI refresh, not once per flow.
 *
 * <p><b>Threads.</b> One ingest thread calls {@link #onFlow}; HTTP threads call {@link #snapshot} concurrently. One
 * lock guards everything: uncontended (the usual case) it costs the ingest thread some 20 ns per flow, and a reader
 * holds it only to copy each edge's window sums and small counters, then aggregates and renders without it.
 * Per-edge locks would not remove the need to guard the node and edge tables and LRU lists, which change on
 * the ingest path, and would cost more per flow.
 */
public final class EdgeMetrics implements FlowConsumer {
  static final int MAX_LATENESS_SECONDS = 10;
  /** Entries of the connection table: 4 MiB, whatever the traffic. */
  static final int CONNECTION_TABLE_SIZE = 1 << 18;
  private static final int MAX_PATH_LENGTH = 256;

  /**
   * The engine's tuning, from {@link Settings}.
   *
   * @param window metric window ({@code metricWindow})
   * @param idleTimeout an edge or node without traffic this long is inactive ({@code edgeIdleTimeout})
   * @param expiry an edge or node without traffic this long is removed ({@code edgeExpiry})
   * @param errorRateThreshold error rate from which an edge is {@code critical} ({@code errorRateThreshold})
   */
  public record Options(Duration window, Duration idleTimeout, Duration expiry, int maxEdges, int maxNodes,
      int maxWorldNodes, double errorRateThreshold) {
    public Options {
      if (window == null || window.toMillis() < 1000) {
        throw new IllegalArgumentException("window must be at least 1s (was " + window + ")");
      }
      if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive (was " + idleTimeout + ")");
      }
      if (expiry == null || expiry.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("expiry must be at least 1s (was " + expiry + ")");
      }
      if (maxEdges < 1 || maxNodes < 2 || maxWorldNodes < 1) {
        throw new IllegalArgumentException("maxEdges >= 1, maxNodes >= 2 and maxWorldNodes >= 1 required (was "
            + maxEdges + ", " + maxNodes + ", " + maxWorldNodes + ")");
      }
      if (!(errorRateThreshold >= 0 && errorRateThreshold <= 1)) {
        throw new IllegalArgumentException("errorRateThreshold must be 0..1 (was " + errorRateThreshold + ")");
      }
    }

    public static Options from(Config config) {
      return new Options(config.get(Settings.METRIC_WINDOW), config.get(Settings.EDGE_IDLE_TIMEOUT),
          config.get(Settings.EDGE_EXPIRY), config.get(Settings.MAX_EDGES), config.get(Settings.MAX_NODES),
          config.get(Settings.MAX_WORLD_NODES), config.get(Settings.ERROR_RATE_THRESHOLD));
    }

    public static Options defaults() {
      return from(Config.defaults());
    }
  }

  private final Object lock = new Object();
  private final EventClock clock;
  private final Options options;
  private final long bucketNanos;
  private final long windowNanos;
  private final long latenessNanos;
  private final long idleNanos;
  private final long expiryNanos;
  private final WorkloadTotals totals;
  private final EdgeTable edges;
  private final NodeTable nodes;
  private final ConnectionTable connections = new ConnectionTable(CONNECTION_TABLE_SIZE);
  private long nextSweepNanos = Long.MIN_VALUE;
  private long lateFlows;
  private long futureFlows;
  private long doubles;
  private long flowsCounted;

  public EdgeMetrics(EventClock clock, Options options) {
    this.clock = clock;
    this.options = options;
    this.bucketNanos = options.window().toNanos() / EdgeState.BUCKETS;
    this.windowNanos = bucketNanos * EdgeState.BUCKETS;
    this.latenessNanos = Math.min(Duration.ofSeconds(MAX_LATENESS_SECONDS).toNanos(), windowNanos - 2 * bucketNanos);
    this.idleNanos = options.idleTimeout().toNanos();
    this.expiryNanos = options.expiry().toNanos();
    this.totals = new WorkloadTotals(options.maxEdges());
    this.edges = new EdgeTable(options.maxEdges(), totals::retire);
    this.nodes = new NodeTable(options.maxNodes(), options.maxWorldNodes(),
        (node, eviction) -> edges.removeAllOf(node, eviction));
  }

  public Options options() {
    return options;
  }

  @Override
  public void onFlow(Flow flow) {
    synchronized (lock) {
      ingest(flow);
    }
  }

  private void ingest(Flow flow) {
    long now = clock.nowNanos();
    long t = flow.timeNanos();
    if (t < now - latenessNanos) {
      lateFlows++;
      return;
    }
    if (t > now + latenessNanos) {
      futureFlows++;
      return;
    }
    boolean reply = Observations.isReply(flow);
    if (Observations.isDouble(flow, reply)) {
      doubles++;
      if (flow.direction() == TrafficDirection.INGRESS) {
        // Still the only report of where the server pod runs.
        nodes.observedOn(reply ? flow.source() : flow.destination(), flow.nodeName());
      }
      return;
    }
    Endpoint clientEndpoint = reply ? flow.destination() : flow.source();
    Endpoint serverEndpoint = reply ? flow.source() : flow.destination();
    String clientIp = reply ? flow.destinationIp() : flow.sourceIp();
    String serverIp = reply ? flow.sourceIp() : flow.destinationIp();
    List<String> clientNames = reply ? flow.destinationNames() : flow.sourceNames();
    List<String> serverNames = reply ? flow.sourceNames() : flow.destinationNames();

    NodeState client = nodes.resolve(clientEndpoint, clientIp, clientNames, flow.nodeName(), t);
    NodeState server = nodes.resolve(serverEndpoint, serverIp, serverNames, flow.nodeName(), t);
    TrafficDirection direction = flow.direction();
    if (direction == TrafficDirection.EGRESS) {
      client.observedOn(flow.nodeName());
    } else if (direction == TrafficDirection.INGRESS) {
      server.observedOn(flow.nodeName());
    }
    EdgeState edge = edges.touch(client, server);

    L7 l7 = flow.l7();
    Http http = l7 == null ? null : l7.http();
    boolean failed = flow.verdict().isFailure() || (http != null && http.code() >= 500 && http.code() <= 599);
    boolean start = isConnectionStart(flow, reply, clientIp, serverIp, t);
    Protocol protocol = Protocol.of(flow);
    if (!edge.add(t, Math.floorDiv(t, bucketNanos), reply, failed, start, protocol, flow.bytes(), flow.packets())) {
      lateFlows++;
      return;
    }
    flowsCounted++;
    if (flow.verdict().isFailure()) {
      edge.countDrop(flow.dropReason().isPresent() ? flow.dropReason().name() : flow.verdict().name(), protocol);
    }
    if (l7 != null) {
      countL7(edge, l7);
    }
    if (now >= nextSweepNanos) {
      sweep(now);
      nextSweepNanos = now + bucketNanos;
    }
  }

  private boolean isConnectionStart(Flow flow, boolean reply, String clientIp, String serverIp, long t) {
    L4Protocol l4 = flow.l4();
    if (l4 == L4Protocol.TCP) {
      if (!Observations.isTcpOpen(flow, reply)) {
        return false;
      }
    } else if (l4 != L4Protocol.UDP && l4 != L4Protocol.SCTP) {
      return false;
    }
    int clientPort = reply ? flow.destinationPort() : flow.sourcePort();
    int serverPort = reply ? flow.sourcePort() : flow.destinationPort();
    long key = ConnectionTable.key(clientIp, clientPort, serverIp, serverPort, l4.ordinal());
    return connections.firstSeen(key, t, windowNanos);
  }

  private static void countL7(EdgeState edge, L7 l7) {
    boolean response = l7.type() == L7.Type.RESPONSE;
    if (l7.http() != null) {
      Http http = l7.http();
      if (!response) {
        String path = http.path();
        if (!path.isEmpty()) {
          edge.countHttpPath(path.length() > MAX_PATH_LENGTH ? path.substring(0, MAX_PATH_LENGTH) + "..." : path);
        }
      }
      if (http.code() > 0) {
        edge.countHttpCode(http.code());
      }
    } else if (l7.dns() != null && !response && !l7.dns().query().isEmpty()) {
      edge.countDnsName(l7.dns().query());
    }
  }

  /** Removes edges, then nodes, then retired workload totals, idle for longer than the expiry. */
  private void sweep(long now) {
    long cutoff = now - expiryNanos;
    edges.expire(cutoff);
    nodes.expire(cutoff);
    totals.expire(edges.oldest(), cutoff);
  }

  /** The graph now, at the query's level and with its filters. */
  public GraphSnapshot snapshot(GraphQuery query) {
    List<EdgeSample> samples = new ArrayList<>();
    long now;
    GraphSnapshot.Stats stats;
    long windowStart;
    synchronized (lock) {
      now = clock.nowNanos();
      long firstBucket = Math.floorDiv(now, bucketNanos) - EdgeState.BUCKETS + 1;
      windowStart = firstBucket * bucketNanos;
      long expiredBefore = now - expiryNanos;
      for (EdgeState e = edges.oldest(); e != null; e = e.next()) {
        if (e.lastSeen() < expiredBefore) {
          continue;
        }
        if (!query.includeInactive() && now - e.lastSeen() > idleNanos) {
          continue;
        }
        if (query.hasFilters() && !query.matches(e.client) && !query.matches(e.server)) {
          continue;
        }
        samples.add(new EdgeSample(e, firstBucket));
      }
      stats = statsLocked();
    }
    GraphBuilder builder = new GraphBuilder(query.level(), now, windowStart, idleNanos, options.errorRateThreshold());
    for (EdgeSample sample : samples) {
      builder.add(sample);
    }
    return builder.build(options.window().toMillis() / 1000.0, stats);
  }

  /**
   * The cumulative totals of every workload edge (source and destination as {@code /api/graph?level=workload} names
   * its nodes) per protocol (as the API names it), for {@code /metrics}: a consistent copy, O(edges) under the lock.
   */
  public Collection<EdgeTotals> workloadTotals() {
    synchronized (lock) {
      return totals.read(edges.oldest(), clock.nowNanos() - expiryNanos);
    }
  }

  /** The engine's counters. */
  public GraphSnapshot.Stats stats() {
    synchronized (lock) {
      return statsLocked();
    }
  }

  private GraphSnapshot.Stats statsLocked() {
    return new GraphSnapshot.Stats(nodes.size(), edges.size(), edges.evicted, nodes.evicted, nodes.worldFolded,
        lateFlows, doubles, futureFlows, flowsCounted, edges.expired, nodes.expired, connections.displacedLive(),
        totals.dropped);
  }
}
