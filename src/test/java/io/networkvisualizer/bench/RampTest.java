package io.networkvisualizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RampTest {
  @Test
  void goesUpWhileSustained_andStopsAtTheFirstLoss() {
    Ramp ramp = new Ramp(100_000, 25_000, 300_000);
    assertThat(ramp.next()).hasValue(100_000);
    ramp.record(100_000, true);
    assertThat(ramp.next()).hasValue(125_000);
    ramp.record(125_000, true);
    assertThat(ramp.next()).hasValue(150_000);
    ramp.record(150_000, false);
    assertThat(ramp.next()).isEmpty();
    assertThat(ramp.highestSustained()).hasValue(125_000);
  }

  @Test
  void goesDownWhenTheFirstRateIsNotSustained() {
    Ramp ramp = new Ramp(100_000, 25_000, 300_000);
    ramp.record(100_000, false);
    assertThat(ramp.next()).hasValue(75_000);
    ramp.record(75_000, false);
    assertThat(ramp.next()).hasValue(50_000);
    ramp.record(50_000, true);
    assertThat(ramp.next()).isEmpty();
    assertThat(ramp.highestSustained()).hasValue(50_000);
  }

  @Test
  void neverGoesBelowOneStepNorAboveMax() {
    Ramp down = new Ramp(50_000, 25_000, 50_000);
    down.record(50_000, false);
    assertThat(down.next()).hasValue(25_000);
    down.record(25_000, false);
    assertThat(down.next()).isEmpty();
    assertThat(down.highestSustained()).isEmpty();

    Ramp up = new Ramp(50_000, 25_000, 60_000);
    up.record(50_000, true);
    assertThat(up.next()).isEmpty();
  }

  @Test
  void sustainedMeansNoLossAndAlmostAllReceived() {
    assertThat(Ramp.sustained(100_000, 99_000, 0)).isTrue();
    assertThat(Ramp.sustained(100_000, 97_000, 0)).isFalse();
    assertThat(Ramp.sustained(100_000, 100_000, 1)).isFalse();
    assertThat(Ramp.sustained(0, 0, 0)).isFalse();
  }

  @Test
  void rejectsANonsenseRamp() {
    assertThatThrownBy(() -> new Ramp(0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ramp(10, 1, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
