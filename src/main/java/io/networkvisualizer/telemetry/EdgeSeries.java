package io.networkvisualizer.telemetry;

import io.networkvisualizer.metrics.EdgeTotals;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-edge counters of {@code /metrics} ({@code network_visualizer_edge_{bytes,flows,connections,drops}_total}
 * with {@code source}, {@code destination} and {@code protocol} labels), read from the metrics engine at each scrape
 * and capped at a number of series.
 *
 * <p>Which edges get a series: those exported at the previous scrape and still present keep theirs (a series does not
 * flap in and out); the room left goes to new edges with the most flows. An edge left out is refused, and counted in
 * {@code network_visualizer_edge_series_refused_total} once, when it is first refused (not at every scrape); an edge
 * that disappears frees its series. Memory is bounded by the edges the engine itself keeps.
 */
final class EdgeSeries implements MultiCollector {
  private static final Logger log = LoggerFactory.getLogger(EdgeSeries.class);

  static final String BYTES = "network_visualizer_edge_bytes";
  static final String FLOWS = "network_visualizer_edge_flows";
  static final String CONNECTIONS = "network_visualizer_edge_connections";
  static final String DROPS = "network_visualizer_edge_drops";
  static final String REFUSED = "network_visualizer_edge_series_refused";
  static final String EXPORTED = "network_visualizer_edge_series";
  static final String LIMIT = "network_visualizer_edge_series_limit";

  private record Key(String source, String destination, String protocol) {}

  private static final class Totals {
    long bytes;
    long flows;
    long connections;
    long drops;
  }

  private final Supplier<? extends Collection<EdgeTotals>> edges;
  private final int maxSeries;
  private Set<Key> exported = Set.of();
  private Set<Key> refusedLastTime = Set.of();
  private long refused;
  private long failures;

  EdgeSeries(Supplier<? extends Collection<EdgeTotals>> edges, int maxSeries) {
    if (maxSeries < 0) {
      throw new IllegalArgumentException("prometheusMaxSeries must be >= 0 (was " + maxSeries + ")");
    }
    this.edges = edges;
    this.maxSeries = maxSeries;
  }

  @Override
  public synchronized MetricSnapshots collect() {
    Map<Key, Totals> totals = read();
    List<Key> kept = new ArrayList<>();
    List<Key> candidates = new ArrayList<>();
    for (Key key : totals.keySet()) {
      (exported.contains(key) ? kept : candidates).add(key);
    }
    Comparator<Key> biggestFirst = Comparator.<Key>comparingLong(k -> totals.get(k).flows).reversed()
        .thenComparing(Comparator.<Key>comparingLong(k -> totals.get(k).bytes).reversed())
        .thenComparing(Key::source).thenComparing(Key::destination).thenComparing(Key::protocol);
    if (kept.size() > maxSeries) {
      kept.sort(biggestFirst);
      candidates.addAll(kept.subList(maxSeries, kept.size()));
      kept = new ArrayList<>(kept.subList(0, maxSeries));
    }
    candidates.sort(biggestFirst);
    int room = maxSeries - kept.size();
    Set<Key> nowExported = new HashSet<>(kept);
    Set<Key> nowRefused = new HashSet<>();
    for (Key key : candidates) {
      if (room > 0) {
        nowExported.add(key);
        room--;
      } else {
        nowRefused.add(key);
        if (!refusedLastTime.contains(key)) {
          refused++;
        }
      }
    }
    exported = nowExported;
    refusedLastTime = nowRefused;
    return snapshots(totals);
  }

  private Map<Key, Totals> read() {
    Collection<EdgeTotals> samples;
    try {
      samples = edges.get();
    } catch (RuntimeException e) {
      if (failures++ % 100 == 0) {
        log.warn("reading edge totals for /metrics failed ({} times so far); exporting no edge series this scrape",
            failures, e);
      }
      return Map.of();
    }
    Map<Key, Totals> totals = new LinkedHashMap<>();
    if (samples == null) {
      return totals;
    }
    for (EdgeTotals sample : samples) {
      // Two samples of one labelled edge would be a duplicate series, which Prometheus rejects: add them up.
      Totals t = totals.computeIfAbsent(
          new Key(sample.sourceWorkload(), sample.destWorkload(), sample.protocol()), k -> new Totals());
      t.bytes += sample.bytes();
      t.flows += sample.flows();
      t.connections += sample.connections();
      t.drops += sample.drops();
    }
    return totals;
  }

  private MetricSnapshots snapshots(Map<Key, Totals> totals) {
    CounterSnapshot.Builder bytes = CounterSnapshot.builder().name(BYTES).unit(Unit.BYTES)
        .help("Measured bytes per workload edge, since the edge was first seen (0 where the source measures none)");
    CounterSnapshot.Builder flows = CounterSnapshot.builder().name(FLOWS)
        .help("Flow events per workload edge, since the edge was first seen");
    CounterSnapshot.Builder connections = CounterSnapshot.builder().name(CONNECTIONS)
        .help("Connection starts per workload edge, since the edge was first seen");
    CounterSnapshot.Builder drops = CounterSnapshot.builder().name(DROPS)
        .help("Dropped flows per workload edge, since the edge was first seen");
    totals.forEach((key, t) -> {
      if (!exported.contains(key)) {
        return;
      }
      Labels labels = Labels.of("source", key.source(), "destination", key.destination(), "protocol", key.protocol());
      bytes.dataPoint(point(labels, t.bytes));
      flows.dataPoint(point(labels, t.flows));
      connections.dataPoint(point(labels, t.connections));
      drops.dataPoint(point(labels, t.drops));
    });
    return MetricSnapshots.of(bytes.build(), flows.build(), connections.build(), drops.build(),
        CounterSnapshot.builder().name(REFUSED)
            .help("Workload edges refused a series on /metrics because prometheusMaxSeries was reached")
            .dataPoint(point(Labels.EMPTY, refused)).build(),
        GaugeSnapshot.builder().name(EXPORTED).help("Workload edge series exported at this scrape")
            .dataPoint(GaugeDataPointSnapshot.builder().value(exported.size()).build()).build(),
        GaugeSnapshot.builder().name(LIMIT).help("Most workload edge series exported (prometheusMaxSeries)")
            .dataPoint(GaugeDataPointSnapshot.builder().value(maxSeries).build()).build());
  }

  private static CounterDataPointSnapshot point(Labels labels, long value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(BYTES, FLOWS, CONNECTIONS, DROPS, REFUSED, EXPORTED, LIMIT);
  }
}
