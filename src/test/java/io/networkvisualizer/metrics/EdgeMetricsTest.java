package io.networkvisualizer.metrics;

import static io.networkvisualizer.testing.MutableClock.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.TcpFlags;
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
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Pins every metric of an edge with hand-built flows and a clock moved by hand. With the default 60 s window the
 * buckets are 5 s long and {@link MutableClock#START} is on a bucket boundary, so at {@code START + 60 s} the window
 * covers {@code START + 5 s} to {@code START + 60 s}: 55 s.
 */
class EdgeMetricsTest {
  static final Endpoint FRONTEND = Flows.pod("shop", "frontend-7d4b9c6f5-x2k4f");
  static final Endpoint FRONTEND_2 = Flows.pod("shop", "frontend-7d4b9c6f5-b8n2q");
  static final Endpoint CART = Flows.pod("shop", "cart-5c8d7f9b6-zz9kq");
  static final Endpoint DB = Flows.podWithoutWorkload("data", "postgres-0");
  static final String F = "pod/shop/frontend-7d4b9c6f5-x2k4f";
  static final String C = "pod/shop/cart-5c8d7f9b6-zz9kq";

  final MutableClock clock = new MutableClock();
  EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());

  static Instant at(double seconds) {
    return START.plusNanos(Math.round(seconds * 1e9));
  }

  /** Feeds a flow as a live stream would: the clock is at least the flow's time. */
  void feed(Flow flow) {
    if (flow.timeNanos() > clock.nowNanos()) {
      clock.set(flow.time());
    }
    metrics.onFlow(flow);
  }

  void feed(Flow.Builder flow) {
    feed(flow.build());
  }

  GraphSnapshot graph(Level level) {
    return metrics.snapshot(GraphQuery.all(level));
  }

  Optional<GraphSnapshot.Edge> edge(Level level, String source, String target) {
    return graph(level).edges().stream().filter(e -> e.id().equals(source + "->" + target)).findFirst();
  }

  GraphSnapshot.FlowData data(String source, String target) {
    return edge(Level.POD, source, target).orElseThrow(
        () -> new AssertionError("no edge " + source + "->" + target + " in " + graph(Level.POD).edges()))
        .flowData();
  }

  GraphSnapshot.Node node(Level level, String id) {
    return graph(level).nodes().stream().filter(n -> n.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + id + " in " + graph(level).nodes()));
  }

  static EdgeMetrics.Options options(int maxEdges, int maxNodes, int maxWorldNodes) {
    EdgeMetrics.Options d = EdgeMetrics.Options.defaults();
    return new EdgeMetrics.Options(d.window(), d.idleTimeout(), d.expiry(), maxEdges, maxNodes, maxWorldNodes,
        d.errorRateThreshold());
  }

  @Nested
  class Rates {
    @Test
    void ratesAreTheWindowsCountsOverTheSpanItCovers() {
      for (int i = 0; i < 110; i++) {
        feed(Flows.tcp(at(10 + i * 0.4), FRONTEND, CART, 8080).bytes(1000).packets(2));
      }
      clock.set(at(60));

      GraphSnapshot.FlowData d = data(F, C);
      assertThat(d.flowsPerSec()).isCloseTo(2.0, within(1e-9));
      assertThat(d.bytesPerSec()).isCloseTo(2000.0, within(1e-9));
      assertThat(d.packetsPerSec()).isCloseTo(4.0, within(1e-9));
      assertThat(d.bytesMeasured()).isTrue();
      assertThat(d.lastSeen()).isEqualTo(at(10 + 109 * 0.4));
    }

    @Test
    void flowsOlderThanTheWindowNoLongerCount() {
      feed(Flows.tcp(at(1), FRONTEND, CART, 8080));
      for (int i = 0; i < 55; i++) {
        feed(Flows.tcp(at(6 + i), FRONTEND, CART, 8080));
      }
      clock.set(at(60));
      assertThat(data(F, C).flowsPerSec()).isCloseTo(1.0, within(1e-9));

      clock.set(at(200));
      assertThat(data(F, C).flowsPerSec()).isZero();
    }

    @Test
    void unmeasuredFlowsGiveNoBytesAndSaySo() {
      for (int i = 0; i < 10; i++) {
        feed(Flows.tcp(at(10 + i), FRONTEND, CART, 8080));
      }
      clock.set(at(60));
      GraphSnapshot.FlowData d = data(F, C);
      assertThat(d.bytesMeasured()).isFalse();
      assertThat(d.bytesPerSec()).isZero();
      assertThat(d.packetsPerSec()).isZero();
      assertThat(d.flowsPerSec()).isCloseTo(10 / 55.0, within(1e-9));
      assertThat(graph(Level.POD).bytesMeasured()).isFalse();
    }

    @Test
    void bytesComeOnlyFromMeasuredFlowsOfTheWindow() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080).bytes(5500).packets(11));
      feed(Flows.tcp(at(11), FRONTEND, CART, 8080));
      clock.set(at(60));
      GraphSnapshot.FlowData d = data(F, C);
      assertThat(d.bytesPerSec()).isCloseTo(100.0, within(1e-9));
      assertThat(d.packetsPerSec()).isCloseTo(0.2, within(1e-9));
      assertThat(d.bytesMeasured()).isTrue();

      clock.set(at(120));
      assertThat(data(F, C).bytesMeasured()).isFalse();
    }

    @Test
    void aFlowAFewSecondsLateLandsInItsBucketAndAMuchOlderOneIsCountedAsLate() {
      clock.set(at(30));
      metrics.onFlow(Flows.tcp(at(25), FRONTEND, CART, 8080).build());
      metrics.onFlow(Flows.tcp(at(2), FRONTEND, CART, 8080).build());
      metrics.onFlow(Flows.tcp(at(50), FRONTEND, CART, 8080).build());

      assertThat(data(F, C).flowsPerSec()).isCloseTo(1 / 55.0, within(1e-9));
      assertThat(metrics.stats().lateFlows()).isEqualTo(1);
      assertThat(metrics.stats().futureFlows()).isEqualTo(1);
      assertThat(metrics.stats().flowsCounted()).isEqualTo(1);
    }
  }

  @Nested
  class Connections {
    @Test
    void aTcpConnectionStartIsASynWithoutAckCountedOncePerFiveTuple() {
      for (int port = 50_000; port < 50_003; port++) {
        feed(Flows.syn(at(10), FRONTEND, CART, 8080, port));
        feed(Flows.syn(at(11), FRONTEND, CART, 8080, port)); // retransmitted
        feed(Flows.syn(at(11), CART, FRONTEND, port, 8080).tcpFlags(TcpFlags.SYN | TcpFlags.ACK).isReply(true)
            .sourceIp(Flows.tcp(at(0), FRONTEND, CART, 1).build().destinationIp())
            .destinationIp(Flows.tcp(at(0), FRONTEND, CART, 1).build().sourceIp()));
        feed(Flows.tcp(at(12), FRONTEND, CART, 8080).sourcePort(port));
      }
      clock.set(at(20));
      assertThat(data(F, C).connectionCount()).isEqualTo(3);
      assertThat(data(F, C).flowsPerSec()).isCloseTo(12 / 55.0, within(1e-9));
    }

    @Test
    void aUdpConnectionIsTheFirstFlowOfItsFiveTupleInTheWindow() {
      for (int i = 0; i < 5; i++) {
        feed(Flows.udp(at(10 + i), FRONTEND, CART, 5000).sourcePort(40_000));
        feed(Flows.udp(at(10 + i), CART, FRONTEND, 40_000).sourcePort(5000).isReply(true)
            .sourceIp(Flows.udp(at(0), FRONTEND, CART, 1).build().destinationIp())
            .destinationIp(Flows.udp(at(0), FRONTEND, CART, 1).build().sourceIp()));
      }
      feed(Flows.udp(at(20), FRONTEND, CART, 5000).sourcePort(40_001));
      feed(Flows.udp(at(21), FRONTEND, CART, 5000).sourcePort(40_002));
      clock.set(at(30));
      assertThat(data(F, C).connectionCount()).isEqualTo(3);

      // Silent for longer than the window: the same 5-tuple starts again.
      feed(Flows.udp(at(100), FRONTEND, CART, 5000).sourcePort(40_000));
      clock.set(at(101));
      assertThat(data(F, C).connectionCount()).isEqualTo(1);
    }

    @Test
    void replyFlowsAreCountedOnTheClientToServerEdge() {
      Flow request = Flows.tcp(at(10), FRONTEND, CART, 8080).sourcePort(41_000).build();
      feed(request);
      feed(request.toBuilder().timeNanos(request.timeNanos() + 1_000_000).source(CART).destination(FRONTEND)
          .sourceIp(request.destinationIp()).destinationIp(request.sourceIp()).sourcePort(8080)
          .destinationPort(41_000).isReply(true));
      clock.set(at(20));

      GraphSnapshot g = graph(Level.POD);
      assertThat(g.edges()).extracting(GraphSnapshot.Edge::id).containsExactly(F + "->" + C);
      assertThat(data(F, C).flowsPerSec()).isCloseTo(2 / 55.0, within(1e-9));
      assertThat(data(F, C).direction()).isEqualTo("bidirectional");
    }

    @Test
    void withoutIsReplyTheClientIsToldByFlagsThenIcmpTypeThenPorts() {
      Flow base = Flows.tcp(at(10), CART, FRONTEND, 33_000).isReply(null).build();
      feed(base.toBuilder().tcpFlags(TcpFlags.SYN | TcpFlags.ACK).sourcePort(8080)); // SYN+ACK: a reply
      feed(base.toBuilder().tcpFlags(TcpFlags.ACK).sourcePort(8080).destinationPort(45_000)); // ephemeral dst
      feed(base.toBuilder().tcpFlags(TcpFlags.ACK).sourcePort(443).destinationPort(2000)); // well-known src
      // ICMP echo reply
      feed(base.toBuilder().l4(L4Protocol.ICMPV4).tcpFlags(0).sourcePort(0).destinationPort(0).icmpType(0));
      clock.set(at(20));

      assertThat(graph(Level.POD).edges()).extracting(GraphSnapshot.Edge::id).containsExactly(F + "->" + C);
      assertThat(data(F, C).direction()).isEqualTo("ingress");
    }

    @Test
    void directionSaysWhichWaysTrafficWasSeenInTheWindow() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080));
      clock.set(at(20));
      assertThat(data(F, C).direction()).isEqualTo("egress");
    }
  }

  @Nested
  class DoubleObservations {
    @Test
    void aPodToPodPacketReportedAtBothEndsCountsOnce() {
      Flow egress = Flows.tcp(at(10), FRONTEND, CART, 8080).nodeName("node-a").observationPoint("TO_OVERLAY")
          .direction(TrafficDirection.EGRESS).build();
      feed(egress);
      feed(egress.toBuilder().timeNanos(egress.timeNanos() + 200_000).nodeName("node-b")
          .observationPoint("TO_ENDPOINT").direction(TrafficDirection.INGRESS));
      // The reply, at the server's node (INGRESS) and at the client's (EGRESS).
      Flow reply = egress.toBuilder().timeNanos(egress.timeNanos() + 900_000).source(CART).destination(FRONTEND)
          .sourceIp(egress.destinationIp()).destinationIp(egress.sourceIp()).sourcePort(8080)
          .destinationPort(egress.sourcePort()).isReply(true).build();
      feed(reply.toBuilder().nodeName("node-b").observationPoint("TO_OVERLAY").direction(TrafficDirection.INGRESS));
      feed(reply.toBuilder().nodeName("node-a").observationPoint("TO_ENDPOINT").direction(TrafficDirection.EGRESS));
      clock.set(at(20));

      assertThat(data(F, C).flowsPerSec()).isCloseTo(2 / 55.0, within(1e-9));
      assertThat(metrics.stats().doubleObservationsSkipped()).isEqualTo(2);
      assertThat(node(Level.POD, F).nodeNames()).containsExactly("node-a");
      assertThat(node(Level.POD, C).nodeNames()).containsExactly("node-b");
    }

    @Test
    void trafficFromOutsideIsCountedWhereItArrives() {
      feed(Flows.tcp(at(10), Flows.world(), CART, 8080).sourceIp("203.0.113.9").direction(TrafficDirection.INGRESS)
          .observationPoint("TO_ENDPOINT"));
      feed(Flows.tcp(at(10), Flows.host(), CART, 8080).direction(TrafficDirection.INGRESS).nodeName("node-b")
          .observationPoint("TO_ENDPOINT"));
      clock.set(at(20));
      assertThat(data("world/203.0.113.9", C).flowsPerSec()).isPositive();
      assertThat(data("host/node-b", C).flowsPerSec()).isPositive();
      assertThat(metrics.stats().doubleObservationsSkipped()).isZero();
    }

    @Test
    void theProxysDoublesAreSkipped() {
      Flow syn = Flows.syn(at(10), FRONTEND, CART, 9080, 52_818).nodeName("node-a").build();
      // The policy verdict and the trace of one SYN redirected to the L7 proxy.
      feed(syn.toBuilder().verdict(Verdict.REDIRECTED).observationPoint(""));
      feed(syn.toBuilder().observationPoint("TO_PROXY"));
      // The proxy's upstream leg leaving the node, and the server's reply to it.
      feed(Flows.tcp(at(10.001), Flows.remoteNode(), CART, 9080).direction(TrafficDirection.UNKNOWN).isReply(null)
          .observationPoint("TO_OVERLAY"));
      feed(Flows.tcp(at(10.002), CART, Flows.host(), 40_072).sourcePort(9080).isReply(true)
          .direction(TrafficDirection.INGRESS).observationPoint("TO_STACK"));
      clock.set(at(20));

      assertThat(graph(Level.POD).edges()).extracting(GraphSnapshot.Edge::id).containsExactly(F + "->" + C);
      assertThat(data(F, C).connectionCount()).isEqualTo(1);
      assertThat(data(F, C).flowsPerSec()).isCloseTo(1 / 55.0, within(1e-9));
      assertThat(metrics.stats().doubleObservationsSkipped()).isEqualTo(3);
    }

    @Test
    void dropsAndL7RecordsAreAlwaysCounted() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080).direction(TrafficDirection.INGRESS).verdict(Verdict.DROPPED)
          .dropReason(DropReason.ofName("POLICY_DENIED")));
      feed(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "GET", "/").direction(TrafficDirection.INGRESS));
      clock.set(at(20));
      assertThat(data(F, C).flowsPerSec()).isCloseTo(2 / 55.0, within(1e-9));
    }
  }

  @Nested
  class Errors {
    @Test
    void errorRateIsDroppedOrErroredFlowsPlusHttp5xxOverAllFlows() {
      for (int i = 0; i < 6; i++) {
        feed(Flows.tcp(at(10 + i), FRONTEND, CART, 8080));
      }
      feed(Flows.tcp(at(17), FRONTEND, CART, 8080).verdict(Verdict.DROPPED)
          .dropReason(DropReason.ofName("POLICY_DENIED")));
      feed(Flows.tcp(at(18), FRONTEND, CART, 8080).verdict(Verdict.DROPPED)
          .dropReason(DropReason.ofName("POLICY_DENIED")));
      feed(Flows.tcp(at(18), FRONTEND, CART, 8080).verdict(Verdict.ERROR));
      feed(Flows.httpResponse(at(19), FRONTEND, CART, 8080, "GET", "/cart", 503));
      clock.set(at(20));

      GraphSnapshot.Edge edge = edge(Level.POD, F, C).orElseThrow();
      assertThat(edge.flowData().errorRate()).isCloseTo(0.4, within(1e-9));
      assertThat(edge.flowData().dropReasons()).containsExactly(Map.entry("POLICY_DENIED", 2L), Map.entry("ERROR", 1L));
      assertThat(edge.health()).isEqualTo("critical");
    }

    @Test
    void healthIsCriticalFromTheThresholdAndWarningFromHalfOfIt() {
      Endpoint[] servers = {Flows.pod("a", "s1-0"), Flows.pod("a", "s2-0"), Flows.pod("a", "s3-0")};
      int[] flows = {20, 40, 100}; // one drop each: 5%, 2.5%, 1%
      for (int s = 0; s < servers.length; s++) {
        feed(Flows.tcp(at(10), FRONTEND, servers[s], 80).verdict(Verdict.DROPPED));
        for (int i = 1; i < flows[s]; i++) {
          feed(Flows.tcp(at(10), FRONTEND, servers[s], 80));
        }
      }
      assertThat(edge(Level.POD, F, "pod/a/s1-0").orElseThrow().health()).isEqualTo("critical");
      assertThat(edge(Level.POD, F, "pod/a/s2-0").orElseThrow().health()).isEqualTo("warning");
      assertThat(edge(Level.POD, F, "pod/a/s3-0").orElseThrow().health()).isEqualTo("healthy");
      assertThat(edge(Level.POD, F, "pod/a/s3-0").orElseThrow().flowData().errorRate()).isCloseTo(0.01, within(1e-9));
    }

    @Test
    void http2xxAnd4xxAreNoErrors() {
      feed(Flows.httpResponse(at(10), FRONTEND, CART, 8080, "GET", "/", 200));
      feed(Flows.httpResponse(at(10), FRONTEND, CART, 8080, "GET", "/", 404));
      clock.set(at(20));
      assertThat(data(F, C).errorRate()).isZero();
    }
  }

  @Nested
  class Protocols {
    GraphSnapshot.FlowData only(Flow.Builder flow) {
      feed(flow);
      clock.set(at(20));
      List<GraphSnapshot.Edge> edges = graph(Level.POD).edges();
      assertThat(edges).hasSize(1);
      return edges.get(0).flowData();
    }

    @Test
    void tcp() {
      assertThat(only(Flows.tcp(at(10), FRONTEND, CART, 5432)).protocol()).isEqualTo("TCP");
    }

    @Test
    void udp() {
      assertThat(only(Flows.udp(at(10), FRONTEND, CART, 5000)).protocol()).isEqualTo("UDP");
    }

    @Test
    void icmp() {
      assertThat(only(Flows.tcp(at(10), FRONTEND, CART, 0).sourcePort(0).l4(L4Protocol.ICMPV4).tcpFlags(0)
          .icmpType(8)).protocol()).isEqualTo("ICMP");
    }

    @Test
    void sctp() {
      assertThat(only(Flows.tcp(at(10), FRONTEND, CART, 3868).l4(L4Protocol.SCTP).tcpFlags(0)).protocol())
          .isEqualTo("SCTP");
    }

    @Test
    void http() {
      assertThat(only(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "GET", "/cart")).protocol())
          .isEqualTo("HTTP");
    }

    @Test
    void https() {
      assertThat(only(Flows.tcp(at(10), FRONTEND, CART, 443)).protocol()).isEqualTo("HTTPS");
    }

    @Test
    void grpc() {
      assertThat(only(Flows.tcp(at(10), FRONTEND, CART, 50051).type(FlowType.L7)
          .l7(new L7(L7.Type.REQUEST, 0, new Http(0, "POST", "/shop.Cart/AddItem", "HTTP/2"), null))).protocol())
          .isEqualTo("gRPC");
    }

    @Test
    void dns() {
      assertThat(only(Flows.udp(at(10), FRONTEND, CART, 53)).protocol()).isEqualTo("DNS");
    }

    @Test
    void anApplicationProtocolWinsOverItsTransportAndEveryProtocolIsListed() {
      for (int i = 0; i < 5; i++) {
        feed(Flows.tcp(at(10), FRONTEND, CART, 8080));
      }
      feed(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "GET", "/cart"));
      clock.set(at(20));
      assertThat(data(F, C).protocol()).isEqualTo("HTTP");
      assertThat(data(F, C).protocols()).containsExactly("HTTP", "TCP");
    }
  }

  @Nested
  class Lifetime {
    @Test
    void anEdgeIsInactiveAfterTheIdleTimeout() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080));
      clock.set(at(19));
      assertThat(data(F, C).isActive()).isTrue();
      assertThat(node(Level.POD, F).isActive()).isTrue();

      clock.set(at(21));
      assertThat(data(F, C).isActive()).isFalse();
      assertThat(node(Level.POD, F).isActive()).isFalse();
      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of(), Map.of(), false)).edges()).isEmpty();
    }

    @Test
    void idleEdgesAndNodesExpire() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080));
      clock.set(at(10).plus(Duration.ofMinutes(10)).plusSeconds(1));
      assertThat(graph(Level.POD).edges()).isEmpty();

      feed(Flows.tcp(clock.now(), FRONTEND_2, DB, 5432));
      GraphSnapshot.Stats stats = metrics.stats();
      assertThat(stats.edgesExpired()).isEqualTo(1);
      assertThat(stats.nodesExpired()).isEqualTo(2);
      assertThat(stats.edges()).isEqualTo(1);
      assertThat(stats.nodes()).isEqualTo(2);
    }

    @Test
    void pastMaxEdgesTheLeastRecentlySeenEdgeIsEvicted() {
      metrics = new EdgeMetrics(clock, options(3, 100, 10));
      for (int s = 1; s <= 3; s++) {
        feed(Flows.tcp(at(10 + s), FRONTEND, Flows.pod("a", "s" + s + "-0"), 80));
      }
      feed(Flows.tcp(at(14), FRONTEND, Flows.pod("a", "s1-0"), 80)); // s1 seen again
      feed(Flows.tcp(at(15), FRONTEND, Flows.pod("a", "s4-0"), 80));
      feed(Flows.tcp(at(16), FRONTEND, Flows.pod("a", "s5-0"), 80));

      assertThat(graph(Level.POD).edges()).extracting(GraphSnapshot.Edge::target)
          .containsExactly("pod/a/s1-0", "pod/a/s4-0", "pod/a/s5-0");
      assertThat(metrics.stats().edgesEvicted()).isEqualTo(2);
      assertThat(metrics.stats().edges()).isEqualTo(3);
    }

    @Test
    void pastMaxNodesTheLeastRecentlySeenNodeIsEvictedWithItsEdges() {
      metrics = new EdgeMetrics(clock, options(100, 4, 10));
      for (int s = 1; s <= 4; s++) {
        feed(Flows.tcp(at(10 + s), FRONTEND, Flows.pod("a", "s" + s + "-0"), 80));
      }
      assertThat(metrics.stats().nodes()).isEqualTo(4);
      assertThat(metrics.stats().nodesEvicted()).isEqualTo(1);
      assertThat(metrics.stats().edgesEvicted()).isEqualTo(1);
      assertThat(graph(Level.POD).edges()).extracting(GraphSnapshot.Edge::target)
          .containsExactly("pod/a/s2-0", "pod/a/s3-0", "pod/a/s4-0");
    }

    @Test
    void aFloodOfNewAddressesStaysWithinTheCaps() {
      metrics = new EdgeMetrics(clock, options(50, 40, 10));
      for (int i = 0; i < 5000; i++) {
        feed(Flows.tcp(at(10 + i * 0.001), Endpoint.UNKNOWN, CART, 22).sourceIp("198.51." + (i / 250) + "." + i % 250)
            .direction(TrafficDirection.INGRESS));
      }
      GraphSnapshot.Stats stats = metrics.stats();
      assertThat(stats.nodes()).isEqualTo(40);
      assertThat(stats.edges()).isEqualTo(39);
      assertThat(stats.nodesEvicted()).isEqualTo(5001 - 40);
      assertThat(graph(Level.POD).edges()).hasSize(39).allSatisfy(e -> assertThat(e.target()).isEqualTo(C));
    }
  }

  @Nested
  class Nodes {
    @Test
    void podsHaveIdsAtThreeLevelsWithTheWorkloadFromThePodNameWhenHubbleGaveNone() {
      Endpoint checkout = Flows.podWithoutWorkload("shop", "checkout-7d4b9c6f5-x2k4f");
      Endpoint postgres = Flows.podWithoutWorkload("data", "postgres-0");
      feed(Flows.tcp(at(10), checkout, postgres, 5432));
      clock.set(at(11));

      assertThat(graph(Level.POD).edges()).extracting(GraphSnapshot.Edge::id)
          .containsExactly("pod/shop/checkout-7d4b9c6f5-x2k4f->pod/data/postgres-0");
      assertThat(graph(Level.WORKLOAD).edges()).extracting(GraphSnapshot.Edge::id)
          .containsExactly("workload/shop/checkout->workload/data/postgres");
      assertThat(graph(Level.NAMESPACE).edges()).extracting(GraphSnapshot.Edge::id)
          .containsExactly("namespace/shop->namespace/data");

      GraphSnapshot.Node pod = node(Level.POD, "pod/shop/checkout-7d4b9c6f5-x2k4f");
      assertThat(pod.kind()).isEqualTo("pod");
      assertThat(pod.label()).isEqualTo("checkout-7d4b9c6f5-x2k4f");
      assertThat(pod.namespace()).isEqualTo("shop");
      assertThat(pod.cluster()).isEqualTo("default");
      GraphSnapshot.Node workload = node(Level.WORKLOAD, "workload/shop/checkout");
      assertThat(workload.kind()).isEqualTo("workload");
      assertThat(workload.label()).isEqualTo("checkout");
      GraphSnapshot.Node namespace = node(Level.NAMESPACE, "namespace/data");
      assertThat(namespace.kind()).isEqualTo("namespace");
      assertThat(namespace.label()).isEqualTo("data");
    }

    @Test
    void aPodCarriesItsLabelsWorkloadKindAndNode() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080).nodeName("node-a"));
      clock.set(at(11));
      GraphSnapshot.Node pod = node(Level.POD, F);
      assertThat(pod.labels()).containsExactly(Map.entry("app", "frontend"));
      assertThat(pod.workloadKind()).isEqualTo("Deployment");
      assertThat(pod.nodeNames()).containsExactly("node-a");
      assertThat(pod.lastSeen()).isEqualTo(at(10));
    }

    @Test
    void nonPodEndpointsGetStableReadableNodes() {
      feed(Flows.tcp(at(10), FRONTEND, Flows.world(), 443).destinationIp("140.82.112.3")
          .destinationNames(List.of("api.github.com")));
      feed(Flows.tcp(at(10), FRONTEND, Flows.world(), 443).destinationIp("93.184.216.34"));
      feed(Flows.tcp(at(10), FRONTEND, Flows.host(), 10250).nodeName("node-a"));
      feed(Flows.tcp(at(10), FRONTEND, Flows.remoteNode(), 10250));
      feed(Flows.tcp(at(10), FRONTEND, Flows.kubeApiserver(), 6443));
      feed(Flows.tcp(at(10), FRONTEND, Endpoint.UNKNOWN, 9000).destinationIp("10.9.9.9"));
      clock.set(at(11));

      assertThat(graph(Level.POD).nodes()).extracting(GraphSnapshot.Node::id, GraphSnapshot.Node::kind)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(F, "pod"),
              org.assertj.core.groups.Tuple.tuple("world/api.github.com", "world"),
              org.assertj.core.groups.Tuple.tuple("world/93.184.216.34", "world"),
              org.assertj.core.groups.Tuple.tuple("host/node-a", "host"),
              org.assertj.core.groups.Tuple.tuple("remote-node", "remote-node"),
              org.assertj.core.groups.Tuple.tuple("kube-apiserver", "kube-apiserver"),
              org.assertj.core.groups.Tuple.tuple("ip/10.9.9.9", "ip"));
      // Non-pod nodes are the same at every level.
      assertThat(graph(Level.NAMESPACE).edges()).extracting(GraphSnapshot.Edge::target)
          .contains("world/api.github.com", "host/node-a", "kube-apiserver", "ip/10.9.9.9");
      assertThat(node(Level.POD, "world/api.github.com").label()).isEqualTo("api.github.com");
    }

    @Test
    void pastMaxWorldNodesOutsideAddressesFoldIntoOneNodeAndAreCounted() {
      metrics = new EdgeMetrics(clock, options(100, 100, 2));
      for (String ip : new String[] {"1.1.1.1", "8.8.8.8", "9.9.9.9", "4.4.4.4", "1.1.1.1"}) {
        feed(Flows.udp(at(10), FRONTEND, Flows.world(), 53).destinationIp(ip));
      }
      clock.set(at(15));
      assertThat(graph(Level.POD).edges()).extracting(GraphSnapshot.Edge::target)
          .containsExactly("world/1.1.1.1", "world/8.8.8.8", "world/other");
      assertThat(metrics.stats().worldFolded()).isEqualTo(2);
      assertThat(data(F, "world/1.1.1.1").flowsPerSec()).isCloseTo(2 / 55.0, within(1e-9));
    }
  }

  @Nested
  class Levels {
    @Test
    void workloadAndNamespaceEdgesSumTheirPodEdges() {
      Endpoint web1 = Flows.pod("web", "frontend-7d4b9c6f5-aaaaa");
      Endpoint web2 = Flows.pod("web", "frontend-7d4b9c6f5-bbbbb");
      feed(Flows.syn(at(10), web1, CART, 8080, 40_000).sourceIp("10.0.0.1").bytes(100).packets(1));
      feed(Flows.syn(at(10), web2, CART, 8080, 40_000).sourceIp("10.0.0.2").bytes(300).packets(1));
      feed(Flows.tcp(at(11), web2, CART, 8080).verdict(Verdict.DROPPED));
      feed(Flows.tcp(at(12), web2, DB, 5432));
      clock.set(at(20));

      GraphSnapshot workload = graph(Level.WORKLOAD);
      assertThat(workload.edges()).extracting(GraphSnapshot.Edge::id).containsExactly(
          "workload/web/frontend->workload/data/postgres", "workload/web/frontend->workload/shop/cart");
      GraphSnapshot.FlowData d = workload.edges().get(1).flowData();
      assertThat(d.connectionCount()).isEqualTo(2);
      assertThat(d.flowsPerSec()).isCloseTo(3 / 55.0, within(1e-9));
      assertThat(d.bytesPerSec()).isCloseTo(400 / 55.0, within(1e-9));
      assertThat(d.errorRate()).isCloseTo(1 / 3.0, within(1e-9));
      assertThat(workload.nodes()).extracting(GraphSnapshot.Node::id).containsExactly(
          "workload/data/postgres", "workload/shop/cart", "workload/web/frontend");
      assertThat(workload.nodes().get(2).labels()).containsExactly(Map.entry("app", "frontend"));

      assertThat(graph(Level.NAMESPACE).edges()).extracting(GraphSnapshot.Edge::id)
          .containsExactly("namespace/web->namespace/data", "namespace/web->namespace/shop");
    }

    @Test
    void filtersKeepEdgesWithAMatchingEndAndInactiveEdgesCanBeLeftOut() {
      feed(Flows.tcp(at(10), FRONTEND, CART, 8080));
      feed(Flows.tcp(at(30), FRONTEND_2, DB, 5432));
      clock.set(at(35));

      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of("data"), Map.of(), true)).edges())
          .extracting(GraphSnapshot.Edge::target).containsExactly("pod/data/postgres-0");
      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of(), Map.of("app", "cart"), true)).edges())
          .extracting(GraphSnapshot.Edge::target).containsExactly(C);
      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of("shop"), Map.of("app", "frontend"), true))
          .edges()).hasSize(2);
      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of("nope"), Map.of(), true)).edges()).isEmpty();
      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of(), Map.of(), false)).edges())
          .extracting(GraphSnapshot.Edge::target).containsExactly("pod/data/postgres-0");
      assertThat(metrics.snapshot(new GraphQuery(Level.POD, Set.of(), Map.of(), false)).nodes())
          .extracting(GraphSnapshot.Node::id)
          .containsExactly("pod/data/postgres-0", "pod/shop/frontend-7d4b9c6f5-b8n2q");
    }
  }

  @Nested
  class L7Summary {
    @Test
    void topPathsStatusCodesAndDnsNamesAreSummarised() {
      for (int i = 0; i < 3; i++) {
        feed(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "GET", "http://cart:8080/api/cart?user=" + i));
        feed(Flows.httpResponse(at(10), FRONTEND, CART, 8080, "GET", "http://cart:8080/api/cart?user=" + i, 200));
      }
      feed(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "POST", "/api/pay"));
      feed(Flows.httpResponse(at(10), FRONTEND, CART, 8080, "POST", "/api/pay", 500));
      Endpoint dns = Flows.pod("kube-system", "coredns-558bd4d5db-w2m67");
      feed(Flows.dnsQuery(at(10), FRONTEND, dns, "cart.shop.svc.cluster.local."));
      feed(Flows.dnsQuery(at(10), FRONTEND, dns, "cart.shop.svc.cluster.local."));
      feed(Flows.dnsQuery(at(10), FRONTEND, dns, "api.github.com."));
      clock.set(at(11));

      GraphSnapshot.L7Summary http = data(F, C).l7();
      assertThat(http.httpPaths()).containsExactly(
          new GraphSnapshot.Count("/api/cart", 3), new GraphSnapshot.Count("/api/pay", 1));
      assertThat(http.httpCodes()).containsExactly(Map.entry("200", 3L), Map.entry("500", 1L));
      assertThat(data(F, C).errorRate()).isCloseTo(1 / 8.0, within(1e-9));
      GraphSnapshot.L7Summary dnsSummary = data(F, "pod/kube-system/coredns-558bd4d5db-w2m67").l7();
      assertThat(dnsSummary.dnsNames()).containsExactly(
          new GraphSnapshot.Count("cart.shop.svc.cluster.local.", 2), new GraphSnapshot.Count("api.github.com.", 1));
      assertThat(data(F, "pod/kube-system/coredns-558bd4d5db-w2m67").protocol()).isEqualTo("DNS");
    }

    @Test
    void theSummaryIsBoundedToTheTopTen() {
      for (int i = 0; i < 500; i++) {
        feed(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "GET", "/item/" + i));
        feed(Flows.httpRequest(at(10), FRONTEND, CART, 8080, "GET", "/hot"));
      }
      clock.set(at(11));
      List<GraphSnapshot.Count> paths = data(F, C).l7().httpPaths();
      assertThat(paths).hasSize(10);
      assertThat(paths.get(0).key()).isEqualTo("/hot");
      assertThat(paths.get(0).count()).isGreaterThanOrEqualTo(500);
    }
  }

  @Test
  void snapshotsAreConsistentWhileFlowsArriveOnAnotherThread() throws Exception {
    Thread ingest = new Thread(() -> {
      for (int i = 0; i < 20_000; i++) {
        metrics.onFlow(Flows.tcp(START, FRONTEND, Flows.pod("a", "s" + (i % 50) + "-0"), 80).build());
      }
    });
    ingest.start();
    int snapshots = 0;
    while (ingest.isAlive() || snapshots == 0) {
      GraphSnapshot g = graph(Level.WORKLOAD);
      assertThat(g.edges().size()).isLessThanOrEqualTo(50);
      snapshots++;
    }
    ingest.join();
    assertThat(graph(Level.POD).edges()).hasSize(50);
    assertThat(metrics.stats().flowsCounted()).isEqualTo(20_000);
  }
}
