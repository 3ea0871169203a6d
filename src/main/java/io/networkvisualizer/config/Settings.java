package io.networkvisualizer.config;

import static io.networkvisualizer.config.Parsers.bool;
import static io.networkvisualizer.config.Parsers.bytesIn;
import static io.networkvisualizer.config.Parsers.doubleIn;
import static io.networkvisualizer.config.Parsers.durationIn;
import static io.networkvisualizer.config.Parsers.intIn;
import static io.networkvisualizer.config.Parsers.list;
import static io.networkvisualizer.config.Parsers.oneOf;
import static io.networkvisualizer.config.Parsers.string;

import java.time.Duration;
import java.util.List;

/**
 * Every tuning parameter of the product, in one table: the single place a setting is declared. Flags, environment
 * variables, the config file and the configuration reference in {@code docs/CONFIGURATION.md} all derive from it.
 */
public final class Settings {
  private static final Duration MS = Duration.ofMillis(1);
  private static final Duration DAY = Duration.ofDays(1);

  private Settings() {}

  // --- server
  public static final Setting<Integer> PORT = new Setting<>("port", "server",
      "HTTP listen port; 0 picks a free port and logs it", "8080", intIn(0, 65535));
  public static final Setting<String> HOST = new Setting<>("host", "server",
      "HTTP listen address", "0.0.0.0", string());
  public static final Setting<Boolean> ENABLE_FLOWS = new Setting<>("enableFlows", "server",
      "collect flows at all; false serves the API and UI with no flow source", "true", bool());

  // --- source
  public static final Setting<String> HUBBLE_ADDR = new Setting<>("hubbleAddr", "source",
      "Hubble Relay address host:port (tls://host:port turns TLS on); empty starts the embedded simulated cluster",
      "", string());
  public static final Setting<Boolean> HUBBLE_TLS = new Setting<>("hubbleTls", "source",
      "connect to Hubble with TLS", "false", bool());
  public static final Setting<String> HUBBLE_TLS_CA_CERT_FILE = new Setting<>("hubbleTlsCaCertFile", "source",
      "PEM file of the CA that signed Relay's certificate; empty uses the JVM's trust store", "", string());
  public static final Setting<String> HUBBLE_TLS_CLIENT_CERT_FILE = new Setting<>("hubbleTlsClientCertFile", "source",
      "PEM client certificate for mTLS (with hubbleTlsClientKeyFile)", "", string());
  public static final Setting<String> HUBBLE_TLS_CLIENT_KEY_FILE = new Setting<>("hubbleTlsClientKeyFile", "source",
      "PEM (PKCS#8) private key of the client certificate for mTLS", "", string());
  public static final Setting<String> HUBBLE_TLS_SERVER_NAME = new Setting<>("hubbleTlsServerName", "source",
      "name expected in Relay's certificate, when it differs from the address's host", "", string());
  public static final Setting<String> HUBBLE_WHITELIST = new Setting<>("hubbleWhitelist", "source",
      "Hubble FlowFilter list in JSON (e.g. [{\"source_pod\":[\"shop/\"]}]) sent as GetFlows whitelist", "", string());
  public static final Setting<String> HUBBLE_BLACKLIST = new Setting<>("hubbleBlacklist", "source",
      "Hubble FlowFilter list in JSON sent as GetFlows blacklist", "", string());
  public static final Setting<Duration> HUBBLE_RECONNECT_INITIAL = new Setting<>("hubbleReconnectInitial", "source",
      "first wait before reconnecting to Hubble; doubles per failure, with jitter", "500ms",
      durationIn(MS, Duration.ofMinutes(5)));
  public static final Setting<Duration> HUBBLE_RECONNECT_MAX = new Setting<>("hubbleReconnectMax", "source",
      "longest wait between reconnects to Hubble", "30s", durationIn(MS, Duration.ofHours(1)));
  public static final Setting<List<String>> FLOW_FILES = new Setting<>("flowFiles", "source",
      "Hubble jsonpb flow log files (comma separated, .gz too) to load instead of a live source", "", list());

