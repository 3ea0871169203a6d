package io.networkvisualizer.source.simulator;

import static io.networkvisualizer.source.simulator.Sample.MINUTE;
import static io.networkvisualizer.source.simulator.Sample.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.source.simulator.Scenario.Kind;
import io.networkvisualizer.testing.MutableClock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thirty simulated minutes, in event time, with and without injected anomalies: each kind is there with the property
 * its detector needs (thresholds of the spec: 3x spike, 80% drop, > 5% errors over >= 20 flows, > 20 ports a
 * minute, > 10 MiB/s out, > 100 DNS queries a minute), and the normal traffic stays clear of all of them.
 */
class AnomalyScenariosTest {
  private static final long EPOCH = MutableClock.START.getEpochSecond() * SECOND;
  private static final long THIRTY_MINUTES = 30 * MINUTE;
  private static final long TEN_MIB = 10L * 1024 * 1024;

  private static List<Sample> withAnomalies;
  private static List<Sample> quiet;
  private static Map<Kind, Timeline.Spec> specs;

  @BeforeAll
  static void generate() {
    SimulatorOptions options = SimulatorOptions.defaults();
    withAnomalies = Sample.generate(options, EPOCH, THIRTY_MINUTES);
    quiet = Sample.generate(options.withAnomalies(false), EPOCH, THIRTY_MINUTES);
    Timeline timeline = new TrafficGenerator(options, EPOCH).timeline();
    specs = new EnumMap<>(Kind.class);
    for (int i = 0; timeline.endOf(i) <= EPOCH + THIRTY_MINUTES; i++) {
      specs.putIfAbsent(timeline.spec(i).kind(), timeline.spec(i));
    }
  }

  @Test
  void everyKind_isInjectedWithinThirtyMinutes_afterAWarmUpLongerThanTheDetectorsOne() {
    TrafficGenerator g = new TrafficGenerator(SimulatorOptions.defaults(), EPOCH);
    List<Scenario> scenarios = g.scenarios(EPOCH, EPOCH + THIRTY_MINUTES);

    assertThat(scenarios).extracting(Scenario::kind).containsExactlyInAnyOrder(Kind.values());
    assertThat(scenarios.get(0).start()).isAfter(MutableClock.START.plusSeconds(5 * 60));
    for (int i = 1; i < scenarios.size(); i++) {
      assertThat(scenarios.get(i).start()).isAfterOrEqualTo(scenarios.get(i - 1).end());
    }
    assertThat(scenarios).allSatisfy(s -> {
      assertThat(s.sourceWorkload()).isNotEmpty();
      assertThat(s.destination()).isNotEmpty();
      assertThat(s.description()).isNotEmpty();
    });
  }

  @Test
  void anomaliesOff_listsNoScenario() {
    TrafficGenerator g = new TrafficGenerator(SimulatorOptions.defaults().withAnomalies(false), EPOCH);

    assertThat(g.scenarios(EPOCH, EPOCH + THIRTY_MINUTES)).isEmpty();
  }

  @Test
  void trafficSpike_runsItsEdgeAtLeastThreeTimesItsEarlierRate() {
    Timeline.Spec spike = specs.get(Kind.TRAFFIC_SPIKE);
    Predicate<Sample> edge = workloadEdge(spike);

    double before = perSecond(withAnomalies, edge, spike.start() - 5 * MINUTE, spike.start());
    double during = perSecond(withAnomalies, edge, spike.start(), spike.end());

    assertThat(before).isGreaterThan(2.0);
    assertThat(during).isGreaterThanOrEqualTo(3 * before);
  }

  @Test
  void trafficDrop_bringsItsEdgeBelowTwentyPercentOfItsEarlierRate() {
    Timeline.Spec drop = specs.get(Kind.TRAFFIC_DROP);
    Predicate<Sample> edge = workloadEdge(drop);

    double before = perSecond(withAnomalies, edge, drop.start() - 5 * MINUTE, drop.start());
    double during = perSecond(withAnomalies, edge, drop.start(), drop.end());
    double after = perSecond(withAnomalies, edge, drop.end() + 5 * SECOND, drop.end() + 3 * MINUTE);

    assertThat(before).isGreaterThan(1.0);
    assertThat(during).isLessThan(0.2 * before);
    assertThat(after).isGreaterThan(0.5 * before);
  }

