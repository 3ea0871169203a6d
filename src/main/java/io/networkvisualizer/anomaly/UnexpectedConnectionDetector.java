package io.networkvisualizer.anomaly;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Unexpected connection: a source workload reaches a destination it never reached during its baseline. Sources and
 * destinations are compared as workloads, not pods, so a new replica on either side is no news; outside addresses
 * without a DNS name count as one destination ({@code world}), as do hosts, so an outside service behind changing
 * addresses is not new every time. Connection attempts that were denied count too. A source learns its destinations
 * for the warm-up from when it is first seen; a new destination is reported while traffic to it continues, as one
 * anomaly per source and destination, for a probation as long as the warm-up, then learned. Severity: high when the
 * destination is in another namespace or outside the cluster, else medium.
 */
final class UnexpectedConnectionDetector implements Detector {
  /** Destinations in probation per source; more are counted, not tracked. */
  static final int MAX_NEW_PER_SOURCE = 64;

  /** One destination in probation. */
  static final class NewDestination {
    final String key;
    final long since;
    long flows;
    long failed;
    int intervalFlows;
    Peer client;
    Peer server;

    NewDestination(String key, long since) {
      this.key = key;
      this.since = since;
    }
  }

  /** A source's destinations in probation, in the order first seen. */
  static final class NewDestinations {
    final LinkedHashMap<String, NewDestination> byKey = new LinkedHashMap<>();
  }

  private final long warmupNanos;
  private final LinkedHashSet<WorkloadState> tracked = new LinkedHashSet<>();
  /** {@link #tracked} is pruned of removed sources past this size, so a flood of sources stays bounded. */
  private final int maxTracked;
  private long notTracked;
  private long unjudged;

  UnexpectedConnectionDetector(AnomalyEngine.Options options) {
    this.warmupNanos = options.warmup().toNanos();
    this.maxTracked = 2 * options.maxTracked();
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.UNEXPECTED_CONNECTION;
  }

  @Override
  public void observe(Observation o) {
    EdgeState e = o.edge;
    if (e.destinationKnown) {
      return;
    }
    WorkloadState w = o.source;
    String key = o.server.destinationKey;
    if (w.destinations.contains(key)) {
      e.destinationKnown = true;
      return;
    }
    if (w.learning(o.timeNanos, warmupNanos) || w.destinationsFull) {
      if (!w.learnDestination(key)) {
        unjudged++;
      }
      e.destinationKnown = true;
      return;
    }
    NewDestinations nd = w.newDestinations;
    if (nd == null) {
      nd = new NewDestinations();
      w.newDestinations = nd;
      tracked.add(w);
      if (tracked.size() > maxTracked) {
        tracked.removeIf(t -> t.removed || t.newDestinations == null);
      }
    }
    NewDestination d = nd.byKey.get(key);
    if (d == null) {
      if (nd.byKey.size() >= MAX_NEW_PER_SOURCE) {
        notTracked++;
        return;
      }
      d = new NewDestination(key, o.timeNanos);
      nd.byKey.put(key, d);
    }
    d.flows++;
    d.intervalFlows++;
    if (o.failed) {
      d.failed++;
    }
    d.client = o.client;
    d.server = o.server;
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    Iterator<WorkloadState> it = tracked.iterator();
    while (it.hasNext()) {
      WorkloadState w = it.next();
      NewDestinations nd = w.newDestinations;
      if (w.removed || nd == null) {
        it.remove();
        continue;
      }
      Iterator<NewDestination> ds = nd.byKey.values().iterator();
      while (ds.hasNext()) {
        NewDestination d = ds.next();
        if (d.intervalFlows > 0) {
          out.add(finding(w, d));
          d.intervalFlows = 0;
        }
        if (tick.endNanos() - d.since >= warmupNanos) {
          w.learnDestination(d.key);
          ds.remove();
        }
      }
      if (nd.byKey.isEmpty()) {
        w.newDestinations = null;
        it.remove();
      }
    }
  }

  private Finding finding(WorkloadState w, NewDestination d) {
    boolean elsewhere = d.server.name.isOutside() || !d.server.name.namespace().equals(w.namespace);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("destination", d.key);
    details.put("known_destinations", Integer.toString(w.destinations.size()));
    details.put("first_seen", Formats.time(d.since));
    details.put("flows", Long.toString(d.flows));
    details.put("failed", Long.toString(d.failed));
    details.put("unit", "flows/s");
    String description = d.client.label() + " reached " + d.server.label() + " (" + Formats.node(d.server.name
        .nodeId()) + "), a destination " + w.label + " never reached during its baseline of "
        + w.destinations.size() + " destinations (" + d.flows + " flows since " + Formats.time(d.since)
        + (d.failed > 0 ? ", " + d.failed + " of them dropped or failed" : "") + ")";
    String key = type().apiName() + ":" + w.nodeId + "->" + d.key;
    return new Finding(type(), key, elsewhere ? Severity.HIGH : Severity.MEDIUM, description, d.client.podOrNode(),
        d.server.podOrNode(), w.nodeId, d.server.name.nodeId(), d.intervalFlows / AnomalyEngine.TICK_SECONDS, 0, 0,
        details, elsewhere ? 0.7 : 0.5, false);
  }

  @Override
  public String status(EngineState state) {
    String base = Detectors.baselineStatus(state, warmupNanos);
    if (notTracked > 0 || unjudged > 0) {
      base += "; " + notTracked + " new destinations beyond " + MAX_NEW_PER_SOURCE + " per source not tracked, "
          + unjudged + " flows from sources with more than " + WorkloadState.MAX_DESTINATIONS
          + " destinations not judged";
    }
    return base;
  }
}
