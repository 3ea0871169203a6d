package io.networkvisualizer.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The anomaly records and their lifecycle. A finding whose key has an active record updates it (last seen, evidence,
 * peak, a severity and score that may rise); otherwise it raises a new record. A record not seen for the quiet period
 * is resolved. At most {@code capacity} records are kept: the oldest resolved go first, then the oldest active,
 * counted. Every change takes a new version number, so readers can ask what changed since the version they saw.
 *
 * <p>Written by the engine's thread, read by HTTP threads: every method holds the book's lock; the records handed out
 * are immutable.
 */
final class AnomalyBook {
  private static final Comparator<Anomaly> NEWEST_FIRST =
      Comparator.comparing(Anomaly::detectedAt).reversed().thenComparing(Anomaly::id);

  /** A record and what the book keeps about it beside the API's fields. */
  private static final class Entry {
    final String key;
    final long createdVersion;
    long changedVersion;
    long lastSeenNanos;
    Severity severity;
    boolean lowerIsWorse;
    Anomaly anomaly;

    Entry(String key, long createdVersion) {
      this.key = key;
      this.createdVersion = createdVersion;
    }
  }

  private final int capacity;
  private final long quietNanos;
  /** By id, in the order raised. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private final HashMap<String, Entry> activeByKey = new HashMap<>();
  private long version;
  private long raised;
  private long dropped;

  AnomalyBook(int capacity, long quietNanos) {
    this.capacity = capacity;
    this.quietNanos = quietNanos;
  }

  /**
   * Applies the findings of the interval ending at {@code nowNanos}, then resolves records quiet for the quiet period.
   * Returns the records raised.
   */
  synchronized List<Anomaly> record(List<Finding> findings, long nowNanos) {
    List<Anomaly> out = new ArrayList<>();
    Instant now = instant(nowNanos);
    for (Finding f : findings) {
      Entry e = activeByKey.get(f.key());
      if (e == null) {
        e = new Entry(f.key(), ++version);
        e.changedVersion = e.createdVersion;
        e.lastSeenNanos = nowNanos;
        e.severity = f.severity();
        e.lowerIsWorse = f.lowerIsWorse();
        String id = f.key() + "@" + now.getEpochSecond();
        e.anomaly = new Anomaly(id, f.type().apiName(), f.severity().apiName(), f.type().title(), f.description(),
            f.sourcePod(), f.destPod(), evidence(f), now, f.score(), Anomaly.ACTIVE, now, null, f.currentValue(),
            f.sourceNode(), f.destNode());
        entries.put(id, e);
        activeByKey.put(f.key(), e);
        raised++;
        out.add(e.anomaly);
        trim();
      } else {
        Anomaly a = e.anomaly;
        e.severity = e.severity.max(f.severity());
        e.lastSeenNanos = nowNanos;
        e.changedVersion = ++version;
        double peak = e.lowerIsWorse ? Math.min(a.peakValue(), f.currentValue())
            : Math.max(a.peakValue(), f.currentValue());
        e.anomaly = new Anomaly(a.id(), a.type(), e.severity.apiName(), a.title(), f.description(), f.sourcePod(),
            f.destPod(), evidence(f), a.detectedAt(), Math.max(a.score(), f.score()), Anomaly.ACTIVE, now, null, peak,
            a.sourceNode(), f.destNode());
      }
    }
    resolveQuiet(nowNanos, now);
    return out;
  }

  private static Anomaly.Evidence evidence(Finding f) {
    return new Anomaly.Evidence(f.currentValue(), f.baselineValue(), f.threshold(), f.details());
  }

  private void resolveQuiet(long nowNanos, Instant now) {
    Iterator<Entry> it = activeByKey.values().iterator();
    List<Entry> resolved = null;
    while (it.hasNext()) {
      Entry e = it.next();
      if (nowNanos - e.lastSeenNanos >= quietNanos) {
        it.remove();
        if (resolved == null) {
          resolved = new ArrayList<>();
        }
        resolved.add(e);
      }
    }
    if (resolved == null) {
      return;
    }
    // Versions in a stable order, whatever the hash map's.
    resolved.sort(Comparator.comparing((Entry e) -> e.anomaly.id()));
    for (Entry e : resolved) {
      Anomaly a = e.anomaly;
      e.changedVersion = ++version;
      e.anomaly = new Anomaly(a.id(), a.type(), a.severity(), a.title(), a.description(), a.sourcePod(), a.destPod(),
          a.evidence(), a.detectedAt(), a.score(), Anomaly.RESOLVED, a.lastSeen(), now, a.peakValue(), a.sourceNode(),
          a.destNode());
    }
  }

  /** Drops the oldest resolved records past the capacity, then the oldest active ones. */
  private void trim() {
    if (entries.size() <= capacity) {
      return;
    }
    Iterator<Entry> it = entries.values().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      Entry e = it.next();
      if (!e.anomaly.active()) {
        it.remove();
        dropped++;
      }
    }
    it = entries.values().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      Entry e = it.next();
      it.remove();
      activeByKey.remove(e.key, e);
      dropped++;
    }
  }

  synchronized List<Anomaly> list(AnomalyEngine.Query query) {
    List<Anomaly> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (query.matches(e.anomaly)) {
        out.add(e.anomaly);
      }
    }
    out.sort(NEWEST_FIRST);
    return out;
  }

  synchronized AnomalyEngine.Changes changesSince(long since) {
    List<Anomaly> raisedSince = new ArrayList<>();
    List<Anomaly> updated = new ArrayList<>();
    List<Anomaly> resolved = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.changedVersion <= since) {
        continue;
      }
      if (!e.anomaly.active()) {
        resolved.add(e.anomaly);
      } else if (e.createdVersion > since) {
        raisedSince.add(e.anomaly);
      } else {
        updated.add(e.anomaly);
      }
    }
    return new AnomalyEngine.Changes(version, raisedSince, updated, resolved);
  }

  synchronized long version() {
    return version;
  }

  synchronized long activeCount() {
    return activeByKey.size();
  }

  synchronized long raisedTotal() {
    return raised;
  }

  synchronized long dropped() {
    return dropped;
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
