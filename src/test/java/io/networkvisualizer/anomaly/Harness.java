package io.networkvisualizer.anomaly;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Setting;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Drives an {@link AnomalyEngine} with hand-built flows in event time: traffic is scripted as evenly spaced flows
 * over stretches of seconds after {@link #T0} (a 5 s boundary), merged in time order and fed as a live stream
 * would (the clock at least the latest flow's time). Evenly spaced flows make every 5 s interval hold an exact count,
 * so near misses are exact.
 */
final class Harness {
  static final Instant T0 = MutableClock.START;
  static final long SECOND = 1_000_000_000L;

  static final Endpoint FRONTEND = Flows.pod("shop", "frontend-7d4b9c6f5-x2k4f");
  static final Endpoint FRONTEND_2 = Flows.pod("shop", "frontend-7d4b9c6f5-b8n2q");
  static final Endpoint CATALOG = Flows.pod("shop", "catalog-5c8d7f9b6-zz9kq");
  static final Endpoint CATALOG_2 = Flows.pod("shop", "catalog-5c8d7f9b6-p4t6w");
  static final Endpoint CART = Flows.pod("shop", "cart-6f7d8c9b5-k2m4n");
  static final Endpoint AUTH = Flows.pod("identity", "auth-7b6c5d4f8-q9w8e");
  static final Endpoint PAYMENTS_DB = Flows.pod("payments", "payments-db-6d5c4b3a2-r5t6y");
  static final Endpoint PROMETHEUS = Flows.pod("monitoring", "prometheus-5f6g7h8j9-a1s2d");
  static final Endpoint NODE_EXPORTER = Flows.pod("monitoring", "node-exporter-4d5f6g7h8-z9x8c");
  static final Endpoint COREDNS = Flows.pod("kube-system", "coredns-5d78c9869d-m2n3b");

  final MutableClock clock = new MutableClock();
  final AnomalyEngine engine;
  private final List<Flow> pending = new ArrayList<>();

  Harness() {
    this(AnomalyEngine.Options.defaults());
  }

  Harness(AnomalyEngine.Options options) {
    this.engine = new AnomalyEngine(clock, options);
  }

  Harness(AnomalyEngine.Options options, AnomalyListener listener) {
    this.engine = new AnomalyEngine(clock, options, listener);
  }

  /** Default options with some settings overridden by their text values. */
  static AnomalyEngine.Options options(Map<Setting<?>, String> overrides) {
    return AnomalyEngine.Options.from(Config.of(overrides));
  }

  static Instant at(double seconds) {
    return T0.plusNanos(Math.round(seconds * 1e9));
  }

  /**
   * Schedules {@code count} flows evenly over {@code [from, to)} seconds: flow {@code i} at
   * {@code from + floor(i * (to - from) / count)}, built by {@code make(i, time)}.
   */
  Harness spread(double from, double to, long count, BiFunction<Long, Instant, Flow.Builder> make) {
    long start = Math.round(from * SECOND);
    long span = Math.round(to * SECOND) - start;
    for (long i = 0; i < count; i++) {
      long offset = Math.floorDiv(i * span, count);
      Instant time = T0.plusNanos(start + offset);
      pending.add(make.apply(i, time).build());
    }
    return this;
  }

  /** Schedules flows at {@code perSecond} over {@code [from, to)} seconds. */
  Harness every(double from, double to, double perSecond, BiFunction<Long, Instant, Flow.Builder> make) {
    return spread(from, to, Math.round((to - from) * perSecond), make);
  }

  /** Forwarded TCP flows from {@code src} to {@code dst}:{@code port} at {@code perSecond}. */
  Harness tcp(double from, double to, double perSecond, Endpoint src, Endpoint dst, int port) {
    return every(from, to, perSecond, (i, t) -> Flows.tcp(t, src, dst, port));
  }

  /** A quiet background edge (0.5 flows/s, below every minimum) so that no interval of the stream is silent. */
  Harness background(double from, double to) {
    return tcp(from, to, 0.5, PROMETHEUS, NODE_EXPORTER, 9100);
  }

  /** Feeds every scheduled flow in time order (stable for equal times), as a live stream. */
  Harness run() {
    pending.sort(Comparator.comparingLong(Flow::timeNanos));
    for (Flow f : pending) {
      if (f.timeNanos() > clock.nowNanos()) {
        clock.set(f.time());
      }
      engine.onFlow(f);
    }
    pending.clear();
    return this;
  }

  /** Feeds what is scheduled, then moves the clock to {@code seconds} and ticks, as the live timer would. */
  Harness runUntil(double seconds) {
    run();
    Instant t = at(seconds);
    if (t.isAfter(clock.now())) {
      clock.set(t);
    }
    engine.tick();
    return this;
  }

  List<Anomaly> anomalies(String type) {
    return engine.anomalies(new AnomalyEngine.Query(null, java.util.Set.of(type), null, null));
  }

  List<Anomaly> all() {
    return engine.anomalies();
  }

  /** Seconds after {@link #T0} of an instant. */
  static double seconds(Instant t) {
    return (t.getEpochSecond() - T0.getEpochSecond()) + (t.getNano() - T0.getNano()) / 1e9;
  }
}
