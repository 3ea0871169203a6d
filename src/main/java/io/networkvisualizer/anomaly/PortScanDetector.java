package io.networkvisualizer.anomaly;

import io.networkvisualizer.flow.L4Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Port scan: one source (a pod, or an outside address) reaches more than {@code portScanThreshold} (20) distinct
 * destination ports within {@code portScanWindow} (60 s): the server ports of its TCP, UDP and SCTP flows, attempts
 * that were denied or reset included. Needs no baseline.
 *
 * <p>Bounded: each source keeps at most {@code threshold + max(threshold, 8)} ports (with when each was last seen);
 * past that it stops collecting and only counts, so a scan of 60,000 ports costs a few hundred bytes. Severity: high
 * past the threshold, critical when the collection is full; score = ports / collection size.
 */
final class PortScanDetector implements Detector {
  private static final int SAMPLE_PORTS = 12;

  /** A source's recently reached ports. */
  static final class Ports {
    final int[] ports;
    final long[] seen;
    int size;
    int lastIndex = -1;
    /** Ports reached while the collection was full. */
    long untracked;
    Peer lastTarget;
    long targetsMixedAt = Long.MIN_VALUE;

    Ports(int capacity) {
      ports = new int[capacity];
      seen = new long[capacity];
    }

    void add(int port, long t, Peer target) {
      if (target != lastTarget) {
        if (lastTarget != null) {
          targetsMixedAt = t;
        }
        lastTarget = target;
      }
      int i = lastIndex;
      if (i >= 0 && ports[i] == port) {
        seen[i] = Math.max(seen[i], t);
        return;
      }
      for (i = 0; i < size; i++) {
        if (ports[i] == port) {
          seen[i] = Math.max(seen[i], t);
          lastIndex = i;
          return;
        }
      }
      if (size < ports.length) {
        ports[size] = port;
        seen[size] = t;
        lastIndex = size++;
      } else {
        untracked++;
      }
    }

    /** Forgets ports not reached since {@code cutoff}. */
    void prune(long cutoff) {
      int w = 0;
      for (int r = 0; r < size; r++) {
        if (seen[r] >= cutoff) {
          ports[w] = ports[r];
          seen[w] = seen[r];
          w++;
        }
      }
      size = w;
      lastIndex = -1;
    }
  }

  private final int threshold;
  private final int capacity;
  private final long windowNanos;
  private final List<Peer> tracked = new ArrayList<>();
  /** {@link #tracked} is pruned of removed peers past this size, so a flood of sources between ticks stays bounded. */
  private final int maxTracked;
  private long untrackedTotal;

  PortScanDetector(AnomalyEngine.Options options) {
    this.maxTracked = 2 * options.maxTracked();
    this.threshold = options.portScanThreshold();
    this.capacity = threshold + Math.max(threshold, 8);
    this.windowNanos = options.portScanWindow().toNanos();
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.PORT_SCAN;
  }

  @Override
  public void observe(Observation o) {
    if (o.reply) {
      return;
    }
    L4Protocol l4 = o.flow.l4();
    if (l4 != L4Protocol.TCP && l4 != L4Protocol.UDP && l4 != L4Protocol.SCTP) {
      return;
    }
    int port = o.flow.destinationPort();
    if (port == 0) {
      return;
    }
    Peer source = o.client;
    Ports ports = source.ports;
    if (ports == null) {
      ports = new Ports(capacity);
      source.ports = ports;
      tracked.add(source);
      if (tracked.size() > maxTracked) {
        tracked.removeIf(p -> p.removed || p.ports == null);
      }
    }
    ports.add(port, o.timeNanos, o.server);
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    long cutoff = tick.endNanos() - windowNanos;
    Iterator<Peer> it = tracked.iterator();
    while (it.hasNext()) {
      Peer source = it.next();
      Ports ports = source.ports;
      if (source.removed || ports == null) {
        it.remove();
        continue;
      }
      ports.prune(cutoff);
      boolean full = ports.untracked > 0 || ports.size == capacity;
      if (ports.size > threshold) {
        out.add(finding(source, ports, full, cutoff));
      }
      untrackedTotal += ports.untracked;
      ports.untracked = 0;
      if (ports.size == 0) {
        source.ports = null;
        it.remove();
      }
    }
  }

  private Finding finding(Peer source, Ports ports, boolean full, long cutoff) {
    Peer target = ports.targetsMixedAt < cutoff ? ports.lastTarget : null;
    int[] sample = Arrays.copyOf(ports.ports, ports.size);
    Arrays.sort(sample);
    StringJoiner shown = new StringJoiner(",");
    for (int i = 0; i < Math.min(SAMPLE_PORTS, sample.length); i++) {
      shown.add(Integer.toString(sample[i]));
    }
    String window = Formats.duration(windowNanos);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("distinct_ports", (full ? "at least " : "") + ports.size);
    details.put("ports", shown + (sample.length > SAMPLE_PORTS ? ",..." : ""));
    details.put("window", window);
    details.put("unit", "ports");
    details.put("target", target == null ? "several" : target.label());
    if (full) {
      details.put("collection", "full at " + capacity + " ports; " + ports.untracked
          + " probes of other ports in the last interval were counted, not kept");
    }
    String description = source.label() + " reached " + (full ? "at least " : "") + ports.size
        + " distinct destination ports within " + window + " (threshold " + threshold + ") on "
        + (target == null ? "several destinations" : target.label()) + ": " + shown
        + (sample.length > SAMPLE_PORTS ? ", ..." : "");
    return new Finding(type(), type().apiName() + ":" + source.podOrNode(), full ? Severity.CRITICAL : Severity.HIGH,
        description, source.podOrNode(), target == null ? "" : target.podOrNode(), source.name.nodeId(),
        target == null ? "" : target.name.nodeId(), ports.size, 0, threshold, details,
        ports.size / (double) capacity, false);
  }

  /** Sources with port collections, and stale entries not yet pruned: for tests. */
  int trackedCount() {
    return tracked.size();
  }

  @Override
  public String status(EngineState state) {
    String base = state.startNanos() < 0 ? "waiting for flows" : "active";
    return untrackedTotal > 0 ? base + "; " + untrackedTotal + " probes past full port collections counted, not kept"
        : base;
  }
}
