package io.networkvisualizer.anomaly;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data exfiltration: a pod sends more than {@code exfilThreshold} (10 MiB/s) outside the cluster ({@code
 * reserved:world}) in every 5 s interval for {@code exfilDuration} (30 s): measured bytes of the packets it sends
 * there, whether it opened the connection or answers one. Needs measured byte counts: Cilium's own flows carry none,
 * and then the detector says it is inactive instead of silently never firing. Severity: high past the threshold,
 * critical from three times it; score = (rate / threshold) / 3.
 */
final class DataExfiltrationDetector implements Detector {
  /** A pod's bytes sent outside: the open interval's, and the run of intervals above the threshold. */
  static final class Upload {
    long intervalBytes;
    int streak;
    long streakBytes;
    long streakSince = -1;
    final LinkedHashMap<Peer, long[]> byDestination = new LinkedHashMap<>();
  }

  private static final int MAX_DESTINATIONS = 8;

  private final long threshold;
  private final int intervalsNeeded;
  private final long durationNanos;
  private final List<Peer> tracked = new ArrayList<>();
  /** {@link #tracked} is pruned of removed peers past this size, so a flood of sources between ticks stays bounded. */
  private final int maxTracked;
  private long unmeasured;

  DataExfiltrationDetector(AnomalyEngine.Options options) {
    this.maxTracked = 2 * options.maxTracked();
    this.threshold = options.exfilThreshold();
    this.durationNanos = options.exfilDuration().toNanos();
    this.intervalsNeeded = (int) Math.max(1, (durationNanos + AnomalyEngine.TICK_NANOS - 1) / AnomalyEngine.TICK_NANOS);
  }

  @Override
  public AnomalyType type() {
    return AnomalyType.DATA_EXFILTRATION;
  }

  @Override
  public void observe(Observation o) {
    Peer sender = o.sender();
    Peer receiver = o.receiver();
    if (!sender.name.isPod() || !receiver.name.kind().equals("world")) {
      return;
    }
    long bytes = o.flow.bytes();
    if (bytes < 0) {
      unmeasured++;
      return;
    }
    Upload u = sender.upload;
    if (u == null) {
      u = new Upload();
      sender.upload = u;
      tracked.add(sender);
      if (tracked.size() > maxTracked) {
        tracked.removeIf(p -> p.removed || p.upload == null);
      }
    }
    u.intervalBytes += bytes;
    long[] perDestination = u.byDestination.get(receiver);
    if (perDestination == null && u.byDestination.size() < MAX_DESTINATIONS) {
      perDestination = new long[1];
      u.byDestination.put(receiver, perDestination);
    }
    if (perDestination != null) {
      perDestination[0] += bytes;
    }
  }

  @Override
  public void evaluate(Tick tick, List<Finding> out) {
    double perInterval = threshold * AnomalyEngine.TICK_SECONDS;
    Iterator<Peer> it = tracked.iterator();
    while (it.hasNext()) {
      Peer pod = it.next();
      Upload u = pod.upload;
      if (pod.removed || u == null) {
        it.remove();
        continue;
      }
      if (u.intervalBytes > perInterval) {
        if (u.streak == 0) {
          u.streakSince = tick.endNanos() - AnomalyEngine.TICK_NANOS;
        }
        u.streak++;
        u.streakBytes += u.intervalBytes;
        if (u.streak >= intervalsNeeded) {
          out.add(finding(pod, u));
        }
      } else {
        u.streak = 0;
        u.streakBytes = 0;
        u.streakSince = -1;
        u.byDestination.clear();
      }
      if (u.intervalBytes == 0 && u.streak == 0) {
        pod.upload = null;
        it.remove();
      }
      u.intervalBytes = 0;
    }
  }

  private Finding finding(Peer pod, Upload u) {
    double seconds = u.streak * AnomalyEngine.TICK_SECONDS;
    double rate = u.streakBytes / seconds;
    double past = rate / threshold;
    Peer top = null;
    long topBytes = -1;
    for (Map.Entry<Peer, long[]> e : u.byDestination.entrySet()) {
      if (e.getValue()[0] > topBytes) {
        top = e.getKey();
        topBytes = e.getValue()[0];
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("rate", Formats.bytesPerSecond(rate));
    details.put("bytes", Long.toString(u.streakBytes));
    details.put("sustained_for", Formats.duration((long) (seconds * 1e9)));
    details.put("required_duration", Formats.duration(durationNanos));
    details.put("since", Formats.time(u.streakSince));
    details.put("destinations", Integer.toString(u.byDestination.size()));
    details.put("unit", "bytes/s");
    String description = pod.label() + " sent " + Formats.bytesPerSecond(rate) + " outside the cluster"
        + (top == null ? "" : ", mostly to " + top.label()) + ", for " + Formats.duration((long) (seconds * 1e9))
        + " (threshold " + Formats.bytesPerSecond(threshold) + " sustained for " + Formats.duration(durationNanos)
        + ")";
    return new Finding(type(), type().apiName() + ":" + pod.podOrNode(), past >= 3 ? Severity.CRITICAL : Severity.HIGH,
        description, pod.podOrNode(), top == null ? "" : top.podOrNode(), pod.name.nodeId(),
        top == null ? "" : top.name.nodeId(), rate, 0, threshold, details, past / 3, false);
  }

  @Override
  public String status(EngineState state) {
    if (!state.bytesMeasured()) {
      return "inactive: no measured byte counts from the source (Cilium's flows carry none; Retina-style "
          + "extensions or the simulator add them)";
    }
    return unmeasured == 0 ? "active"
        : "active; " + unmeasured + " flows to the outside without measured bytes could not be judged";
  }
}