  // --- store
  public static final Setting<Integer> MAX_FLOWS = new Setting<>("maxFlows", "store",
      "recent flows retained in memory (the ring behind /api/flows)", "10000", intIn(1, 10_000_000));

  // --- metrics
  public static final Setting<Duration> METRIC_WINDOW = new Setting<>("metricWindow", "metrics",
      "window over which per-edge rates are computed", "60s", durationIn(Duration.ofSeconds(1), Duration.ofHours(1)));
  public static final Setting<Duration> EDGE_IDLE_TIMEOUT = new Setting<>("edgeIdleTimeout", "metrics",
      "an edge with no traffic for this long is inactive (faded in the UI)", "10s", durationIn(MS, DAY));
  public static final Setting<Duration> EDGE_EXPIRY = new Setting<>("edgeExpiry", "metrics",
      "an edge or node with no traffic for this long is removed", "10m", durationIn(Duration.ofSeconds(1), DAY));
  public static final Setting<Integer> MAX_EDGES = new Setting<>("maxEdges", "metrics",
      "most edges kept; the least recently seen are evicted past it", "50000", intIn(10, 10_000_000));
  public static final Setting<Integer> MAX_NODES = new Setting<>("maxNodes", "metrics",
      "most nodes kept; the least recently seen are evicted past it", "20000", intIn(10, 10_000_000));
  public static final Setting<Integer> MAX_WORLD_NODES = new Setting<>("maxWorldNodes", "metrics",
      "outside addresses shown as their own node; past it they fold into one 'world' node", "500", intIn(1, 1_000_000));

  // --- anomaly
  public static final Setting<Duration> ANOMALY_WARMUP = new Setting<>("anomalyWarmup", "anomaly",
      "event time to learn baselines before baseline-based detectors may fire", "5m", durationIn(Duration.ZERO, DAY));
  public static final Setting<Duration> BASELINE_HORIZON = new Setting<>("baselineHorizon", "anomaly",
      "horizon of the moving averages that baselines are", "10m", durationIn(Duration.ofSeconds(1), DAY));
  public static final Setting<Double> SPIKE_THRESHOLD = new Setting<>("spikeThreshold", "anomaly",
      "traffic spike: rate at least this multiple of its baseline", "3.0", doubleIn(1.0, 1_000.0));
  public static final Setting<Double> SPIKE_MIN_FLOWS_PER_SEC = new Setting<>("spikeMinFlowsPerSec", "anomaly",
      "traffic spike: ignore edges below this flow rate (so 0.1 -> 0.4 flows/s is no spike)", "2.0",
      doubleIn(0.0, 1e9));
  public static final Setting<Long> SPIKE_MIN_BYTES_PER_SEC = new Setting<>("spikeMinBytesPerSec", "anomaly",
      "traffic spike: ignore edges below this byte rate where bytes are measured", "10KiB", bytesIn(0, 1L << 40));
  public static final Setting<Double> DROP_THRESHOLD = new Setting<>("dropThreshold", "anomaly",
      "traffic drop: rate at least this fraction below its baseline", "0.8", doubleIn(0.01, 1.0));
  public static final Setting<Double> ERROR_RATE_THRESHOLD = new Setting<>("errorRateThreshold", "anomaly",
      "high error rate: share of flows dropped or errored (plus HTTP 5xx) above this", "0.05", doubleIn(0.0, 1.0));
  public static final Setting<Integer> ERROR_RATE_MIN_FLOWS = new Setting<>("errorRateMinFlows", "anomaly",
      "high error rate: flows needed in the window before the rate is judged", "20", intIn(1, 1_000_000));
  public static final Setting<Integer> PORT_SCAN_THRESHOLD = new Setting<>("portScanThreshold", "anomaly",
      "port scan: more than this many distinct destination ports from one source", "20", intIn(1, 65535));
  public static final Setting<Duration> PORT_SCAN_WINDOW = new Setting<>("portScanWindow", "anomaly",
      "port scan: window in which the distinct ports are counted", "60s", durationIn(Duration.ofSeconds(1), DAY));
  public static final Setting<Long> EXFIL_THRESHOLD = new Setting<>("exfilThreshold", "anomaly",
      "data exfiltration: bytes per second from a pod to outside the cluster above this", "10MiB",
      bytesIn(1, 1L << 40));
  public static final Setting<Duration> EXFIL_DURATION = new Setting<>("exfilDuration", "anomaly",
      "data exfiltration: how long the rate must be sustained", "30s", durationIn(Duration.ofSeconds(1), DAY));
  public static final Setting<Integer> DNS_QUERY_THRESHOLD = new Setting<>("dnsQueryThreshold", "anomaly",
      "DNS anomaly: more than this many DNS queries per minute from one source", "100", intIn(1, 10_000_000));
  public static final Setting<Integer> MAX_ANOMALIES = new Setting<>("maxAnomalies", "anomaly",
      "anomalies kept in history (active and resolved)", "1000", intIn(10, 1_000_000));
  public static final Setting<Duration> ANOMALY_QUIET_PERIOD = new Setting<>("anomalyQuietPeriod", "anomaly",
      "an active anomaly whose condition has not been seen for this long is resolved", "60s",
      durationIn(Duration.ofSeconds(5), DAY));
  public static final Setting<Integer> ANOMALY_MAX_TRACKED = new Setting<>("anomalyMaxTracked", "anomaly",
      "most workload edges, workloads and pods with baselines or counters; the least recently seen go past it",
      "20000", intIn(100, 10_000_000));

