package io.networkvisualizer.source.hubble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration INITIAL = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void withoutJitter_doublesFromInitialUpToMax() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5); // 0.5 is the middle of the jitter range: no spread

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 20; i++) {
      backoff.next();
    }
    assertThat(backoff.next()).isEqualTo(MAX);
  }

  @Test
  void jitter_spreadsEachWaitByTwentyPercent() {
    Backoff low = new Backoff(INITIAL, MAX, () -> 0.0);
    Backoff high = new Backoff(INITIAL, MAX, () -> 0.999_999);

    assertThat(low.next()).isEqualTo(Duration.ofMillis(400));
    assertThat(low.next()).isEqualTo(Duration.ofMillis(800));
    assertThat(high.next()).isBetween(Duration.ofMillis(599), Duration.ofMillis(600));
    assertThat(high.next()).isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
  }

  @Test
  void jitter_neverExceedsMax() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.999_999);
    for (int i = 0; i < 30; i++) {
      assertThat(backoff.next()).isLessThanOrEqualTo(MAX);
    }
    assertThat(backoff.next()).isEqualTo(MAX);
  }

  @Test
  void reset_startsAgainFromInitial() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);
    backoff.next();
    backoff.next();
    backoff.next();

    backoff.reset();

    assertThat(backoff.next()).isEqualTo(INITIAL);
  }

  @Test
  void invalidBounds_areRejected() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff(MAX, INITIAL, () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.5S");
  }
}
