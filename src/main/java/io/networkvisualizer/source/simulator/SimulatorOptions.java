package io.networkvisualizer.source.simulator;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import java.time.Duration;

/**
 * How the simulated cluster behaves: its traffic rate and seed, which extras it adds (injected anomalies, measured
 * byte counts, lost events), where its gRPC server listens, and the timeline of injected anomalies.
 *
 * @param rate mean flows per second of normal traffic (anomalies add their own on top)
 * @param seed random seed: the same seed gives the same cluster and the same flows
 * @param anomalies inject the eight anomaly kinds on a timeline
 * @param bytes attach measured byte counts as Retina-style {@code extensions}; false mimics plain Cilium
 * @param lostEvents send occasional {@code lost_events} and {@code node_status} messages
 * @param listenHost address the gRPC server binds
 * @param listenPort port the gRPC server binds; 0 picks a free one
 * @param anomalyStart simulated time before the first injected anomaly
 * @param anomalyGap time from the start of one anomaly to the start of the next
 * @param anomalyDuration how long each anomaly lasts, at most {@code anomalyGap} so that they never overlap
 * @param bufferPerNode flows each simulated node keeps for replay ({@code since}), as Hubble's ring buffer (4095)
 */
public record SimulatorOptions(
    double rate,
    long seed,
    boolean anomalies,
    boolean bytes,
    boolean lostEvents,
    String listenHost,
    int listenPort,
    Duration anomalyStart,
    Duration anomalyGap,
    Duration anomalyDuration,
    int bufferPerNode) {

  /** Hubble's default ring buffer size per node. */
  public static final int DEFAULT_BUFFER_PER_NODE = 4095;

  public SimulatorOptions {
    if (!(rate > 0 && rate <= 10_000_000)) {
      throw new IllegalArgumentException("simulator rate must be > 0 and <= 10000000 flows/s (was " + rate + ")");
    }
    if (listenHost == null || listenHost.isBlank()) {
      throw new IllegalArgumentException("simulator listen host must not be empty");
    }
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("simulator listen port must be 0..65535 (was " + listenPort + ")");
    }
    if (anomalyStart == null || anomalyStart.isNegative()) {
      throw new IllegalArgumentException("simAnomalyStart must be >= 0 (was " + anomalyStart + ")");
    }
    if (anomalyGap == null || anomalyGap.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("simAnomalyGap must be at least 1s (was " + anomalyGap + ")");
    }
    if (anomalyDuration == null || anomalyDuration.compareTo(Duration.ofSeconds(1)) < 0
        || anomalyDuration.compareTo(anomalyGap) > 0) {
      throw new IllegalArgumentException("simAnomalyDuration must be 1s.." + anomalyGap
          + " (simAnomalyGap) so that injected anomalies never overlap (was " + anomalyDuration + ")");
    }
    if (bufferPerNode < 1 || bufferPerNode > 1_000_000) {
      throw new IllegalArgumentException("simulator buffer per node must be 1..1000000 (was " + bufferPerNode + ")");
    }
  }

  /** The defaults of every simulator setting: 200 flows/s, seed 42, anomalies and bytes on, loopback, free port. */
  public static SimulatorOptions defaults() {
    return from(Config.defaults());
  }

  /** The simulator settings of a validated configuration. */
  public static SimulatorOptions from(Config config) {
    String listen = config.get(Settings.SIM_LISTEN).trim();
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || colon == listen.length() - 1) {
      throw new IllegalArgumentException("simListen must be host:port (was '" + listen + "')");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("simListen port must be a number (was '" + listen + "')");
    }
    return new SimulatorOptions(
        config.get(Settings.SIM_RATE),
        config.get(Settings.SIM_SEED),
        config.get(Settings.SIM_ANOMALIES),
        config.get(Settings.SIM_BYTES),
        config.get(Settings.SIM_LOST_EVENTS),
        host,
        port,
        config.get(Settings.SIM_ANOMALY_START),
        config.get(Settings.SIM_ANOMALY_GAP),
        config.get(Settings.SIM_ANOMALY_DURATION),
        DEFAULT_BUFFER_PER_NODE);
  }

  public SimulatorOptions withRate(double newRate) {
    return new SimulatorOptions(newRate, seed, anomalies, bytes, lostEvents, listenHost, listenPort, anomalyStart,
        anomalyGap, anomalyDuration, bufferPerNode);
  }

  public SimulatorOptions withSeed(long newSeed) {
    return new SimulatorOptions(rate, newSeed, anomalies, bytes, lostEvents, listenHost, listenPort, anomalyStart,
        anomalyGap, anomalyDuration, bufferPerNode);
  }

  public SimulatorOptions withAnomalies(boolean on) {
    return new SimulatorOptions(rate, seed, on, bytes, lostEvents, listenHost, listenPort, anomalyStart, anomalyGap,
        anomalyDuration, bufferPerNode);
  }

  public SimulatorOptions withBytes(boolean on) {
    return new SimulatorOptions(rate, seed, anomalies, on, lostEvents, listenHost, listenPort, anomalyStart,
        anomalyGap, anomalyDuration, bufferPerNode);
  }

  public SimulatorOptions withLostEvents(boolean on) {
    return new SimulatorOptions(rate, seed, anomalies, bytes, on, listenHost, listenPort, anomalyStart, anomalyGap,
        anomalyDuration, bufferPerNode);
  }

  public SimulatorOptions withListen(String host, int port) {
    return new SimulatorOptions(rate, seed, anomalies, bytes, lostEvents, host, port, anomalyStart, anomalyGap,
        anomalyDuration, bufferPerNode);
  }

  public SimulatorOptions withTimeline(Duration start, Duration gap, Duration duration) {
    return new SimulatorOptions(rate, seed, anomalies, bytes, lostEvents, listenHost, listenPort, start, gap,
        duration, bufferPerNode);
  }

  public SimulatorOptions withBufferPerNode(int size) {
    return new SimulatorOptions(rate, seed, anomalies, bytes, lostEvents, listenHost, listenPort, anomalyStart,
        anomalyGap, anomalyDuration, size);
  }
}
