package io.networkvisualizer.anomaly;

import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.metrics.NodeNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DNS anomaly: one source (a pod, or another endpoint) sends more than {@code dnsQueryThreshold} (100) DNS queries
 * within a minute. Needs no baseline.
 *
 * <p><b>Each query once.</b> A query can be seen twice: as Cilium's DNS proxy's L7 request record and as the L3/L4
 * packet to port 53 (double observations of one packet are already skipped, as the graph skips them). So the two
 * kinds are counted apart, per 5 s interval, and an interval counts the larger of the two: L7 DNS requests, or
 * UDP flows to port 53 that are not replies plus TCP connection starts to port 53. A source seen answering DNS (a
 * DNS server or forwarder, such as node-local-dns) is not judged: querying upstream is its job. Severity: medium past
 * the threshold, high from three times it, critical from ten times; score = (queries / threshold) / 10.
 */
final class DnsAnomalyDetector implements Detector {
  private static final int DNS_PORT = 53;
  private static final long MINUTE_NANOS = 60_000_000_000L;

  /** A source's queries in the intervals of the last minute (a ring indexed by interval). */
  static final class Queries {
    final int[] l7;
    final int[] l4;
    long lastTick = Long.MIN_VALUE;
    String lastQuery = "";
    Peer lastServer;

    Queries(int intervals) {
      l7 = new int[intervals];
      l4 = new int[intervals];
    }

    /** Moves the ring to interval {@code tick}, clearing intervals that passed without queries. */
    void advance(long tick) {
      if (lastTick == Long.MIN_VALUE) {
        lastTick = tick;
        return;
      }
      long steps = Math.min(tick - lastTick, l7.length);
      for (long i = 1; i <= steps; i++) {
        int slot = (int) Math.floorMod(lastTick + i, (long) l7.length);
        l7[slot] = 0;
        l4[slot] = 0;
      }
      if (tick > lastTick) {
        lastTick = tick;
      }
    }

    int slot(long tick) {
      return (int) Math.floorMod(tick, (long) l7.length);
    }

    /** Queries in the ring: per interval the larger of the two counts. */
    long count() {
      long sum = 0;
      for (int i = 0; i < l7.length; i++) {
        sum += Math.max(l7[i], l4[i]);
      }
      return sum;
    }
  }

  private final int threshold;
  private final int intervals;
  private final List<Peer> tracked = new ArrayList<>();
  /** {@link #tracked} is pruned of removed peers past this size, so a flood of sources between ticks stays bounded. */
  private final int maxTracked;

  DnsAnomalyDetector(AnomalyEngine.Options options) {
    this.maxTracked = 2 * options.maxTracked();
    this.threshold = options.dnsQueryThreshold();
    this.intervals = (int) (MINUTE_NANOS / AnomalyEngine.TICK_NANOS);
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.DNS_ANOMALY;
  }

  @Override
  public void observe(Observation o) {
    L7 l7 = o.flow.l7();
    if (l7 != null) {
      Dns dns = l7.dns();
      if (dns == null) {
        return;
      }
      o.server.servesDns = true;
      if (l7.type() == L7.Type.REQUEST && !o.reply) {
        Queries q = queries(o.client, o.tick);
        q.l7[q.slot(o.tick)]++;
        if (!dns.query().isEmpty()) {
          q.lastQuery = dns.query();
        }
        q.lastServer = o.server;
      }
      return;
    }
    if (o.reply || o.serverPort() != DNS_PORT) {
      return;
    }
    L4Protocol l4 = o.flow.l4();
    if (l4 == L4Protocol.UDP || (l4 == L4Protocol.TCP && NodeNames.isTcpOpen(o.flow, false))) {
      o.server.servesDns = true;
      Queries q = queries(o.client, o.tick);
      q.l4[q.slot(o.tick)]++;
      q.lastServer = o.server;
    }
  }

  private Queries queries(Peer source, long tick) {
    Queries q = source.dns;
    if (q == null) {
      q = new Queries(intervals);
      source.dns = q;
      tracked.add(source);
      if (tracked.size() > maxTracked) {
        tracked.removeIf(p -> p.removed || p.dns == null);
      }
    }
    q.advance(tick);
    return q;
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    Iterator<Peer> it = tracked.iterator();
    while (it.hasNext()) {
      Peer source = it.next();
      Queries q = source.dns;
      if (source.removed || q == null) {
        it.remove();
        continue;
      }
      q.advance(tick.index());
      long count = q.count();
      if (count > threshold && !source.servesDns) {
        out.add(finding(source, q, count));
      }
      if (count == 0) {
        source.dns = null;
        it.remove();
      }
    }
  }

  private Finding finding(Peer source, Queries q, long count) {
    double past = count / (double) threshold;
    Severity severity = past >= 10 ? Severity.CRITICAL : past >= 3 ? Severity.HIGH : Severity.MEDIUM;
    Map<String, String> details = new LinkedHashMap<>();
    details.put("queries", Long.toString(count));
    details.put("window", "1m");
    details.put("unit", "queries/min");
    if (!q.lastQuery.isEmpty()) {
      details.put("example_query", q.lastQuery);
    }
    Peer server = q.lastServer;
    if (server != null) {
      details.put("dns_server", server.label());
    }
    String description = source.label() + " sent " + count + " DNS queries in the last minute (threshold "
        + threshold + ")" + (q.lastQuery.isEmpty() ? "" : ", e.g. " + q.lastQuery)
        + (server == null ? "" : ", to " + server.label());
    return new Finding(type(), type().apiName() + ":" + source.podOrNode(), severity, description,
        source.podOrNode(), server == null ? "" : server.podOrNode(), source.name.nodeId(),
        server == null ? "" : server.name.nodeId(), count, 0, threshold, details, past / 10, false);
  }

  @Override
  public String status(EngineState state) {
    return state.startNanos() < 0 ? "waiting for flows" : "active";
  }
}
