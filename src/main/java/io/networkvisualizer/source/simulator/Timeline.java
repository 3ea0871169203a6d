package io.networkvisualizer.source.simulator;

import io.networkvisualizer.source.simulator.Cluster.Pod;
import io.networkvisualizer.source.simulator.Cluster.Workload;
import io.networkvisualizer.source.simulator.Cluster.World;
import io.networkvisualizer.source.simulator.Scenario.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When and where the simulated cluster injects anomalies: after a quiet warm-up, one every {@code anomalyGap}, each
 * for {@code anomalyDuration}, cycling through the eight kinds in a fixed order. Who misbehaves is drawn from the seed,
 * and each cycle picks different participants so that a "new" protocol or destination is new every time (until the
 * candidates run out). Pure: the same options and epoch give the same timeline; any entry can be computed on demand.
 */
final class Timeline {
  static final Kind[] ORDER = {
      Kind.TRAFFIC_SPIKE, Kind.TRAFFIC_DROP, Kind.UNUSUAL_PROTOCOL, Kind.UNEXPECTED_CONNECTION,
      Kind.HIGH_ERROR_RATE, Kind.PORT_SCAN, Kind.DATA_EXFILTRATION, Kind.DNS_ANOMALY};

  static final double SPIKE_FACTOR = 6.0;
  static final double SCAN_PORTS_PER_SECOND = 3.0;
  static final long EXFIL_BYTES_PER_SECOND = 15L * 1024 * 1024;
  static final double DNS_FLOOD_PER_SECOND = 10.0;
  static final double ERROR_SHARE_FIRST = 0.3;
  static final double ERROR_SHARE_LAST = 0.7;
  static final double ERROR_EXTRA_PER_SECOND = 1.0;
  static final double UNEXPECTED_PER_SECOND = 0.5;
  static final double UNUSUAL_PER_SECOND = 2.0;

  private static final List<String> SPIKE_EDGES = List.of(
      "shop/frontend->shop/catalog", "identity/auth->identity/user-api", "shop/cart->shop/redis",
      "shop/frontend->shop/recommendations", "payments/payments-api->payments/ledger", "shop/catalog->shop/redis");
  private static final List<String> DROP_EDGES = List.of(
      "shop/recommendations->shop/catalog", "identity/user-api->identity/identity-db",
      "payments/ledger->payments/payments-db", "shop/frontend->shop/cart", "shop/checkout->shop/cart");
  private static final List<String> UNUSUAL_EDGES = List.of(
      "shop/checkout->payments/payments-api", "shop/frontend->identity/auth",
      "payments/payments-api->payments/fraud-check", "identity/auth->identity/user-api",
      "shop/frontend->shop/checkout");
  private static final int[] UNUSUAL_PROTOCOLS = {FlowFactory.UDP, FlowFactory.SCTP, FlowFactory.ICMP};
  private static final List<String> UNEXPECTED_PAIRS = List.of(
      "shop/frontend->payments/payments-db", "shop/recommendations->identity/identity-db",
      "shop/cart->payments/ledger", "shop/catalog->identity/user-api", "identity/auth->payments/payments-db",
      "shop/checkout->identity/identity-db");
  private static final List<String> ERROR_EDGES = List.of(
      "shop/checkout->payments/payments-api", "shop/frontend->shop/checkout",
      "payments/payments-api->payments/fraud-check", "shop/frontend->identity/auth");
  private static final List<String> SCAN_EDGES = List.of(
      "shop/recommendations->shop/catalog", "identity/user-api->identity/identity-db", "shop/cart->shop/redis",
      "payments/ledger->payments/payments-db");
  private static final List<String> EXFIL_SOURCES = List.of(
      "identity/user-api", "payments/ledger", "shop/catalog", "identity/auth");
  private static final List<String> EXFIL_NAMES = List.of(
      "uploads.filedrop.example", "sync.backup-cloud.example", "cdn.imgshare.example", "api.paste-mirror.example");
  private static final List<String> DNS_SOURCES = List.of(
      "shop/cart", "shop/frontend", "payments/payments-api", "identity/auth");
  private static final List<String> DNS_DOMAINS = List.of(
      "t.data-sync.example.", "x.telemetry-cdn.example.", "q.update-check.example.");

