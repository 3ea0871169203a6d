package io.networkvisualizer.anomaly;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.EventClock;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowConsumer;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.metrics.NodeNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The anomaly engine: learns per-edge and per-source baselines from the flow stream, runs the eight detectors, and
 * keeps the anomalies they find as records with a lifecycle (raised, updated while ongoing, resolved after a quiet
 * period), bounded in number.
 *
 * <p><b>Event time.</b> Flows are counted per flow (cheap counters); every 5 s of event time, driven by the flows' own
 * timestamps (no further than the injected clock, which must see each flow first: put the {@code FlowTimeClock} before
 * the engine in the pipeline), the interval closes and the detectors compare rates. A file replay therefore finds what
 * the live run finds. On a live stream, {@link #tick()} (called on a timer) closes intervals by the injected clock when
 * flows stop, so an edge that falls silent is noticed; when no flow at all arrives the source, not an edge, went quiet,
 * and drops are not judged. Flows up to 10 s older than the open interval still count; older ones are skipped and
 * counted.
 *
 * <p><b>What is counted.</b> The graph's rules ({@link NodeNames}): edges run from client to server, replicas are one
 * workload, and a packet Hubble reports twice counts once.
 *
 * <p><b>Threads.</b> The ingest thread calls {@link #onFlow}, a timer calls {@link #tick}, both under one lock; HTTP
 * threads read the anomaly records, which have their own lock and are immutable values.
 */
public final class AnomalyEngine implements FlowConsumer {
  static final long TICK_NANOS = 5_000_000_000L;
  static final double TICK_SECONDS = TICK_NANOS / 1e9;
  static final long LATENESS_NANOS = 10_000_000_000L;
  /** Intervals closed one by one after a gap in the stream; past them the engine jumps to the present. */
  static final int MAX_CATCH_UP_TICKS = 200;
  private static final long NONE = Long.MIN_VALUE;

  /**
   * The engine's tuning, from {@link Settings}.
   *
   * @param window the detection window over which current rates are measured ({@code metricWindow})
   * @param warmup how long an edge or source learns before baseline-based detectors judge it
   * @param horizon horizon of the moving averages ({@code baselineHorizon})
   * @param quietPeriod an active anomaly not seen for this long is resolved
   * @param maxTracked most workload edges, sources and peers held
   */
  public record Options(
      Duration window,
      Duration warmup,
      Duration horizon,
      double spikeThreshold,
      double spikeMinFlowsPerSec,
      long spikeMinBytesPerSec,
      double dropThreshold,
      double errorRateThreshold,
      int errorRateMinFlows,
      int portScanThreshold,
      Duration portScanWindow,
      long exfilThreshold,
      Duration exfilDuration,
      int dnsQueryThreshold,
      int maxAnomalies,
      Duration quietPeriod,
      int maxTracked) {

    public Options {
      requirePositive("window", window, Duration.ofSeconds(5));
      if (warmup == null || warmup.isNegative()) {
        throw new IllegalArgumentException("warmup must be >= 0 (was " + warmup + ")");
      }
      requirePositive("horizon", horizon, Duration.ofSeconds(1));
      requirePositive("portScanWindow", portScanWindow, Duration.ofSeconds(1));
      requirePositive("exfilDuration", exfilDuration, Duration.ofSeconds(1));
      requirePositive("quietPeriod", quietPeriod, Duration.ofSeconds(5));
      if (!(spikeThreshold >= 1)) {
        throw new IllegalArgumentException("spikeThreshold must be >= 1 (was " + spikeThreshold + ")");
      }
      if (!(spikeMinFlowsPerSec >= 0) || spikeMinBytesPerSec < 0) {
        throw new IllegalArgumentException("spike minimum rates must be >= 0 (was " + spikeMinFlowsPerSec + ", "
            + spikeMinBytesPerSec + ")");
      }
      if (!(dropThreshold > 0 && dropThreshold <= 1)) {
        throw new IllegalArgumentException("dropThreshold must be in (0, 1] (was " + dropThreshold + ")");
      }
      if (!(errorRateThreshold >= 0 && errorRateThreshold <= 1)) {
        throw new IllegalArgumentException("errorRateThreshold must be 0..1 (was " + errorRateThreshold + ")");
      }
      if (errorRateMinFlows < 1 || portScanThreshold < 1 || exfilThreshold < 1 || dnsQueryThreshold < 1) {
        throw new IllegalArgumentException("errorRateMinFlows, portScanThreshold, exfilThreshold and "
            + "dnsQueryThreshold must be >= 1 (was " + errorRateMinFlows + ", " + portScanThreshold + ", "
            + exfilThreshold + ", " + dnsQueryThreshold + ")");
      }
      if (maxAnomalies < 1 || maxTracked < 10) {
        throw new IllegalArgumentException("maxAnomalies >= 1 and maxTracked >= 10 required (was " + maxAnomalies
            + ", " + maxTracked + ")");
      }
    }

    private static void requirePositive(String name, Duration d, Duration min) {
      if (d == null || d.compareTo(min) < 0) {
        throw new IllegalArgumentException(name + " must be at least " + min.toMillis() / 1000.0 + "s (was " + d
            + ")");
      }
    }

    public static Options from(Config c) {
      return new Options(c.get(Settings.METRIC_WINDOW), c.get(Settings.ANOMALY_WARMUP),
          c.get(Settings.BASELINE_HORIZON), c.get(Settings.SPIKE_THRESHOLD), c.get(Settings.SPIKE_MIN_FLOWS_PER_SEC),
          c.get(Settings.SPIKE_MIN_BYTES_PER_SEC), c.get(Settings.DROP_THRESHOLD),
          c.get(Settings.ERROR_RATE_THRESHOLD), c.get(Settings.ERROR_RATE_MIN_FLOWS),
          c.get(Settings.PORT_SCAN_THRESHOLD), c.get(Settings.PORT_SCAN_WINDOW), c.get(Settings.EXFIL_THRESHOLD),
          c.get(Settings.EXFIL_DURATION), c.get(Settings.DNS_QUERY_THRESHOLD), c.get(Settings.MAX_ANOMALIES),
          c.get(Settings.ANOMALY_QUIET_PERIOD), c.get(Settings.ANOMALY_MAX_TRACKED));
    }

    public static Options defaults() {
      return from(Config.defaults());
    }

    /** Closed 5 s intervals in the detection window. */
    int windowTicks() {
      return (int) Math.max(1, (window.toNanos() + TICK_NANOS - 1) / TICK_NANOS);
    }

    double windowSeconds() {
      return windowTicks() * TICK_SECONDS;
    }
  }

  /**
   * Which anomalies to list; null fields do not filter.
   *
   * @param severities keep these severities (API names)
   * @param types keep these types (API names)
   * @param active true for active only, false for resolved only
   * @param since keep anomalies going on at or after this time: active ones, and those resolved at or after it
   */
  public record Query(Set<String> severities, Set<String> types, Boolean active, Instant since) {
    public static final Query ALL = new Query(null, null, null, null);

    public Query {
      if (severities != null) {
        for (String s : severities) {
          if (!Anomaly.SEVERITIES.contains(s)) {
            throw new IllegalArgumentException("severity must be one of " + String.join(", ", Anomaly.SEVERITIES)
                + " (was '" + s + "')");
          }
        }
        severities = Set.copyOf(severities);
      }
      if (types != null) {
        for (String t : types) {
          if (!Anomaly.TYPES.contains(t)) {
            throw new IllegalArgumentException("type must be one of " + String.join(", ", Anomaly.TYPES)
                + " (was '" + t + "')");
          }
        }
        types = Set.copyOf(types);
      }
    }

    boolean matches(Anomaly a) {
      if (severities != null && !severities.contains(a.severity())) {
        return false;
      }
      if (types != null && !types.contains(a.type())) {
        return false;
      }
      if (active != null && active != a.active()) {
        return false;
      }
      if (since != null) {
        return a.active() || !a.resolvedAt().isBefore(since);
      }
      return true;
    }
  }

  /**
   * What changed after a version: records raised since (and still active), records updated (raised before), and
   * records resolved since (raised before or after). Each record is in one list, in its latest state.
   *
   * @param version the version now; pass it to the next call
   */
  public record Changes(long version, List<Anomaly> raised, List<Anomaly> updated, List<Anomaly> resolved) {
    public Changes {
      raised = List.copyOf(raised);
      updated = List.copyOf(updated);
      resolved = List.copyOf(resolved);
    }

    public boolean isEmpty() {
      return raised.isEmpty() && updated.isEmpty() && resolved.isEmpty();
    }
  }

  /**
   * One detector's state for {@code /api/status}.
   *
   * @param name the anomaly type it detects
   * @param status {@code active}, {@code warming up: ...}, {@code paused: ...} or {@code inactive: ...}
   */
  public record DetectorStatus(String name, boolean enabled, String status) {}

  /**
   * The engine's counters.
   *
   * @param flowsCounted flows the detectors saw
   * @param doubleObservationsSkipped flow events that reported a packet already counted
   * @param lateFlows flows more than 10 s older than the open interval, skipped
   * @param intervals 5 s intervals closed
   * @param edges workload-level edges held, and how many were evicted (cap) or expired (idle)
   * @param sources workload-level sources held
   * @param peers pods and other endpoints held
   * @param anomaliesActive active anomaly records
   * @param anomaliesRaised records raised since start
   * @param anomaliesDropped records dropped from the history (cap)
   */
  public record Stats(long flowsCounted, long doubleObservationsSkipped, long lateFlows, long intervals, long edges,
      long edgesEvicted, long edgesExpired, long sources, long sourcesEvicted, long peers, long peersEvicted,
      long anomaliesActive, long anomaliesRaised, long anomaliesDropped) {}

  private final Object lock = new Object();
  private final EventClock clock;
  private final Options options;
  private final AnomalyListener listener;
  private final List<Detector> detectors;
  private final Baselines baselines;
  private final AnomalyBook book;
  private final Observation observation = new Observation();
  private final List<Finding> findings = new ArrayList<>();
  private final long warmupNanos;
  private final long horizonNanos;
  private final long expiryNanos;
  private final double alphaFloor;
  private final boolean[] silentWindow;

  private long openTick = NONE;
  private long startNanos = -1;
  private long lastEndNanos = -1;
  private long intervalFlows;
  private boolean lastSilent;
  private boolean bytesMeasured;
  private long flowsCounted;
  private long doubles;
  private long late;
  private long intervals;

  public AnomalyEngine(EventClock clock, Options options) {
    this(clock, options, AnomalyListener.NONE);
  }

  public AnomalyEngine(EventClock clock, Options options, AnomalyListener listener) {
    this.clock = clock;
    this.options = options;
    this.listener = listener == null ? AnomalyListener.NONE : listener;
    this.detectors = Detectors.all(options);
    this.baselines = new Baselines(options.maxTracked(), options.windowTicks());
    this.book = new AnomalyBook(options.maxAnomalies(), options.quietPeriod().toNanos());
    this.warmupNanos = options.warmup().toNanos();
    this.horizonNanos = options.horizon().toNanos();
    this.alphaFloor = Math.min(1.0, TICK_NANOS / (double) horizonNanos);
    this.silentWindow = new boolean[options.windowTicks()];
    // Idle state is kept long enough to outlive a baseline horizon and a warm-up.
    this.expiryNanos = Math.max(2 * horizonNanos, Math.max(warmupNanos, Duration.ofMinutes(10).toNanos()));
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

  /**
   * Closes every interval that has ended by the clock's now: for a live source whose flows stopped, so that silence
   * is judged too. Called by a timer; does nothing before the first flow.
   */
  public void tick() {
    synchronized (lock) {
      if (openTick != NONE) {
        advance(Math.floorDiv(clock.nowNanos(), TICK_NANOS));
      }
    }
  }

  private void ingest(Flow flow) {
    long t = flow.timeNanos();
    // Time moves with the flows, but no further than the clock (which the pipeline moved to this flow first): on a
    // live stream it holds back a flow stamped far in the future, which would make every later flow look late.
    long k = Math.floorDiv(Math.min(t, clock.nowNanos()), TICK_NANOS);
    if (openTick == NONE) {
      openTick = k;
      startNanos = t;
    } else if (k > openTick) {
      advance(k);
    }
    if (t < openTick * TICK_NANOS - LATENESS_NANOS) {
      late++;
      return;
    }
    boolean reply = NodeNames.isReply(flow);
    if (NodeNames.isDoubleObservation(flow, reply)) {
      doubles++;
      return;
    }
    flowsCounted++;
    intervalFlows++;
    Endpoint clientEndpoint = reply ? flow.destination() : flow.source();
    Endpoint serverEndpoint = reply ? flow.source() : flow.destination();
    Peer client = baselines.peers.resolve(clientEndpoint, reply ? flow.destinationIp() : flow.sourceIp(),
        reply ? flow.destinationNames() : flow.sourceNames(), flow.nodeName(), t);
    Peer server = baselines.peers.resolve(serverEndpoint, reply ? flow.sourceIp() : flow.destinationIp(),
        reply ? flow.sourceNames() : flow.destinationNames(), flow.nodeName(), t);
    WorkloadState source = baselines.workload(client, t);
    EdgeState edge = baselines.edge(source, server, t);
    L7 l7 = flow.l7();
    Http http = l7 == null ? null : l7.http();
    boolean is5xx = http != null && http.code() >= 500 && http.code() <= 599;
    boolean failed = flow.verdict().isFailure() || is5xx;
    if (flow.bytes() >= 0) {
      bytesMeasured = true;
    }
    edge.count(client, server, failed, is5xx, flow.bytes(), openTick);

    Observation o = observation;
    o.flow = flow;
    o.timeNanos = t;
    o.tick = openTick;
    o.reply = reply;
    o.client = client;
    o.server = server;
    o.source = source;
    o.edge = edge;
    o.protocol = Protocol.of(flow);
    o.failed = failed;
    for (int i = 0, n = detectors.size(); i < n; i++) {
      detectors.get(i).observe(o);
    }
    o.flow = null;
  }

  /** Closes the open interval and every one after it that ends by the start of interval {@code k}. */
  private void advance(long k) {
    int closed = 0;
    while (openTick < k) {
      if (closed == MAX_CATCH_UP_TICKS) {
        // A long gap: everything has been closed, learned and resolved by now; jump to the present.
        openTick = k;
        break;
      }
      closeInterval(openTick);
      openTick++;
      closed++;
    }
  }

  private void closeInterval(long index) {
    long end = (index + 1) * TICK_NANOS;
    boolean silent = intervalFlows == 0;
    silentWindow[(int) Math.floorMod(index, (long) silentWindow.length)] = silent;
    boolean windowSilent = false;
    for (boolean s : silentWindow) {
      windowSilent |= s;
    }
    baselines.closeInterval(silent, end, horizonNanos, TICK_SECONDS, alphaFloor);
    Tick tick = new Tick(index, end, silent, windowSilent, baselines);
    findings.clear();
    for (Detector d : detectors) {
      d.evaluate(tick, findings);
    }
    List<Anomaly> raised = book.record(findings, end);
    for (Anomaly a : raised) {
      listener.raised(a.type(), a.severity());
    }
    baselines.expire(end - expiryNanos);
    intervalFlows = 0;
    lastSilent = silent;
    lastEndNanos = end;
    intervals++;
  }

  /** The anomalies that match {@code query}, newest first (by detection time, then id). */
  public List<Anomaly> anomalies(Query query) {
    return book.list(query);
  }

  /** Every anomaly in the history, newest first. */
  public List<Anomaly> anomalies() {
    return book.list(Query.ALL);
  }

  /** The version of the anomaly records: it grows with every raise, update and resolution. */
  public long version() {
    return book.version();
  }

  /** The records raised, updated and resolved after {@code version} (0 for everything). */
  public Changes changesSince(long version) {
    return book.changesSince(version);
  }

  /** Each detector's name, whether it is enabled, and what it is doing. */
  public List<DetectorStatus> detectors() {
    synchronized (lock) {
      EngineState state = new EngineState(flowsCounted, startNanos, lastEndNanos, lastSilent, bytesMeasured, baselines);
      List<DetectorStatus> out = new ArrayList<>();
      for (Detector d : detectors) {
        out.add(new DetectorStatus(d.type().apiName(), true, d.status(state)));
      }
      return out;
    }
  }

  /** The detector of {@code type}: for tests. */
  Detector detector(AnomalyType type) {
    return detectors.stream().filter(d -> d.type() == type).findFirst().orElseThrow();
  }

  /** The engine's state for a pod, or null: for tests. */
  Peer pod(String namespace, String podName) {
    synchronized (lock) {
      return baselines.peers.pod(namespace, podName);
    }
  }

  public Stats stats() {
    synchronized (lock) {
      return new Stats(flowsCounted, doubles, late, intervals, baselines.edges.size(), baselines.edgesEvicted,
          baselines.edgesExpired, baselines.workloads.size(), baselines.workloadsEvicted, baselines.peers.size(),
          baselines.peers.evicted, book.activeCount(), book.raisedTotal(), book.dropped());
    }
  }
}