  // --- live
  public static final Setting<Integer> WS_MAX_CLIENTS = new Setting<>("wsMaxClients", "live",
      "most concurrent WebSocket clients; more are refused", "2000", intIn(1, 100_000));
  public static final Setting<Integer> WS_QUEUE_SIZE = new Setting<>("wsQueueSize", "live",
      "messages queued per WebSocket client; a slow client loses its oldest past it", "1024", intIn(8, 1_000_000));
  public static final Setting<Integer> WS_SENDER_THREADS = new Setting<>("wsSenderThreads", "live",
      "threads writing to /ws/flows clients, each taking a share of the clients; 0 means two per CPU core", "0",
      intIn(0, 64));
  public static final Setting<Duration> WS_BATCH_WINDOW = new Setting<>("wsBatchWindow", "live",
      "/ws/flows writes to its clients at most once per window (flows that arrive meanwhile go out together, one "
          + "socket write per client); this is the window from 1,000 clients on, proportionally shorter with fewer "
          + "(100 clients: 1/10 of it) but not under 1 ms, and the most latency it adds; 0 writes every flow at once",
      "20ms", durationIn(Duration.ZERO, Duration.ofSeconds(1)));
  public static final Setting<Duration> GRAPH_INTERVAL = new Setting<>("graphInterval", "live",
      "interval of graph updates on /ws/graph", "1s", durationIn(Duration.ofMillis(50), Duration.ofMinutes(1)));