  /**
   * One scheduled injection, with everything the generator needs to produce it.
   *
   * @param pattern index into {@link TrafficPlan#PATTERNS} for kinds that act on a normal edge, else -1
   * @param protocol L4 protocol number of an unusual-protocol injection
   * @param port destination port of the injected traffic, where it has one
   * @param domain the domain a DNS flood queries under
   */
  record Spec(int index, Kind kind, long start, long end, int pattern, Workload sourceWorkload,
      Workload destinationWorkload, Pod source, Pod destination, World world, int protocol, int port, String domain,
      Scenario scenario) {}

  private final Cluster cluster;
  private final long seed;
  private final long epoch;
  private final long startOffset;
  private final long gap;
  private final long duration;
  private final List<List<String>> orders = new ArrayList<>();

  Timeline(Cluster cluster, SimulatorOptions options, long epochNanos) {
    this.cluster = cluster;
    this.seed = options.seed();
    this.epoch = epochNanos;
    this.startOffset = options.anomalyStart().toNanos();
    this.gap = options.anomalyGap().toNanos();
    this.duration = options.anomalyDuration().toNanos();
    for (Kind kind : Kind.values()) {
      List<String> candidates = new ArrayList<>(candidates(kind));
      Collections.shuffle(candidates, new Random(FlowFactory.mix64(seed + 31L * kind.ordinal())));
      orders.add(List.copyOf(candidates));
    }
    for (String pair : UNEXPECTED_PAIRS) {
      String[] ends = pair.split("->");
      if (TrafficPlan.hasEdge(ends[0], ends[1])) {
        throw new IllegalStateException("unexpected-connection candidate " + pair + " is normal traffic");
      }
    }
  }

  private static List<String> candidates(Kind kind) {
    return switch (kind) {
      case TRAFFIC_SPIKE -> SPIKE_EDGES;
      case TRAFFIC_DROP -> DROP_EDGES;
      case UNUSUAL_PROTOCOL -> UNUSUAL_EDGES;
      case UNEXPECTED_CONNECTION -> UNEXPECTED_PAIRS;
      case HIGH_ERROR_RATE -> ERROR_EDGES;
      case PORT_SCAN -> SCAN_EDGES;
      case DATA_EXFILTRATION -> EXFIL_SOURCES;
      case DNS_ANOMALY -> DNS_SOURCES;
    };
  }

  long startOf(int index) {
    return epoch + startOffset + index * gap;
  }

  long endOf(int index) {
    return startOf(index) + duration;
  }