  @Test
  void unusualProtocol_isOneTheTwoWorkloadsNeverUsedBefore() {
    Timeline.Spec s = specs.get(Kind.UNUSUAL_PROTOCOL);
    Set<String> pair = Set.of(s.sourceWorkload().id(), s.destinationWorkload().id());
    Predicate<Sample> between = f -> pair.equals(Set.of(f.srcWorkload(), f.dstWorkload()))
        && !f.srcWorkload().equals(f.dstWorkload());

    Set<Integer> before = withAnomalies.stream().filter(f -> f.t() < s.start()).filter(between)
        .map(Sample::protocol).collect(Collectors.toSet());
    long during = count(withAnomalies, between.and(f -> f.protocol() == s.protocol()), s.start(), s.end());

    assertThat(before).as("the workloads talk before, over other protocols").isNotEmpty()
        .doesNotContain(s.protocol());
    assertThat(during).isGreaterThan(60);
  }

  @Test
  void unexpectedConnection_reachesAWorkloadItsSourceNeverTalkedTo() {
    Timeline.Spec s = specs.get(Kind.UNEXPECTED_CONNECTION);
    Predicate<Sample> edge = f -> f.clientWorkload().equals(s.sourceWorkload().id())
        && f.serverWorkload().equals(s.destinationWorkload().id());

    long before = withAnomalies.stream().filter(f -> f.t() < s.start()).filter(edge).count();
    long during = count(withAnomalies, edge.and(f -> f.clientPod().equals(s.source().id())
        && f.serverPod().equals(s.destination().id())), s.start(), s.end());
    long sourceBefore = withAnomalies.stream().filter(f -> f.t() < s.start())
        .filter(f -> f.clientWorkload().equals(s.sourceWorkload().id())).count();

    assertThat(sourceBefore).as("the source is a busy workload").isGreaterThan(1_000);
    assertThat(before).isZero();
    assertThat(during).isGreaterThan(20);
  }

  @Test
  void highErrorRate_dropsMoreThanFivePercentOfAtLeastTwentyFlowsEveryMinute() {
    Timeline.Spec s = specs.get(Kind.HIGH_ERROR_RATE);
    Predicate<Sample> edge = f -> f.clientPod().equals(s.source().id()) && f.serverPod().equals(s.destination().id());

    for (long from = s.start(); from + MINUTE <= s.end(); from += 10 * SECOND) {
      long total = count(withAnomalies, edge, from, from + MINUTE);
      long dropped = count(withAnomalies, edge.and(Sample::dropped), from, from + MINUTE);
      assertThat(total).as("flows in the minute from " + from).isGreaterThanOrEqualTo(20);
      assertThat((double) dropped / total).as("dropped share in the minute from " + from).isGreaterThan(0.05);
    }
    double before = (double) count(withAnomalies, edge.and(Sample::dropped), s.start() - 5 * MINUTE, s.start())
        / Math.max(1, count(withAnomalies, edge, s.start() - 5 * MINUTE, s.start()));
    assertThat(before).isLessThan(0.01);
  }

  @Test
  void portScan_touchesMoreThanTwentyPortsOfOnePodWithinEveryMinute() {
    Timeline.Spec s = specs.get(Kind.PORT_SCAN);
    for (long from = s.start(); from + MINUTE <= s.end(); from += 10 * SECOND) {
      long t0 = from;
      Set<Integer> ports = window(withAnomalies, t0, t0 + MINUTE).stream()
          .filter(f -> !f.reply())
          .filter(f -> f.srcPod().equals(s.source().id()) && f.dstPod().equals(s.destination().id()))
          .map(Sample::dstPort).collect(Collectors.toSet());
      assertThat(ports).as("ports probed in the minute from " + from).hasSizeGreaterThan(100);
    }
  }

  @Test
  void dataExfiltration_sendsMoreThanTenMebibytesPerSecondOutsideForItsWholeDuration() {
    Timeline.Spec s = specs.get(Kind.DATA_EXFILTRATION);
    Predicate<Sample> upload = f -> f.srcPod().equals(s.source().id()) && f.dstIp().equals(s.world().ip())
        && f.dstWorkload().equals("world");

    assertThat(window(withAnomalies, s.start(), s.end()).stream().filter(upload))
        .allSatisfy(f -> assertThat(f.bytes()).as("measured bytes").isPositive());
    for (long from = s.start() + SECOND; from + SECOND <= s.end() - SECOND; from += SECOND) {
      long t0 = from;
      long bytes = window(withAnomalies, t0, t0 + SECOND).stream().filter(upload)
          .mapToLong(Sample::bytes).sum();
      assertThat(bytes).as("bytes out in the second from " + from).isGreaterThan(TEN_MIB)
          .isLessThan(Timeline.EXFIL_BYTES_PER_SECOND * 12 / 10); // the rate its description states, give or take
    }
  }

