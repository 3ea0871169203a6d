package io.networkvisualizer.metrics;

import static io.networkvisualizer.testing.MutableClock.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.metrics.GraphQuery.Level;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cumulative workload-edge totals {@link EdgeMetrics#workloadTotals} gives {@code /metrics}: what they count, that
 * they never go down while pod-level edges expire or are evicted, and how their retired part is bounded.
 */
class WorkloadTotalsTest {
  static final Endpoint FRONTEND = Flows.pod("shop", "frontend-7d4b9c6f5-x2k4f");
  static final Endpoint FRONTEND_2 = Flows.pod("shop", "frontend-7d4b9c6f5-b8n2q");
  static final Endpoint CART = Flows.pod("shop", "cart-5c8d7f9b6-zz9kq");
  static final Endpoint DB = Flows.podWithoutWorkload("data", "postgres-0");
  static final String W_FRONTEND = "workload/shop/frontend";
  static final String W_CART = "workload/shop/cart";
  static final String W_DB = "workload/data/postgres";

  final MutableClock clock = new MutableClock();
  EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());

  static Instant at(double seconds) {
    return START.plusNanos(Math.round(seconds * 1e9));
  }

  void feed(Flow.Builder builder) {
    Flow flow = builder.build();
    if (flow.timeNanos() > clock.nowNanos()) {
      clock.set(flow.time());
    }
    metrics.onFlow(flow);
  }

  Optional<EdgeTotals> total(String source, String destination, String protocol) {
    List<EdgeTotals> matching = metrics.workloadTotals().stream()
        .filter(s -> s.sourceWorkload().equals(source) && s.destWorkload().equals(destination)
            && s.protocol().equals(protocol))
        .toList();
    assertThat(matching).as("one sample per workload edge and protocol").hasSizeLessThanOrEqualTo(1);
    return matching.stream().findFirst();
  }

  EdgeTotals tcp(String source, String destination) {
    return total(source, destination, "TCP")
        .orElseThrow(() -> new AssertionError("no TCP total " + source + "->" + destination + " in "
            + metrics.workloadTotals()));
  }

  static EdgeMetrics.Options options(int maxEdges) {
    EdgeMetrics.Options d = EdgeMetrics.Options.defaults();
    return new EdgeMetrics.Options(d.window(), d.idleTimeout(), d.expiry(), maxEdges, 100, 10,
        d.errorRateThreshold());
  }

  @Nested
  class Counting {
    @Test
    void totalsAddUpTheFlowsOfEveryPodOfTheWorkloadsSinceTheyAppeared() {
      for (int i = 0; i < 150; i++) { // longer than the 60 s window: totals are not windowed
        feed(Flows.tcp(at(i), FRONTEND, CART, 8080).bytes(100).packets(1));
        feed(Flows.tcp(at(i + 0.5), FRONTEND_2, CART, 8080).bytes(10).packets(1));
      }
      EdgeTotals t = tcp(W_FRONTEND, W_CART);
      assertThat(t.flows()).isEqualTo(300);
      assertThat(t.bytes()).isEqualTo(150 * 110);
      assertThat(t.connections()).isZero();
      assertThat(t.drops()).isZero();
      assertThat(metrics.workloadTotals()).hasSize(1);
    }

    @Test
    void sourceAndDestinationAreTheWorkloadGraphsNodeIds() {
      feed(Flows.tcp(at(1), FRONTEND, DB, 5432));
      feed(Flows.tcp(at(2), Flows.world(), CART, 8080).sourceIp("203.0.113.9").direction(TrafficDirection.INGRESS)
          .observationPoint("TO_ENDPOINT"));

      GraphSnapshot graph = metrics.snapshot(GraphQuery.all(Level.WORKLOAD));
      assertThat(metrics.workloadTotals()).extracting(s -> s.sourceWorkload() + "->" + s.destWorkload())
          .containsExactlyInAnyOrderElementsOf(graph.edges().stream().map(GraphSnapshot.Edge::id).toList())
          .containsExactlyInAnyOrder(W_FRONTEND + "->" + W_DB, "world/203.0.113.9->" + W_CART);
    }

    @Test
    void eachProtocolIsItsOwnTotalNamedAsTheApiNamesIt() {
      feed(Flows.tcp(at(1), FRONTEND, CART, 8080));
      feed(Flows.httpRequest(at(2), FRONTEND, CART, 8080, "GET", "/cart"));
      feed(Flows.httpRequest(at(3), FRONTEND, CART, 8080, "GET", "/cart"));
      feed(Flows.dnsQuery(at(4), FRONTEND, CART, "db.example."));

      assertThat(metrics.workloadTotals()).extracting(EdgeTotals::protocol, EdgeTotals::flows)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Protocol.TCP.label(), 1L),
              org.assertj.core.groups.Tuple.tuple(Protocol.HTTP.label(), 2L),
              org.assertj.core.groups.Tuple.tuple(Protocol.DNS.label(), 1L));
    }

    @Test
    void connectionStartsAndDropsAreCountedWithTheirProtocol() {
      feed(Flows.syn(at(1), FRONTEND, CART, 8080, 40_001));
      feed(Flows.syn(at(1.1), FRONTEND, CART, 8080, 40_001)); // retransmitted: the same connection
      feed(Flows.syn(at(2), FRONTEND, CART, 8080, 40_002));
      feed(Flows.tcp(at(3), FRONTEND, CART, 8080).verdict(Verdict.DROPPED)
          .dropReason(DropReason.ofName("POLICY_DENIED")));
      feed(Flows.tcp(at(4), FRONTEND, CART, 8080).verdict(Verdict.ERROR));
      feed(Flows.udp(at(5), FRONTEND, CART, 53).verdict(Verdict.DROPPED));
      feed(Flows.httpResponse(at(6), FRONTEND, CART, 8080, "GET", "/", 503)); // an error, not a drop

      EdgeTotals t = tcp(W_FRONTEND, W_CART);
      assertThat(t.flows()).isEqualTo(5);
      assertThat(t.connections()).isEqualTo(2);
      assertThat(t.drops()).isEqualTo(2);
      EdgeTotals dns = total(W_FRONTEND, W_CART, "DNS").orElseThrow();
      assertThat(dns.connections()).isEqualTo(1); // the first flow of a UDP 5-tuple
      assertThat(dns.drops()).isEqualTo(1);
      assertThat(total(W_FRONTEND, W_CART, "HTTP").orElseThrow().drops()).isZero();
    }

    @Test
    void bytesAreOnlyThoseMeasured() {
      feed(Flows.tcp(at(1), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(2), FRONTEND, CART, 8080));
      assertThat(tcp(W_FRONTEND, W_CART).bytes()).isZero();

      feed(Flows.tcp(at(3), FRONTEND, CART, 8080).bytes(1500).packets(1));
      feed(Flows.tcp(at(4), FRONTEND, CART, 8080).bytes(0).packets(0)); // measured, empty
      assertThat(tcp(W_FRONTEND, W_CART).bytes()).isEqualTo(1500);
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(4);
    }

    @Test
    void aPacketReportedTwiceCountsOnceAsInTheWindowMetrics() {
      Flow egress = Flows.tcp(at(10), FRONTEND, CART, 8080).nodeName("node-a").observationPoint("TO_OVERLAY")
          .bytes(100).packets(1).build();
      feed(egress.toBuilder());
      feed(egress.toBuilder().timeNanos(egress.timeNanos() + 200_000).nodeName("node-b")
          .observationPoint("TO_ENDPOINT").direction(TrafficDirection.INGRESS));

      assertThat(metrics.stats().doubleObservationsSkipped()).isEqualTo(1);
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(1);
      assertThat(tcp(W_FRONTEND, W_CART).bytes()).isEqualTo(100);
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(metrics.stats().flowsCounted());
    }

    @Test
    void lateFlowsAreNotCounted() {
      feed(Flows.tcp(at(100), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(50), FRONTEND, CART, 8080)); // older than the tolerated lateness
      assertThat(metrics.stats().lateFlows()).isEqualTo(1);
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(1);
    }
  }

  @Nested
  class Monotonic {
    @Test
    void aWorkloadTotalKeepsWhatAnExpiredPodEdgeCounted() {
      for (int i = 0; i < 10; i++) {
        feed(Flows.syn(at(i), FRONTEND, CART, 8080, 41_000 + i).bytes(60).packets(1));
      }
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080).verdict(Verdict.DROPPED));
      EdgeTotals before = tcp(W_FRONTEND, W_CART);

      // FRONTEND's pod goes quiet; another pod of the workload goes on talking past the expiry.
      long previous = before.flows();
      for (int minute = 1; minute <= 12; minute++) {
        feed(Flows.tcp(at(minute * 60), FRONTEND_2, CART, 8080).bytes(40).packets(1));
        long flows = tcp(W_FRONTEND, W_CART).flows();
        assertThat(flows).isGreaterThan(previous);
        previous = flows;
      }
      assertThat(metrics.stats().edgesExpired()).isEqualTo(1);
      assertThat(metrics.snapshot(GraphQuery.all(Level.POD)).edges()).hasSize(1);

      EdgeTotals after = tcp(W_FRONTEND, W_CART);
      assertThat(after.flows()).isEqualTo(11 + 12);
      assertThat(after.bytes()).isEqualTo(10 * 60 + 12 * 40);
      assertThat(after.connections()).isEqualTo(10);
      assertThat(after.drops()).isEqualTo(1);
    }

    @Test
    void aWorkloadTotalKeepsWhatAnEvictedPodEdgeCounted() {
      metrics = new EdgeMetrics(clock, options(2));
      feed(Flows.syn(at(1), FRONTEND, CART, 8080, 41_000).bytes(10).packets(1));
      feed(Flows.tcp(at(2), FRONTEND_2, CART, 8080).verdict(Verdict.DROPPED));
      feed(Flows.tcp(at(3), CART, DB, 5432)); // evicts FRONTEND's edge
      feed(Flows.tcp(at(4), FRONTEND, DB, 5432)); // evicts FRONTEND_2's edge: no frontend->cart edge is left
      assertThat(metrics.stats().edgesEvicted()).isEqualTo(2);

      EdgeTotals t = tcp(W_FRONTEND, W_CART);
      assertThat(t.flows()).isEqualTo(2);
      assertThat(t.bytes()).isEqualTo(10);
      assertThat(t.connections()).isEqualTo(1);
      assertThat(t.drops()).isEqualTo(1);

      feed(Flows.tcp(at(5), FRONTEND, CART, 8080)); // seen again: goes on from where it was
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(3);
      assertThat(metrics.stats().workloadTotalsDropped()).isZero();
    }

    @Test
    void aNodeEvictedWithItsEdgesKeepsTheirTotalsToo() {
      metrics = new EdgeMetrics(clock, new EdgeMetrics.Options(Duration.ofSeconds(60), Duration.ofSeconds(30),
          Duration.ofMinutes(10), 100, 2, 10, 0.05));
      feed(Flows.tcp(at(1), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(2), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(3), DB, DB, 5432)); // a third node evicts FRONTEND, and its edge with it
      assertThat(metrics.stats().nodesEvicted()).isPositive();

      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(2);
    }

    @Test
    void aWorkloadEdgeGoneForTheExpiryGoesAwayAndStartsFromZeroIfSeenAgain() {
      metrics = new EdgeMetrics(clock, options(2));
      feed(Flows.tcp(at(1), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(2), FRONTEND, DB, 5432));
      feed(Flows.tcp(at(3), CART, DB, 5432)); // evicts frontend->cart: retired, recently seen
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(1);

      for (int minute = 1; minute <= 11; minute++) {
        feed(Flows.tcp(at(minute * 60), CART, DB, 5432)); // frontend->postgres expires on the way
      }
      assertThat(metrics.stats().workloadTotalsDropped()).as("gone at a sweep, not dropped by the cap").isZero();
      assertThat(metrics.workloadTotals()).extracting(s -> s.sourceWorkload() + "->" + s.destWorkload())
          .containsExactly(W_CART + "->" + W_DB);

      feed(Flows.tcp(at(700), FRONTEND, CART, 8080));
      assertThat(tcp(W_FRONTEND, W_CART).flows()).isEqualTo(1);
      assertThat(metrics.stats().workloadTotalsDropped()).isZero();
    }
  }

  @Nested
  class PerPodEdge {
    @Test
    void totalsOfProtocolsFirstSeenInAnyOrderStayApart() {
      EdgeState e = new EdgeState(null, null);
      Protocol[] order = {Protocol.UDP, Protocol.HTTP, Protocol.OTHER, Protocol.DNS, Protocol.TCP};
      for (int round = 1; round <= 3; round++) {
        for (int i = 0; i < order.length; i++) {
          Protocol p = order[i];
          e.add(round, round, false, false, i % 2 == 0, p, 10L * (p.ordinal() + 1), 1);
          e.countDrop("POLICY_DENIED", p);
        }
      }
      for (int i = 0; i < order.length; i++) {
        int p = order[i].ordinal();
        assertThat(e.flowTotal(p)).as(order[i] + " flows").isEqualTo(3);
        assertThat(e.connectionTotal(p)).as(order[i] + " starts").isEqualTo(i % 2 == 0 ? 3 : 0);
        assertThat(e.byteTotal(p)).as(order[i] + " bytes").isEqualTo(30L * (p + 1));
        assertThat(e.dropTotal(p)).as(order[i] + " drops").isEqualTo(3);
      }
      assertThat(e.flowTotal(Protocol.GRPC.ordinal()) + e.connectionTotal(Protocol.GRPC.ordinal())
          + e.byteTotal(Protocol.GRPC.ordinal()) + e.dropTotal(Protocol.GRPC.ordinal())).isZero();
    }
  }

  @Nested
  class Bounded {
    final WorkloadTotals totals = new WorkloadTotals(2);

    EdgeState edge(String clientWorkload, String serverWorkload, long flows, long atNanos) {
      EdgeState e = new EdgeState(node(clientWorkload), node(serverWorkload));
      for (int i = 0; i < flows; i++) {
        e.add(atNanos, 0, false, false, false, Protocol.TCP, -1, -1);
      }
      return e;
    }

    NodeState node(String workloadId) {
      return new NodeState(NodeKind.POD, "ns", workloadId + "-0", "pod/" + workloadId + "-0", workloadId + "-0", "ns",
          Map.of(), "", "", workloadId, workloadId, "namespace/ns");
    }

    Map<String, Long> read() {
      return totals.read(null, Long.MIN_VALUE).stream()
          .collect(java.util.stream.Collectors.toMap(s -> s.sourceWorkload() + "->" + s.destWorkload(),
              EdgeTotals::flows));
    }

    @Test
    void pastItsCapTheLeastRecentlyUpdatedRetiredTotalIsDroppedAndCounted() {
      totals.retire(edge("a", "b", 1, 10));
      totals.retire(edge("c", "d", 2, 20));
      totals.retire(edge("a", "b", 3, 30)); // a->b updated: c->d is now the least recently updated
      assertThat(totals.dropped).isZero();

      totals.retire(edge("e", "f", 4, 40));
      assertThat(totals.size()).isEqualTo(2);
      assertThat(totals.dropped).isEqualTo(1);
      assertThat(read()).containsOnly(Map.entry("a->b", 4L), Map.entry("e->f", 4L));
    }

    @Test
    void aLiveEdgeAndTheRetiredTotalsOfItsWorkloadEdgeAddUp() {
      totals.retire(edge("a", "b", 5, 10));
      EdgeState live = edge("a", "b", 2, 100);
      assertThat(totals.read(live, Long.MAX_VALUE)).singleElement()
          .satisfies(s -> assertThat(s.flows()).isEqualTo(7));
      assertThat(totals.size()).as("kept while its workload edge is live").isEqualTo(1);

      assertThat(totals.read(null, Long.MAX_VALUE)).isEmpty();
      assertThat(totals.size()).as("removed once idle with no live edge").isZero();
    }

    @Test
    void aSweepRemovesIdleRetiredTotals_butKeepsThoseWithALiveEdge() {
      totals.retire(edge("a", "b", 5, 10));
      totals.retire(edge("c", "d", 1, 10));
      EdgeState live = edge("a", "b", 2, 100);

      totals.expire(live, 50); // both last seen at 10: c->d has no live edge, a->b has one
      assertThat(totals.size()).isEqualTo(1);
      assertThat(totals.read(live, 50)).singleElement()
          .satisfies(s -> assertThat(s.flows()).as("still live: never goes down").isEqualTo(7));

      totals.expire(live, 5); // not idle long enough yet: nothing goes
      assertThat(totals.size()).isEqualTo(1);
    }

    @Test
    void aCapBelowOneIsRefused() {
      assertThatThrownBy(() -> new WorkloadTotals(0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(was 0)");
    }

    @Test
    void theEngineCapsItsRetiredTotalsAtMaxEdges() {
      metrics = new EdgeMetrics(clock, options(1));
      feed(Flows.tcp(at(1), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(2), FRONTEND, DB, 5432)); // retires frontend->cart
      feed(Flows.tcp(at(3), CART, DB, 5432)); // retires frontend->postgres, which drops frontend->cart

      assertThat(metrics.stats().workloadTotalsDropped()).isEqualTo(1);
      assertThat(metrics.workloadTotals()).extracting(s -> s.sourceWorkload() + "->" + s.destWorkload())
          .containsExactlyInAnyOrder(W_CART + "->" + W_DB, W_FRONTEND + "->" + W_DB);
    }
  }
}
