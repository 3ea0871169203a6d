package io.networkvisualizer.source.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLimiterTest {
  private long now = 1_000;
  private final LogLimiter limiter = new LogLimiter(100, () -> now);

  @Test
  void letsOneLineThroughPerIntervalAndCountsTheRest() {
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    now += 99;
    assertThat(limiter.tryAcquire()).isFalse();
    now += 1;

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.takeSuppressed()).isEqualTo(2);
    assertThat(limiter.takeSuppressed()).isZero();
  }
}