  @Test
  void dnsAnomaly_sendsMoreThanHundredQueriesPerMinuteFromOnePod() {
    Timeline.Spec s = specs.get(Kind.DNS_ANOMALY);
    for (long from = s.start(); from + MINUTE <= s.end(); from += 10 * SECOND) {
      long queries = count(withAnomalies, f -> f.dnsRequest() && f.srcPod().equals(s.source().id()), from,
          from + MINUTE);
      assertThat(queries).as("queries in the minute from " + from).isGreaterThan(100);
    }
  }

  @Test
  void normalTraffic_scansNoPorts() {
    Map<String, Integer> worst = worstPerSource(quiet, f -> !f.reply() && f.protocol() != 1,
        f -> f.clientPod(), Sample::dstPort);

    assertThat(worst).allSatisfy((pod, ports) -> assertThat(ports).as(pod).isLessThanOrEqualTo(20));
  }

  @Test
  void normalTraffic_staysBelowHundredDnsQueriesPerMinuteFromAnyPod() {
    // the generous count: every non-reply packet to port 53 (both copies of it) plus the proxy's query records
    Map<String, Long> worst = new HashMap<>();
    for (long from = 0; from + MINUTE <= THIRTY_MINUTES; from += 10 * SECOND) {
      long t0 = EPOCH + from;
      window(quiet, t0, t0 + MINUTE).stream()
          .filter(f -> f.dnsRequest() || (f.dstPort() == 53 && !f.reply()))
          .collect(Collectors.groupingBy(Sample::srcPod, Collectors.counting()))
          .forEach((pod, n) -> worst.merge(pod, n, Math::max));
    }

    assertThat(worst).isNotEmpty();
    assertThat(worst).allSatisfy((pod, n) -> assertThat(n).as(pod).isLessThanOrEqualTo(100));
  }

  @Test
  void normalTraffic_hasNoEdgeAboveFivePercentErrors() {
    // per client->server pod pair and per workload pair, every minute window with at least 20 flows
    double worst = 0;
    String where = "";
    Map<Sample, String> podEdges = new IdentityHashMap<>();
    Map<Sample, String> workloadEdges = new IdentityHashMap<>();
    Map<String, String> interned = new HashMap<>();
    for (Sample f : quiet) {
      podEdges.put(f, interned.computeIfAbsent(f.podEdge(), k -> k));
      workloadEdges.put(f, interned.computeIfAbsent(f.clientWorkload() + "->" + f.serverWorkload(), k -> k));
    }
    for (Map<Sample, String> keys : List.of(podEdges, workloadEdges)) {
      for (long from = 0; from + MINUTE <= THIRTY_MINUTES; from += 10 * SECOND) {
        long t0 = EPOCH + from;
        Map<String, long[]> edges = new HashMap<>();
        for (Sample f : window(quiet, t0, t0 + MINUTE)) {
          long[] c = edges.computeIfAbsent(keys.get(f), k -> new long[2]);
          c[0]++;
          if (f.error()) {
            c[1]++;
          }
        }
        for (Map.Entry<String, long[]> e : edges.entrySet()) {
          long[] c = e.getValue();
          if (c[0] >= 20 && (double) c[1] / c[0] > worst) {
            worst = (double) c[1] / c[0];
            where = e.getKey() + " at minute " + from / MINUTE;
          }
        }
      }
    }
    assertThat(worst).as("worst error share, " + where).isLessThanOrEqualTo(0.05);
    assertThat(quiet.stream().filter(Sample::dropped).count()).as("policy drops do happen").isPositive();
  }