  // --- simulator
  public static final Setting<Double> SIM_RATE = new Setting<>("simRate", "simulator",
      "simulated cluster: mean flows per second", "200", doubleIn(0.1, 10_000_000));
  public static final Setting<Long> SIM_SEED = new Setting<>("simSeed", "simulator",
      "simulated cluster: random seed; the same seed gives the same flows", "42",
      text -> {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a whole number (was '" + text + "')");
        }
      });
  public static final Setting<Boolean> SIM_ANOMALIES = new Setting<>("simAnomalies", "simulator",
      "simulated cluster: inject the eight anomaly kinds on a timeline", "true", bool());
  public static final Setting<Boolean> SIM_BYTES = new Setting<>("simBytes", "simulator",
      "simulated cluster: attach measured byte counts (Retina-style extensions); false mimics plain Cilium", "true",
      bool());
  public static final Setting<Boolean> SIM_LOST_EVENTS = new Setting<>("simLostEvents", "simulator",
      "simulated cluster: send occasional lost_events and node_status messages", "false", bool());
  public static final Setting<String> SIM_LISTEN = new Setting<>("simListen", "simulator",
      "simulated cluster: gRPC listen address host:port (port 0 picks a free one)", "127.0.0.1:0", string());
  public static final Setting<Duration> SIM_ANOMALY_START = new Setting<>("simAnomalyStart", "simulator",
      "simulated cluster: quiet time before the first injected anomaly (longer than anomalyWarmup)", "6m",
      durationIn(Duration.ZERO, DAY));
  public static final Setting<Duration> SIM_ANOMALY_GAP = new Setting<>("simAnomalyGap", "simulator",
      "simulated cluster: time from the start of one injected anomaly to the start of the next", "3m",
      durationIn(Duration.ofSeconds(1), DAY));
  public static final Setting<Duration> SIM_ANOMALY_DURATION = new Setting<>("simAnomalyDuration", "simulator",
      "simulated cluster: how long each injected anomaly lasts (at most simAnomalyGap)", "2m",
      durationIn(Duration.ofSeconds(1), DAY));

  // --- telemetry
  public static final Setting<Integer> PROMETHEUS_MAX_SERIES = new Setting<>("prometheusMaxSeries", "telemetry",
      "most workload-to-workload edge series exported on /metrics; edges past it are refused and counted "
          + "(network_visualizer_edge_series_refused_total); 0 exports no edge series", "2000", intIn(0, 1_000_000));
  public static final Setting<String> LOG_FORMAT = new Setting<>("logFormat", "telemetry",
      "log line format on stderr: text (one readable line per event) or json (one JSON object per line, for log "
          + "collectors)", "text", oneOf("text", "json"));
  public static final Setting<String> LOG_LEVEL = new Setting<>("logLevel", "telemetry",
      "level of the product's own log lines: error, warn, info or debug (libraries stay at warn)", "info",
      oneOf("error", "warn", "info", "debug"));

  /** Every setting, in the order the reference lists them. */
  public static final List<Setting<?>> ALL = List.of(
      PORT, HOST, ENABLE_FLOWS,
      HUBBLE_ADDR, HUBBLE_TLS, HUBBLE_TLS_CA_CERT_FILE, HUBBLE_TLS_CLIENT_CERT_FILE, HUBBLE_TLS_CLIENT_KEY_FILE,
      HUBBLE_TLS_SERVER_NAME, HUBBLE_WHITELIST, HUBBLE_BLACKLIST, HUBBLE_RECONNECT_INITIAL, HUBBLE_RECONNECT_MAX,
      FLOW_FILES,
      MAX_FLOWS,
      METRIC_WINDOW, EDGE_IDLE_TIMEOUT, EDGE_EXPIRY, MAX_EDGES, MAX_NODES, MAX_WORLD_NODES,
      ANOMALY_WARMUP, BASELINE_HORIZON, SPIKE_THRESHOLD, SPIKE_MIN_FLOWS_PER_SEC, SPIKE_MIN_BYTES_PER_SEC,
      DROP_THRESHOLD, ERROR_RATE_THRESHOLD, ERROR_RATE_MIN_FLOWS, PORT_SCAN_THRESHOLD, PORT_SCAN_WINDOW,
      EXFIL_THRESHOLD, EXFIL_DURATION, DNS_QUERY_THRESHOLD, MAX_ANOMALIES, ANOMALY_QUIET_PERIOD,
      ANOMALY_MAX_TRACKED,
      WS_MAX_CLIENTS, WS_QUEUE_SIZE, WS_SENDER_THREADS, WS_BATCH_WINDOW,
      GRAPH_INTERVAL,
      SIM_RATE, SIM_SEED, SIM_ANOMALIES, SIM_BYTES, SIM_LOST_EVENTS, SIM_LISTEN,
      SIM_ANOMALY_START, SIM_ANOMALY_GAP, SIM_ANOMALY_DURATION,
      PROMETHEUS_MAX_SERIES, LOG_FORMAT, LOG_LEVEL);
}
