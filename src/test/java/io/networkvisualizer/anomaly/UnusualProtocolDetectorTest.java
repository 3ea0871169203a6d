package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.AUTH;
import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static io.networkvisualizer.anomaly.Harness.FRONTEND_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.testing.Flows;
import org.junit.jupiter.api.Test;

/**
 * An unusual protocol is one an edge, or its source workload, has not used during its baseline. Frontend calls
 * catalog and auth over TCP for the five-minute warm-up; afterwards something else shows up.
 */
class UnusualProtocolDetectorTest {
  static final String UNUSUAL = "unusual_protocol";
  final Harness h = new Harness();

  void baseline(double until) {
    h.background(0, until);
    h.tcp(0, until, 2, FRONTEND, CATALOG, 8080);
    h.tcp(0, until, 1, FRONTEND, AUTH, 8443 + 1);
  }

  @Test
  void udpFromAWorkloadThatNeverUsedIt_isUnusual_forTheSourceAndTheEdge() {
    baseline(480);
    h.every(400, 430, 2, (i, t) -> Flows.udp(t, FRONTEND, AUTH, 9999));
    h.run();

    assertThat(h.anomalies(UNUSUAL)).singleElement().satisfies(a -> {
      assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
      assertThat(a.destPod()).isEqualTo("pod/identity/auth-7b6c5d4f8-q9w8e");
      assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
      assertThat(a.destNode()).isEqualTo("workload/identity/auth");
      assertThat(a.severity()).isEqualTo("medium");
      assertThat(a.evidence().details()).containsEntry("protocol", "UDP")
          .containsEntry("new_for", "source workload and edge")
          .containsEntry("edge_protocols", "TCP")
          .containsEntry("flows", "60");
      assertThat(Harness.seconds(a.detectedAt())).isBetween(400.0, 410.0);
      assertThat(a.description()).contains("UDP", "never used UDP before");
      assertThat(a.id()).startsWith("unusual_protocol:workload/shop/frontend->workload/identity/auth:UDP@");
    });
  }

  @Test
  void aProtocolTheSourceUsesElsewhere_isUnusualOnlyForTheEdge_ofLowSeverity() {
    baseline(480);
    h.every(0, 480, 1, (i, t) -> Flows.udp(t, FRONTEND, CART, 6379));
    h.every(400, 430, 2, (i, t) -> Flows.udp(t, FRONTEND, AUTH, 9999));
    h.run();

    assertThat(h.anomalies(UNUSUAL)).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo("low");
      assertThat(a.evidence().details()).containsEntry("new_for", "edge");
    });
  }

  @Test
  void aNewProtocolDuringTheWarmUp_isLearned() {
    baseline(480);
    h.every(100, 110, 2, (i, t) -> Flows.udp(t, FRONTEND, AUTH, 9999));
    h.every(400, 430, 2, (i, t) -> Flows.udp(t, FRONTEND, AUTH, 9999));
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aNewEdgeWithAKnownProtocol_isNoUnusualProtocol() {
    baseline(480);
    h.tcp(400, 480, 1, FRONTEND_2, CART, 8080);
    h.run();

    assertThat(h.anomalies(UNUSUAL)).isEmpty();
  }

  @Test
  void aNewProtocolThatStays_isOneRecord_learnedAfterItsProbation_thenResolved() {
    baseline(1200);
    h.every(400, 1200, 1, (i, t) -> Flows.tcp(t, FRONTEND, AUTH, 9).l4(L4Protocol.SCTP).tcpFlags(0));
    h.run();

    assertThat(h.anomalies(UNUSUAL)).singleElement().satisfies(a -> {
      assertThat(a.evidence().details()).containsEntry("protocol", "SCTP");
      assertThat(a.status()).isEqualTo("resolved");
      assertThat(Harness.seconds(a.lastSeen())).isBetween(690.0, 705.0);
    });
  }
}