  @Test
  void normalTraffic_sendsFarLessThanTenMebibytesPerSecondOutside() {
    Map<String, Long> perPodAndSecond = new HashMap<>();
    for (Sample f : quiet) {
      if (f.dstWorkload().equals("world") && !f.srcPod().isEmpty() && f.bytes() > 0) {
        perPodAndSecond.merge(f.srcPod() + "@" + (f.t() / SECOND), f.bytes(), Long::sum);
      }
    }

    assertThat(perPodAndSecond).isNotEmpty();
    assertThat(perPodAndSecond.values().stream().mapToLong(Long::longValue).max().orElseThrow())
        .isLessThan(TEN_MIB / 10);
  }

  @Test
  void normalTraffic_hasNoSpikeOrDropOnABusyEdge() {
    Map<String, long[]> perMinute = new HashMap<>();
    for (Sample f : quiet) {
      int minute = (int) ((f.t() - EPOCH) / MINUTE);
      perMinute.computeIfAbsent(f.clientWorkload() + "->" + f.serverWorkload(), k -> new long[30])[minute]++;
      perMinute.computeIfAbsent(f.podEdge(), k -> new long[30])[minute]++;
    }
    for (Map.Entry<String, long[]> e : perMinute.entrySet()) {
      long[] m = e.getValue();
      for (int minute = 5; minute < 30; minute++) {
        double baseline = (m[minute - 5] + m[minute - 4] + m[minute - 3] + m[minute - 2] + m[minute - 1]) / 5.0;
        if (baseline < 120) {
          continue; // below 2 flows/s: the spike and drop detectors ignore such edges
        }
        // the spec's thresholds: a spike is 3x the baseline, a drop 80% below it
        assertThat(m[minute] / baseline).as(e.getKey() + " minute " + minute).isStrictlyBetween(0.2, 3.0);
      }
    }
  }

  @Test
  void normalTraffic_meetsNoNewPeerOrProtocolAfterTheWarmUp() {
    Set<String> podEdges = new HashSet<>();
    Set<String> protocols = new HashSet<>();
    List<String> late = new ArrayList<>();
    for (Sample f : quiet) {
      String podEdge = f.clientPod() + "->" + f.serverWorkload();
      String protocol = f.clientWorkload() + "->" + f.serverWorkload() + "/" + f.protocol();
      boolean newEdge = !f.clientWorkload().equals("world") && podEdges.add(podEdge);
      boolean newProtocol = protocols.add(protocol);
      if (f.t() >= EPOCH + 5 * MINUTE && (newEdge || newProtocol)) {
        late.add((newEdge ? podEdge : protocol) + " first at minute " + (f.t() - EPOCH) / MINUTE);
      }
    }
    assertThat(late).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static Predicate<Sample> workloadEdge(Timeline.Spec s) {
    String client = s.sourceWorkload().id();
    String server = s.destinationWorkload().id();
    return f -> f.clientWorkload().equals(client) && f.serverWorkload().equals(server);
  }

  private static long count(List<Sample> flows, Predicate<Sample> p, long from, long to) {
    return window(flows, from, to).stream().filter(p).count();
  }

  /** The flows of {@code [from, to)}; generated flows come in time order. */
  private static List<Sample> window(List<Sample> flows, long from, long to) {
    return flows.subList(firstAtOrAfter(flows, from), firstAtOrAfter(flows, to));
  }

  private static int firstAtOrAfter(List<Sample> flows, long t) {
    int lo = 0;
    int hi = flows.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (flows.get(mid).t() < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double perSecond(List<Sample> flows, Predicate<Sample> p, long from, long to) {
    return count(flows, p, from, to) / ((to - from) / (double) SECOND);
  }

  /** The most distinct values any source reaches in any minute window (stepped by 10 s). */
  private static Map<String, Integer> worstPerSource(List<Sample> flows, Predicate<Sample> p,
      java.util.function.Function<Sample, String> source, java.util.function.Function<Sample, Integer> value) {
    Map<String, Integer> worst = new HashMap<>();
    for (long from = 0; from + MINUTE <= THIRTY_MINUTES; from += 10 * SECOND) {
      long t0 = EPOCH + from;
      Map<String, Set<Integer>> seen = new HashMap<>();
      for (Sample f : window(flows, t0, t0 + MINUTE)) {
        if (p.test(f)) {
          seen.computeIfAbsent(source.apply(f), k -> new HashSet<>()).add(value.apply(f));
        }
      }
      seen.forEach((k, v) -> worst.merge(k, v.size(), Math::max));
    }
    return worst;
  }
}
