package io.networkvisualizer.anomaly;

import static io.networkvisualizer.anomaly.Harness.CART;
import static io.networkvisualizer.anomaly.Harness.CATALOG;
import static io.networkvisualizer.anomaly.Harness.FRONTEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.testing.Flows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data exfiltration is a pod sending more than 10 MiB/s outside the cluster, sustained for 30 s. Uploads are
 * reported as Retina reports a busy connection: ten events a second, each with the bytes since the last.
 */
class DataExfiltrationDetectorTest {
  static final String EXFIL = "data_exfiltration";
  static final long MIB = 1024 * 1024;
  final Harness h = new Harness();
  final Endpoint outside = Flows.world();

  void upload(double from, double to, double mibPerSecond, Endpoint src, Endpoint dst) {
    long chunk = Math.round(mibPerSecond * MIB / 10);
    h.every(from, to, 10, (i, t) -> Flows.tcp(t, src, dst, 443).bytes(chunk).packets(chunk / 1400 + 1)
        .destinationIp("203.0.113.10").destinationNames(List.of("uploads.filedrop.example")));
  }

  @Test
  void elevenMebibytesPerSecondForFortySeconds_isExfiltration_withItsEvidence() {
    h.background(0, 60);
    upload(10, 50, 11, FRONTEND, outside);
    h.run();

    assertThat(h.anomalies(EXFIL)).singleElement().satisfies(a -> {
      assertThat(a.evidence().currentValue()).isCloseTo(11.0 * MIB, within(0.01 * MIB));
      assertThat(a.evidence().threshold()).isEqualTo(10.0 * MIB);
      assertThat(a.evidence().details()).containsEntry("unit", "bytes/s").containsEntry("required_duration", "30s");
      assertThat(a.sourcePod()).isEqualTo("pod/shop/frontend-7d4b9c6f5-x2k4f");
      assertThat(a.destPod()).isEqualTo("world/uploads.filedrop.example");
      assertThat(a.destNode()).isEqualTo("world/uploads.filedrop.example");
      assertThat(a.sourceNode()).isEqualTo("workload/shop/frontend");
      assertThat(a.severity()).isEqualTo("high");
      assertThat(Harness.seconds(a.detectedAt())).isBetween(40.0, 45.0);
      assertThat(a.description()).contains("11.0 MiB/s", "uploads.filedrop.example");
    });
  }

  @Test
  void nineMebibytesPerSecond_isNoExfiltration() {
    h.background(0, 180);
    upload(0, 180, 9, FRONTEND, outside);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void aBurstShorterThanThirtySeconds_isNoExfiltration() {
    h.background(0, 60);
    upload(10, 30, 50, FRONTEND, outside);
    h.run();

    assertThat(h.all()).isEmpty();
  }

  @Test
  void heavyTrafficInsideTheCluster_isNoExfiltration() {
    h.background(0, 60);
    upload(0, 60, 50, FRONTEND, CATALOG);
    upload(0, 60, 50, CART, CATALOG);
    h.run();

    assertThat(h.anomalies(EXFIL)).isEmpty();
  }

  @Test
  void withoutMeasuredBytes_theDetectorSaysItIsInactive() {
    h.background(0, 60);
    h.every(0, 60, 10, (i, t) -> Flows.tcp(t, FRONTEND, outside, 443).destinationIp("203.0.113.10"));
    h.run();

    assertThat(h.engine.detectors()).filteredOn(d -> d.name().equals(EXFIL)).singleElement().satisfies(d -> {
      assertThat(d.enabled()).isTrue();
      assertThat(d.status()).startsWith("inactive: no measured byte counts from the source");
    });
  }

  @Test
  void withMeasuredBytes_theDetectorIsActive() {
    h.background(0, 60);
    upload(0, 10, 1, FRONTEND, outside);
    h.run();

    assertThat(h.engine.detectors()).filteredOn(d -> d.name().equals(EXFIL)).singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo("active"));
  }
}
