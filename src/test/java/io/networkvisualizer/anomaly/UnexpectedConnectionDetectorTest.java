package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.AUTH;
import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.CATALOG_2;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static io.networkvisualizer.anomaly.Harness.FRONTEND_2;
import static io.networkvisualizer.anomaly.Harness.PAYMENTS_DB;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.testing.Flows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unexpected connection is a source workload reaching a destination workload it never reached during its
 * baseline. Frontend calls catalog and cart for the five-minute warm-up; afterwards it reaches something else.
 */
class UnexpectedConnectionDetectorTest {
  static final String UNEXPECTED = "unexpected_connection";
  final Harness h = new Harness();

  void baseline(double until) {
    h.background(0, until);
    h.tcp(0, until, 2, FRONTEND, CATALOG, 8080);
    h.tcp(0, until, 1, FRONTEND, CART, 8080);
  }

  @Test
  void reachingADatabaseInAnotherNamespace_isUnexpected_withThePods() {
    baseline(480);
    h.tcp(400, 430, 1, FRONTEND, PAYMENTS_DB, 5432);
    h.run();

    assertThat(h.anomalies(UNEXPECTED)).singleElement().satisfies(a -> {
      assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
      assertThat(a.destPod()).isEqualTo("pod/payments/payments-db-6d5c4b3a2-r5t6y");
      assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
      assertThat(a.destNode()).isEqualTo("workload/payments/payments-db");
      assertThat(a.severity()).isEqualTo("high");
      assertThat(a.evidence().details()).containsEntry("destination", "workload/payments/payments-db")
          .containsEntry("known_destinations", "2")
          .containsEntry("flows", "30");
      assertThat(a.description()).contains("shop/frontend-7d4b9c6f5-x2k4f", "payments/payments-db",
          "never reached");
      assertThat(Harness.seconds(a.detectedAt())).isBetween(400.0, 410.0);
    });
  }

  @Test
  void aDeniedAttempt_isUnexpectedToo_andSaysItWasDropped() {
    baseline(480);
    h.every(400, 410, 1, (i, t) -> Flows.tcp(t, FRONTEND, PAYMENTS_DB, 5432).verdict(Verdict.DROPPED));
    h.run();

    assertThat(h.anomalies(UNEXPECTED)).singleElement()
        .satisfies(a -> assertThat(a.evidence().details()).containsEntry("failed", "10"));
  }

  @Test
  void aNewReplicaOfAKnownPeer_orOfTheSource_isNotUnexpected() {
    baseline(480);
    h.tcp(400, 480, 0.5, FRONTEND, CATALOG_2, 8080);
    h.tcp(400, 480, 0.5, FRONTEND_2, CATALOG_2, 8080);
    h.tcp(400, 480, 0.5, FRONTEND_2, CART, 8080);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aSameNamespaceDestination_isOfMediumSeverity() {
    baseline(480);
    h.tcp(400, 410, 1, CATALOG, CART, 8080);
    h.tcp(400, 410, 1, FRONTEND, Flows.pod("shop", "checkout-7d4b9c6f5-c3v4b"), 8080);
    h.run();

    assertThat(h.anomalies(UNEXPECTED)).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo("medium");
      assertThat(a.destNode()).isEqualTo("workload/shop/checkout");
    });
  }

  @Test
  void aWorkloadDeployedAfterTheWarmUp_learnsItsOwnDestinationsFirst() {
    baseline(900);
    h.tcp(400, 900, 1, AUTH, CART, 8080);
    h.tcp(600, 900, 1, AUTH, CATALOG, 8080);
    h.tcp(750, 800, 1, AUTH, PAYMENTS_DB, 5432);
    h.run();

    assertThat(h.anomalies(UNEXPECTED)).singleElement().satisfies(a -> {
      assertThat(a.sourceNode()).isEqualTo("workload/identity/auth");
      assertThat(a.destNode()).isEqualTo("workload/payments/payments-db");
    });
  }

  @Test
  void outsideAddresses_areOneDestinationUnlessNamed() {
    Endpoint world = Flows.world();
    baseline(480);
    h.every(0, 480, 0.2, (i, t) -> Flows.tcp(t, FRONTEND, world, 443).destinationIp("198.51.100." + (i % 200)));
    h.every(400, 410, 1, (i, t) -> Flows.tcp(t, FRONTEND, world, 443).destinationIp("203.0.113.9"));
    h.every(420, 430, 1, (i, t) -> Flows.tcp(t, FRONTEND, world, 443).destinationIp("203.0.113.10")
        .destinationNames(List.of("uploads.filedrop.example")));
    h.run();

    assertThat(h.anomalies(UNEXPECTED)).singleElement().satisfies(a -> {
      assertThat(a.destNode()).isEqualTo("world/uploads.filedrop.example");
      assertThat(a.destPod()).isEqualTo("world/uploads.filedrop.example");
      assertThat(a.severity()).isEqualTo("high");
    });
  }

  @Test
  void aNewDestinationThatStays_isLearnedAfterItsProbation() {
    baseline(1500);
    h.tcp(400, 1500, 1, FRONTEND, PAYMENTS_DB, 5432);
    h.run();

    assertThat(h.anomalies(UNEXPECTED)).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo("resolved");
      assertThat(Harness.seconds(a.lastSeen())).isBetween(690.0, 705.0);
    });
  }
}
