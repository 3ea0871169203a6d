package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A traffic drop is a workload edge's rate over the 60 s window at least 80% below a substantial baseline (at least
 * 2 flows/s): ten steady minutes of 5 flows/s, then a change at {@code t = 600 s}, while a quiet background edge keeps
 * the stream itself going.
 */
class TrafficDropDetectorTest {
  static final String DROP = "traffic_drop";
  final Harness h = new Harness();

  @Test
  void anEdgeThatFallsSilent_isADrop_detectedWithinTheWindow() {
    h.background(0, 720);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.run();

    Anomaly a = h.anomalies(DROP).get(0);
    assertThat(h.anomalies(DROP)).hasSize(1);
    assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
    assertThat(a.destNode()).isEqualTo("workload/shop/catalog");
    assertThat(a.evidence().currentValue()).isZero();
    assertThat(a.evidence().baselineValue()).isCloseTo(5.0, within(0.01));
    assertThat(a.evidence().threshold()).isCloseTo(1.0, within(0.01));
    assertThat(a.evidence().details()).containsEntry("silent", "true").containsEntry("drop", "100.0%");
    assertThat(a.severity()).isEqualTo("high");
    assertThat(a.score()).isEqualTo(1.0);
    assertThat(a.peakValue()).isZero();
    assertThat(a.description()).contains("stopped", "5.0 flows/s");
    assertThat(Harness.seconds(a.detectedAt())).isBetween(600.0, 660.0);
  }

  @Test
  void aNinetyPercentDrop_isAMediumDrop() {
    h.background(0, 720);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.tcp(600, 720, 0.5, FRONTEND, CATALOG, 8080);
    h.run();

    Anomaly a = h.anomalies(DROP).get(0);
    assertThat(a.severity()).isEqualTo("medium");
    assertThat(a.evidence().currentValue()).isCloseTo(0.5, within(0.01));
    assertThat(a.evidence().details()).containsEntry("silent", "false").containsEntry("drop", "90.0%");
  }

  @Test
  void aSeventyPercentDrop_isNoDrop() {
    h.background(0, 900);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.tcp(600, 900, 1.5, FRONTEND, CATALOG, 8080);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aSmallEdgeFallingSilent_isNoDrop() {
    h.background(0, 900);
    h.tcp(0, 600, 1, FRONTEND, CART, 8080);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void whenTheWholeStreamFallsSilent_itIsAnOutageNotADrop_andTheDetectorSaysItIsPaused() {
    h.background(0, 600);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.runUntil(700);

    assertThat(h.all()).isEmpty();
    assertThat(h.engine.detectors()).filteredOn(d -> d.name().equals(DROP)).singleElement()
        .satisfies(d -> assertThat(d.status()).startsWith("paused"));
  }

  @Test
  void aLiveStreamThatGoesQuietForOneEdge_isJudgedByTheTimerTick() {
    h.background(0, 600);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.run();
    // the background keeps flowing while the timer ticks; the edge says nothing
    for (int s = 600; s <= 700; s += 5) {
      h.background(s, s + 5).runUntil(s + 5);
    }

    assertThat(h.anomalies(DROP)).hasSize(1);
  }

  @Test
  void anEdgeThatStaysDown_becomesTheNewNormal_andTheDropResolves() {
    h.background(0, 2400);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.tcp(600, 2400, 0.5, FRONTEND, CATALOG, 8080);
    h.run();

    Anomaly a = h.anomalies(DROP).get(0);
    assertThat(h.anomalies(DROP)).hasSize(1);
    assertThat(a.status()).isEqualTo("resolved");
    assertThat(Harness.seconds(a.lastSeen())).as("within a baseline horizon or two").isLessThan(600 + 1500);
  }

  @Test
  void trafficThatComesBack_resolvesTheDrop_andIsNoSpike() {
    h.background(0, 1000);
    h.tcp(0, 600, 5, FRONTEND, CATALOG, 8080);
    h.tcp(700, 1000, 5, FRONTEND, CATALOG, 8080);
    h.run();

    assertThat(h.all()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(DROP);
      assertThat(a.status()).isEqualTo("resolved");
    });
  }
}
