package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.CATALOG_2;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static io.networkvisualizer.anomaly.Harness.FRONTEND_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.networkvisualizer.testing.Flows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A traffic spike is a workload edge's rate over the 60 s window at 3x its baseline or more, above a minimum rate:
 * five steady minutes of 5 flows/s (the warm-up), then a change at {@code t = 600 s}.
 */
class TrafficSpikeDetectorTest {
  static final String SPIKE = "traffic_spike";
  final Harness h = new Harness();

  /** The warm-up and five more steady minutes, then {@code perSecondAfter} from 600 s to {@code until}. */
  void normalThen(double perSecondAfter, double until) {
    h.background(0, until);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.tcp(600, until, perSecondAfter, FRONTEND, CATALOG, 8080);
    h.run();
  }

  @Test
  void fourAndAHalfTimesTheBaseline_isASpike_withItsEvidence_withinTheWindow() {
    normalThen(22.5, 700);

    List<Anomaly> spikes = h.anomalies(SPIKE);
    assertThat(spikes).hasSize(1);
    Anomaly a = spikes.get(0);
    assertThat(a.type()).isEqualTo(SPIKE);
    assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
    assertThat(a.destNode()).isEqualTo("workload/shop/catalog");
    assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
    assertThat(a.destPod()).isEqualTo("pod/shop/catalog-5c8d7f9b6-zz9kq");
    assertThat(a.evidence().baselineValue()).isCloseTo(5.0, within(0.01));
    assertThat(a.evidence().threshold()).isCloseTo(15.0, within(0.01));
    assertThat(a.evidence().details()).containsEntry("unit", "flows/s").containsEntry("window", "1m");
    assertThat(a.peakValue()).isCloseTo(22.5, within(0.01));
    assertThat(a.evidence().details().get("multiplier")).isEqualTo("4.5x");
    assertThat(a.severity()).isEqualTo("high");
    assertThat(a.score()).isCloseTo(0.45, within(0.01));
    assertThat(Harness.seconds(a.detectedAt())).isBetween(600.0, 660.0);
    assertThat(a.description()).contains("shop/frontend", "shop/catalog", "4.5x", "5.0 flows/s");
    assertThat(a.title()).isEqualTo("Traffic Spike Detected");
  }

  @Test
  void twoPointNineTimesTheBaseline_isNoSpike() {
    normalThen(14.5, 900);

    assertThat(h.all()).isEmpty();
  }

  @Test
  void threeTimesTheBaseline_isASpike_ofMediumSeverity() {
    normalThen(15, 700);

    assertThat(h.anomalies(SPIKE)).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo("medium"));
  }

  @Test
  void aSmallEdgeGoingFromATenthToFourTenthsOfAFlowPerSecond_isNoSpike() {
    h.background(0, 900);
    h.tcp(0, 600, 0.1, FRONTEND, CART, 8080);
    h.tcp(600, 900, 0.4, FRONTEND, CART, 8080);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void replicasAreOneEdge_andThePodsAreNamedOnlyWhenOnePairCarriesTheTraffic() {
    h.background(0, 900);
    h.tcp(0, 600, 2.5, FRONTEND, CATALOG, 8080);
    h.tcp(0, 600, 2.5, FRONTEND_2, CATALOG_2, 8080);
    h.tcp(600, 780, 12, FRONTEND, CATALOG, 8080);
    h.tcp(600, 780, 12, FRONTEND_2, CATALOG_2, 8080);
    h.run();

    Anomaly a = h.anomalies(SPIKE).get(0);
    assertThat(a.evidence().baselineValue()).isCloseTo(5.0, within(0.01));
    assertThat(a.sourcePod()).isEqualTo("workload/shop/frontend");
    assertThat(a.destPod()).isEqualTo("workload/shop/catalog");
  }

  @Test
  void aSpikeDuringTheWarmUp_isNotJudged() {
    h.background(0, 400);
    h.tcp(0, 120, 5, FRONTEND, CATALOG, 8080);
    h.tcp(120, 240, 30, FRONTEND, CATALOG, 8080);
    h.tcp(240, 400, 5, FRONTEND, CATALOG, 8080);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void whereBytesAreMeasured_theSpikeIsInBytesPerSecond() {
    h.background(0, 700);
    h.every(0, 600, 5, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080).bytes(4_000).packets(4));
    h.every(600, 700, 5, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080).bytes(20_000).packets(14));
    h.run();

    Anomaly a = h.anomalies(SPIKE).get(0);
    assertThat(a.evidence().details()).containsEntry("unit", "bytes/s").containsEntry("multiplier", "5.0x");
    assertThat(a.evidence().baselineValue()).isCloseTo(20_000, within(1.0));
    assertThat(a.evidence().currentValue()).isGreaterThanOrEqualTo(60_000);
  }

  @Test
  void whereBytesAreMeasured_aBigByteSpikeOnAnEdgeOfManyFlows_isASpike() {
    h.background(0, 700);
    h.every(0, 600, 5, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080).bytes(200).packets(1));
    h.every(600, 700, 5, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080).bytes(1_600).packets(2));
    h.run();

    assertThat(h.anomalies(SPIKE)).singleElement()
        .satisfies(a -> assertThat(a.evidence().details()).containsEntry("multiplier", "8.0x"));
  }

  @Test
  void whereBytesAreMeasured_aSmallRateIsNoSpike() {
    h.background(0, 900);
    h.every(0, 600, 1, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080).bytes(200).packets(1));
    h.every(600, 900, 1, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080).bytes(1_600).packets(2));
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void anOngoingSpike_isOneRecord_resolvedAfterItEnds() {
    normalThen(25, 780);
    h.tcp(780, 1000, 5, FRONTEND, CATALOG, 8080).background(780, 1000).run();

    List<Anomaly> spikes = h.anomalies(SPIKE);
    assertThat(spikes).hasSize(1);
    Anomaly a = spikes.get(0);
    assertThat(a.status()).isEqualTo("resolved");
    assertThat(a.peakValue()).isCloseTo(25, within(0.01));
    assertThat(a.evidence().currentValue()).as("the latest observation").isLessThan(25);
    assertThat(Harness.seconds(a.lastSeen())).isBetween(780.0, 850.0);
    assertThat(a.resolvedAt()).isAfterOrEqualTo(a.lastSeen().plusSeconds(60));
    assertThat(h.all()).as("nothing else: the return to normal is no drop").hasSize(1);
  }
}
