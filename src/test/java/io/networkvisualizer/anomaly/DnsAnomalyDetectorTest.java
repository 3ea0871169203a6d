package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.COREDNS;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.testing.Flows;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A DNS anomaly is one source sending more than 100 DNS queries within a minute, each query counted once however
 * many flow events report it.
 */
class DnsAnomalyDetectorTest {
  static final String DNS = "dns_anomaly";
  final Harness h = new Harness();

  /** A query as the L7 proxy reports it: the L3/L4 packet to port 53 and the DNS request record. */
  static Flow.Builder[] proxiedQuery(Instant t, Endpoint src, long n) {
    String name = "q" + n + ".telemetry.example.";
    int port = 40_000 + (int) (n % 20_000);
    return new Flow.Builder[] {
        Flows.udp(t, src, COREDNS, 53).sourcePort(port).observationPoint("TO_PROXY"),
        Flows.dnsQuery(t.plusNanos(30_000), src, COREDNS, name).sourcePort(port)};
  }

  void queries(double from, double to, long count, Endpoint src) {
    h.spread(from, to, count, (i, t) -> proxiedQuery(t, src, i)[0]);
    h.spread(from, to, count, (i, t) -> proxiedQuery(t, src, i)[1]);
  }

  @Test
  void aHundredAndOneQueriesInAMinute_isADnsAnomaly_countingEachQueryOnce() {
    h.background(0, 60);
    queries(0, 50, 101, FRONTEND);
    h.run();

    assertThat(h.anomalies(DNS)).singleElement().satisfies(a -> {
      assertThat(a.evidence().currentValue()).isEqualTo(101);
      assertThat(a.evidence().threshold()).isEqualTo(100);
      assertThat(a.evidence().details()).containsEntry("unit", "queries/min").containsEntry("queries", "101")
          .containsEntry("example_query", "q100.telemetry.example.");
      assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
      assertThat(a.destNode()).isEqualTo("workload/kube-system/coredns");
      assertThat(a.severity()).isEqualTo("medium");
      assertThat(a.description()).contains("101 DNS queries in the last minute");
    });
  }

  @Test
  void ninetyNineQueriesAMinute_forFiveMinutes_isNoDnsAnomaly() {
    h.background(0, 300);
    queries(0, 300, 99 * 5, FRONTEND);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void queriesWithoutTheProxy_countThePacketsToPort53_butNotTheServersCopy() {
    h.background(0, 60);
    h.spread(0, 50, 101, (i, t) -> Flows.udp(t, CART, COREDNS, 53).sourcePort((int) (40_000 + i)));
    // the same packets as the DNS server's node reports them: double observations, skipped
    h.spread(0, 50, 101, (i, t) -> Flows.udp(t.plusNanos(50_000), CART, COREDNS, 53)
        .sourcePort((int) (40_000 + i)).direction(TrafficDirection.INGRESS));
    h.run();

    assertThat(h.anomalies(DNS)).singleElement()
        .satisfies(a -> assertThat(a.evidence().currentValue()).isEqualTo(101));
  }

  @Test
  void fiftyQueriesReportedTwice_isNoDnsAnomaly() {
    h.background(0, 60);
    queries(0, 50, 50, FRONTEND);
    queries(0, 50, 50, FRONTEND);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aDnsServerForwardingUpstream_isNotJudged() {
    Endpoint upstream = Flows.world();
    h.background(0, 60);
    h.spread(0, 50, 30, (i, t) -> Flows.udp(t, CART, COREDNS, 53).sourcePort((int) (40_000 + i)));
    h.spread(0, 50, 300, (i, t) -> Flows.udp(t, COREDNS, upstream, 53).sourcePort((int) (30_000 + i))
        .destinationIp("8.8.8.8"));
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aFloodOfSixHundredAMinute_isHigh() {
    h.background(0, 70);
    queries(0, 60, 600, FRONTEND);
    h.run();

    assertThat(h.anomalies(DNS)).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo("high");
      assertThat(a.peakValue()).isEqualTo(600);
      assertThat(Harness.seconds(a.detectedAt())).isLessThanOrEqualTo(15);
    });
  }
}