  /** The first scenario that has not ended at {@code t}. */
  int firstNotEndedAt(long t) {
    if (t < endOf(0)) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE - 1, (t - epoch - startOffset - duration) / gap + 1);
  }

  /** Scenarios that overlap {@code [from, to)}, oldest first. */
  List<Scenario> scenarios(long from, long to) {
    List<Scenario> out = new ArrayList<>();
    for (int i = firstNotEndedAt(from); startOf(i) < to; i++) {
      out.add(spec(i).scenario());
    }
    return out;
  }

  Spec spec(int index) {
    Kind kind = ORDER[index % ORDER.length];
    int cycle = index / ORDER.length;
    List<String> order = orders.get(kind.ordinal());
    String pick = order.get(cycle % order.size());
    Random r = new Random(FlowFactory.mix64(seed ^ (0x9E3779B97F4A7C15L * (index + 1))));
    long start = startOf(index);
    long end = endOf(index);
    return switch (kind) {
      case TRAFFIC_SPIKE, TRAFFIC_DROP -> {
        int pattern = TrafficPlan.patternIndex(pick);
        String[] ends = pick.split("->");
        Workload src = cluster.workload(ends[0]);
        Workload dst = cluster.workload(ends[1]);
        String description = kind == Kind.TRAFFIC_SPIKE
            ? src.id() + " -> " + dst.id() + " runs at " + (int) SPIKE_FACTOR + "x its normal rate"
            : src.id() + " -> " + dst.id() + " stops: no traffic on the edge";
        yield new Spec(index, kind, start, end, pattern, src, dst, null, null, null, 0, dst.port, null,
            scenario(kind, start, end, null, src, dst.id(), description));
      }
      case UNUSUAL_PROTOCOL -> {
        int pattern = TrafficPlan.patternIndex(pick);
        String[] ends = pick.split("->");
        Workload srcW = cluster.workload(ends[0]);
        Workload dstW = cluster.workload(ends[1]);
        Pod src = pick(srcW, r);
        Pod dst = pick(dstW, r);
        int protocol = UNUSUAL_PROTOCOLS[cycle % UNUSUAL_PROTOCOLS.length];
        int port = protocol == FlowFactory.UDP ? 9999 : protocol == FlowFactory.SCTP ? 9899 : 0;
        String name = protocol == FlowFactory.UDP ? "UDP port 9999" : protocol == FlowFactory.SCTP
            ? "SCTP port 9899" : "ICMP echo";
        String description = src.id() + " sends " + name + " to " + dst.id() + "; " + srcW.id() + " and "
            + dstW.id() + " never used " + (protocol == FlowFactory.UDP ? "UDP"
                : protocol == FlowFactory.SCTP ? "SCTP" : "ICMP") + " before";
        yield new Spec(index, kind, start, end, pattern, srcW, dstW, src, dst, null, protocol, port, null,
            scenario(kind, start, end, src, srcW, dst.id(), description));
      }
      case UNEXPECTED_CONNECTION -> {
        String[] ends = pick.split("->");
        Workload srcW = cluster.workload(ends[0]);
        Workload dstW = cluster.workload(ends[1]);
        Pod src = pick(srcW, r);
        Pod dst = pick(dstW, r);
        String description = src.id() + " connects to " + dst.id() + " on TCP " + dstW.port + "; " + srcW.id()
            + " never talked to " + dstW.id() + " before";
        yield new Spec(index, kind, start, end, -1, srcW, dstW, src, dst, null, FlowFactory.TCP, dstW.port, null,
            scenario(kind, start, end, src, srcW, dst.id(), description));
      }
      case HIGH_ERROR_RATE -> {
        int pattern = TrafficPlan.patternIndex(pick);
        String[] ends = pick.split("->");
        Workload srcW = cluster.workload(ends[0]);
        Workload dstW = cluster.workload(ends[1]);
        Pod src = pick(srcW, r);
        Pod dst = pick(dstW, r);
        String description = "a policy change at " + dstW.id() + " denies " + percent(ERROR_SHARE_FIRST)
            + " rising to " + percent(ERROR_SHARE_LAST) + " of the connections from " + src.id() + " to "
            + dst.id();
        yield new Spec(index, kind, start, end, pattern, srcW, dstW, src, dst, null, FlowFactory.TCP, dstW.port,
            null, scenario(kind, start, end, src, srcW, dst.id(), description));
      }
      case PORT_SCAN -> {
        String[] ends = pick.split("->");
        Workload srcW = cluster.workload(ends[0]);
        Workload dstW = cluster.workload(ends[1]);
        Pod src = pick(srcW, r);
        Pod dst = pick(dstW, r);
        String description = src.id() + " probes " + (int) (SCAN_PORTS_PER_SECOND * 60) + " TCP ports a minute of "
            + dst.id();
        yield new Spec(index, kind, start, end, -1, srcW, dstW, src, dst, null, FlowFactory.TCP, 0, null,
            scenario(kind, start, end, src, srcW, dst.id(), description));
      }
      case DATA_EXFILTRATION -> {
        Workload srcW = cluster.workload(pick);
        Pod src = pick(srcW, r);
        World world = new World("203.0.113." + (10 + (index * 37) % 200),
            EXFIL_NAMES.get(cycle % EXFIL_NAMES.size()));
        String description = src.id() + " uploads " + EXFIL_BYTES_PER_SECOND / (1024 * 1024) + " MiB/s to "
            + world + " over TLS";
        yield new Spec(index, kind, start, end, -1, srcW, null, src, null, world, FlowFactory.TCP, 443, null,
            scenario(kind, start, end, src, srcW, world.toString(), description));
      }
      case DNS_ANOMALY -> {
        Workload srcW = cluster.workload(pick);
        Pod src = pick(srcW, r);
        Workload dns = cluster.workload("kube-system/coredns");
        String domain = DNS_DOMAINS.get(cycle % DNS_DOMAINS.size());
        String description = src.id() + " sends " + (int) (DNS_FLOOD_PER_SECOND * 60)
            + " DNS queries a minute for random names under " + domain.substring(0, domain.length() - 1);
        yield new Spec(index, kind, start, end, -1, srcW, dns, src, null, null, FlowFactory.UDP, 53, domain,
            scenario(kind, start, end, src, srcW, dns.id(), description));
      }
    };
  }

  private static Pod pick(Workload w, Random r) {
    return w.pods.get(r.nextInt(w.pods.size()));
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  private static Scenario scenario(Kind kind, long start, long end, Pod source, Workload sourceWorkload,
      String destination, String description) {
    return new Scenario(kind, instant(start), instant(end), source == null ? "" : source.id(), sourceWorkload.id(),
        destination, description);
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
