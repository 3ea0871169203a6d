package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.CATALOG_2;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static io.networkvisualizer.anomaly.Harness.FRONTEND_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.testing.Flows;
import org.junit.jupiter.api.Test;

/**
 * A high error rate is more than 5% of an edge's flows over the 60 s window dropped, errored or answered with an HTTP
 * 5xx, once the window holds at least 20 flows. Failures are spread evenly: {@code k} of every 1000 flows.
 */
class HighErrorRateDetectorTest {
  static final String ERRORS = "high_error_rate";
  final Harness h = new Harness();

  /** Whether flow {@code i} is one of {@code perThousand} evenly spread failures per 1000. */
  static boolean fails(long i, int perThousand) {
    return (i + 1) * perThousand / 1000 > i * perThousand / 1000;
  }

  void traffic(double from, double to, double perSecond, int failuresPerThousand) {
    h.every(from, to, perSecond, (i, t) -> {
      var flow = Flows.tcp(t, FRONTEND, CATALOG, 8080);
      return fails(i, failuresPerThousand)
          ? flow.verdict(Verdict.DROPPED).dropReason(DropReason.ofName("POLICY_DENIED")) : flow;
    });
  }

  @Test
  void tenPercentDropped_isAHighErrorRate_withItsEvidence() {
    traffic(0, 120, 10, 100);
    h.run();

    assertThat(h.anomalies(ERRORS)).singleElement().satisfies(a -> {
      assertThat(a.evidence().currentValue()).isCloseTo(0.10, within(0.002));
      assertThat(a.evidence().threshold()).isEqualTo(0.05);
      assertThat(a.evidence().details()).containsEntry("unit", "ratio").containsEntry("http_5xx", "0")
          .containsEntry("flows", "600").containsEntry("failed", "60");
      assertThat(a.severity()).isEqualTo("medium");
      assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
      assertThat(a.destPod()).isEqualTo("pod/shop/catalog-5c8d7f9b6-zz9kq");
      assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
      assertThat(a.description()).contains("10.0%", "60 dropped or errored");
      assertThat(Harness.seconds(a.detectedAt())).isLessThanOrEqualTo(60);
    });
  }

  @Test
  void fourPointNinePercent_isNoHighErrorRate() {
    traffic(0, 300, 20, 49);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void fivePointOnePercent_isAHighErrorRate() {
    traffic(0, 300, 20, 51);
    h.run();

    assertThat(h.anomalies(ERRORS)).hasSize(1);
  }

  @Test
  void tooFewFlowsToJudge_isNoHighErrorRate() {
    h.every(0, 60, 19 / 60.0, (i, t) -> Flows.tcp(t, FRONTEND, CATALOG, 8080)
        .verdict(i % 2 == 0 ? Verdict.DROPPED : Verdict.FORWARDED));
    h.background(0, 120);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void httpServerErrors_count_andAreNamed() {
    h.every(0, 120, 5, (i, t) -> Flows.httpResponse(t, FRONTEND, CATALOG, 8080, "GET", "/api/products",
        i % 5 == 0 ? 503 : 200));
    h.run();

    assertThat(h.anomalies(ERRORS)).singleElement().satisfies(a -> {
      assertThat(a.evidence().currentValue()).isCloseTo(0.2, within(0.01));
      assertThat(a.evidence().details()).containsEntry("http_5xx", a.evidence().details().get("failed"));
      assertThat(a.severity()).isEqualTo("high");
    });
  }

  @Test
  void failuresFromSeveralPodPairs_nameTheWorkloads() {
    h.every(0, 120, 10, (i, t) -> {
      boolean first = i % 2 == 0;
      var flow = Flows.tcp(t, first ? FRONTEND : FRONTEND_2, first ? CATALOG : CATALOG_2, 8080);
      return i % 4 < 2 ? flow.verdict(Verdict.ERROR) : flow;
    });
    h.run();

    assertThat(h.anomalies(ERRORS)).singleElement().satisfies(a -> {
      assertThat(a.sourcePod()).isEqualTo("workload/shop/frontend");
      assertThat(a.destPod()).isEqualTo("workload/shop/catalog");
      assertThat(a.severity()).isEqualTo("critical");
    });
  }
}
