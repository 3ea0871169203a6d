package io.networkvisualizer.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FlowTimeClockTest {
  private static final long S = 1_000_000_000L;

  private static Flow at(long nanos) {
    return Flow.builder().timeNanos(nanos).build();
  }

  @Test
  void replay_standsStillBetweenFlows_andNeverGoesBack() {
    FlowTimeClock clock = FlowTimeClock.replay();
    clock.onFlow(at(100 * S));
    assertThat(clock.nowNanos()).isEqualTo(100 * S);
    clock.onFlow(at(90 * S));
    assertThat(clock.nowNanos()).isEqualTo(100 * S);
    clock.onFlow(at(5_000 * S));
    assertThat(clock.nowNanos()).isEqualTo(5_000 * S);
  }

  @Test
  void live_movesWithWallTimeBetweenFlows() {
    AtomicLong wall = new AtomicLong(1_000 * S);
    FlowTimeClock clock = FlowTimeClock.live(wall::get);
    assertThat(clock.nowNanos()).isEqualTo(1_000 * S);
    clock.onFlow(at(998 * S)); // Hubble's timestamps lag the wall clock a little
    assertThat(clock.nowNanos()).isEqualTo(998 * S);
    wall.addAndGet(30 * S);
    assertThat(clock.nowNanos()).isEqualTo(1_028 * S);
  }

  @Test
  void live_aFlowFromTheFarFuture_movesTimeOnlyALittlePastTheWallClock() {
    AtomicLong wall = new AtomicLong(1_000 * S);
    FlowTimeClock clock = FlowTimeClock.live(wall::get);
    clock.onFlow(at(1_000 * S));
    clock.onFlow(at(1_000_000 * S));
    assertThat(clock.nowNanos()).isEqualTo(1_010 * S);
    wall.addAndGet(20 * S);
    clock.onFlow(at(1_019 * S));
    assertThat(clock.nowNanos()).isEqualTo(1_030 * S);
  }
}
