package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.config.Settings;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.testing.Flows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine around the detectors: event time, what is counted, bounds, the listener, determinism. */
class AnomalyEngineTest {

  static void scan(Harness h, double from, Endpoint src, int ports) {
    h.spread(from, from + 20, ports, (i, t) -> Flows.syn(t, src, CATALOG, (int) (2000 + i), 45_000));
  }

  @Test
  void theListener_isToldOfEachRaisedAnomaly_once() {
    List<String> told = new ArrayList<>();
    Harness h = new Harness(AnomalyEngine.Options.defaults(), (type, severity) -> told.add(type + "/" + severity));
    h.background(0, 120);
    scan(h, 10, FRONTEND, 25);
    h.run();

    assertThat(told).containsExactly("port_scan/high");
    assertThat(h.engine.stats().anomaliesRaised()).isEqualTo(1);
  }

  @Test
  void theTimerTick_closesIntervalsWhenFlowsStop_andResolvesByTheClock() {
    Harness h = new Harness();
    scan(h, 0, FRONTEND, 25);
    h.runUntil(20);
    assertThat(h.all()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("active"));

    h.runUntil(200);

    assertThat(h.all()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("resolved"));
    assertThat(h.engine.stats().intervals()).isEqualTo(40);
  }

  @Test
  void flowsMoreThanTenSecondsLate_areSkippedAndCounted() {
    Harness h = new Harness();
    h.tcp(0, 60, 1, FRONTEND, CATALOG, 8080).run();
    h.engine.onFlow(Flows.tcp(Harness.at(40), FRONTEND, CATALOG, 8080).build());
    h.engine.onFlow(Flows.tcp(Harness.at(52), FRONTEND, CATALOG, 8080).build());

    assertThat(h.engine.stats().lateFlows()).isEqualTo(1);
    assertThat(h.engine.stats().flowsCounted()).isEqualTo(61);
  }

  @Test
  void theServersCopyOfAPacket_isNotCountedAgain() {
    Harness h = new Harness();
    h.tcp(0, 10, 10, FRONTEND, CATALOG, 8080);
    h.every(0, 10, 10, (i, t) -> Flows.tcp(t.plusNanos(50_000), FRONTEND, CATALOG, 8080)
        .direction(TrafficDirection.INGRESS));
    h.run();

    assertThat(h.engine.stats().flowsCounted()).isEqualTo(100);
    assertThat(h.engine.stats().doubleObservationsSkipped()).isEqualTo(100);
  }

  @Test
  void aGapOfADay_isCrossedInBoundedSteps_andIsNoDrop() {
    Harness h = new Harness();
    h.background(0, 600).tcp(0, 600, 5, FRONTEND, CATALOG, 8080).run();
    h.background(86_400, 87_000).tcp(86_400, 87_000, 5, FRONTEND, CATALOG, 8080).run();

    assertThat(h.all()).isEmpty();
    assertThat(h.engine.stats().intervals()).isLessThan(120 + AnomalyEngine.MAX_CATCH_UP_TICKS + 125);
  }

  @Test
  void aFlowStampedFarInTheFuture_doesNotMakeLaterFlowsLate_onALiveClock() {
    AtomicLong wall = new AtomicLong(Harness.T0.getEpochSecond() * Harness.SECOND);
    FlowTimeClock clock = FlowTimeClock.live(wall::get);
    AnomalyEngine engine = new AnomalyEngine(clock, AnomalyEngine.Options.defaults());
    List<Flow> flows = new ArrayList<>();
    for (int s = 0; s < 30; s++) {
      flows.add(Flows.tcp(Harness.at(s), FRONTEND, CATALOG, 8080).build());
      if (s == 10) {
        flows.add(Flows.tcp(Instant.parse("2100-01-01T00:00:00Z"), FRONTEND, CATALOG, 8080).build());
      }
    }
    for (Flow f : flows) {
      wall.set(Math.max(wall.get(), Math.min(f.timeNanos(), wall.get() + Harness.SECOND)));
      clock.onFlow(f);
      engine.onFlow(f);
    }

    assertThat(engine.stats().lateFlows()).isZero();
    assertThat(engine.stats().flowsCounted()).isEqualTo(31);
  }

  @Test
  void everyTableIsBounded_andCountsWhatItSheds() {
    Harness h = new Harness(Harness.options(Map.of(Settings.ANOMALY_MAX_TRACKED, "100")));
    h.spread(0, 60, 3000, (i, t) -> Flows.tcp(t, Flows.pod("ns" + i % 300, "app" + i % 300 + "-7d4b9c6f5-x2k4f"),
        Flows.pod("db", "db" + i % 500 + "-7d4b9c6f5-x2k4f"), 5432));
    h.run();

    AnomalyEngine.Stats stats = h.engine.stats();
    assertThat(stats.peers()).isLessThanOrEqualTo(100);
    assertThat(stats.sources()).isLessThanOrEqualTo(100);
    assertThat(stats.edges()).isLessThanOrEqualTo(100);
    assertThat(stats.peersEvicted()).isPositive();
    assertThat(stats.sourcesEvicted()).isPositive();
    assertThat(stats.edgesEvicted()).isPositive();
  }

  @Test
  void aFloodOfNewSourcesWithinOneInterval_keepsBoundedState() {
    Harness h = new Harness(Harness.options(Map.of(Settings.ANOMALY_MAX_TRACKED, "100")));
    h.spread(0, 4, 20_000, (i, t) -> Flows.syn(t, Flows.world(), CATALOG, 8080, 45_000)
        .sourceIp("198.18." + (i / 250) + "." + (i % 250)));
    h.run();

    PortScanDetector scans = (PortScanDetector) h.engine.detector(AnomalyType.PORT_SCAN);
    assertThat(scans.trackedCount()).isLessThanOrEqualTo(201);
    assertThat(h.engine.stats().peers()).isLessThanOrEqualTo(100);
  }

  @Test
  void theSameFlows_giveTheSameAnomalies() {
    List<List<Anomaly>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Harness h = new Harness();
      h.background(0, 700).tcp(0, 600, 5, FRONTEND, CATALOG, 8080).tcp(600, 700, 30, FRONTEND, CATALOG, 8080);
      scan(h, 300, Harness.CART, 30);
      h.run();
      runs.add(h.all());
    }

    assertThat(runs.get(0)).hasSize(2).isEqualTo(runs.get(1));
  }

  @Test
  void theDetectors_areListedInTheSpecsOrder_andSayWhatTheyDo() {
    Harness h = new Harness();
    assertThat(h.engine.detectors()).extracting(AnomalyEngine.DetectorStatus::name)
        .containsExactlyElementsOf(Anomaly.TYPES);
    assertThat(h.engine.detectors()).allSatisfy(d -> assertThat(d.enabled()).isTrue());
    assertThat(h.engine.detectors().get(0).status()).isEqualTo("waiting for flows");

    h.background(0, 90).run();

    assertThat(h.engine.detectors().get(0).status()).isEqualTo("warming up: learning baselines (1m25s of 5m)");
    assertThat(h.engine.detectors().get(5).status()).isEqualTo("active");
  }
}
