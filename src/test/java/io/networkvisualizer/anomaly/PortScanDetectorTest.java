package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.testing.Flows;
import org.junit.jupiter.api.Test;

/** A port scan is one source reaching more than 20 distinct destination ports within 60 s. */
class PortScanDetectorTest {
  static final String SCAN = "port_scan";
  final Harness h = new Harness();

  /** {@code ports} SYNs from {@code src} to {@code dst}, ports 1000.., spread over {@code [from, to)}. */
  void scan(double from, double to, int ports, Endpoint src, Endpoint dst) {
    h.spread(from, to, ports, (i, t) -> Flows.syn(t, src, dst, (int) (1000 + i), 45_000));
  }

  @Test
  void twentyOnePortsInAMinute_isAPortScan_withItsEvidence() {
    h.background(0, 60);
    scan(10, 40, 21, FRONTEND, CATALOG);
    h.run();

    assertThat(h.anomalies(SCAN)).singleElement().satisfies(a -> {
      assertThat(a.evidence().currentValue()).isEqualTo(21);
      assertThat(a.evidence().threshold()).isEqualTo(20);
      assertThat(a.evidence().details()).containsEntry("distinct_ports", "21").containsEntry("unit", "ports")
          .containsEntry("ports", "1000,1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011,...");
      assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
      assertThat(a.destPod()).isEqualTo("pod/shop/catalog-5c8d7f9b6-zz9kq");
      assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
      assertThat(a.destNode()).isEqualTo("workload/shop/catalog");
      assertThat(a.severity()).isEqualTo("high");
      assertThat(Harness.seconds(a.detectedAt())).isBetween(40.0, 45.0);
      assertThat(a.description()).contains("21 distinct destination ports", "threshold 20");
    });
  }

  @Test
  void nineteenPorts_orTwenty_isNoPortScan() {
    h.background(0, 200);
    scan(10, 40, 19, FRONTEND, CATALOG);
    scan(100, 130, 20, CART, CATALOG);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void twentyOnePortsOverThreeMinutes_isNoPortScan() {
    h.background(0, 240);
    scan(0, 180, 21, FRONTEND, CATALOG);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void repliesFromManyEphemeralPorts_areNotPortsReached() {
    h.background(0, 60);
    h.spread(0, 50, 100, (i, t) -> Flows.tcp(t, CATALOG, FRONTEND, (int) (40_000 + i)).sourcePort(8080)
        .isReply(true).tcpFlags(TcpFlags.ACK));
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aScanOfSixtyThousandPorts_costsBoundedMemory_andIsCritical() {
    h.background(0, 60);
    h.spread(0, 60, 60_000, (i, t) -> Flows.syn(t, FRONTEND, CATALOG, (int) (1 + i), 45_000));
    h.run();

    assertThat(h.anomalies(SCAN)).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo("critical");
      assertThat(a.evidence().currentValue()).isEqualTo(40);
      assertThat(a.evidence().details().get("distinct_ports")).isEqualTo("at least 40");
      assertThat(a.evidence().details()).containsKey("collection");
    });
    PortScanDetector.Ports kept = frontendPorts();
    assertThat(kept.ports).hasSize(40);
  }

  @Test
  void anOngoingScan_isOneRecord_andResolvesAfterItEnds() {
    h.background(0, 400);
    scan(0, 180, 360, FRONTEND, CATALOG);
    h.run();

    assertThat(h.anomalies(SCAN)).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo("resolved");
      assertThat(Harness.seconds(a.lastSeen())).isBetween(180.0, 245.0);
    });
  }

  private PortScanDetector.Ports frontendPorts() {
    return h.engine.pod("shop", "frontend-7d4b9c6f5-x2k4f").ports;
  }
}
