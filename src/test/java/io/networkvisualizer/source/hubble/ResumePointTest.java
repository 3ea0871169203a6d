package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.ProtoFlows.T0;
import static io.networkvisualizer.source.hubble.ProtoFlows.tcp;
import static io.networkvisualizer.source.hubble.ResumePoint.Decision.DELIVER;
import static io.networkvisualizer.source.hubble.ResumePoint.Decision.DUPLICATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.source.hubble.proto.flow.Flow;
import org.junit.jupiter.api.Test;

class ResumePointTest {
  private final ResumePoint resume = new ResumePoint(4);

  private void deliver(long time, Flow flow) {
    assertThat(decide(time, flow)).isEqualTo(DELIVER);
    resume.delivered(time, key(flow));
  }

  private ResumePoint.Decision decide(long time, Flow flow) {
    return resume.decide(time, key(flow));
  }

  /** The key the wire decoder gives: the uuid, or the flow's bytes without one. */
  private static Object key(Flow flow) {
    return flow.getUuid().isEmpty() ? flow.toByteString() : flow.getUuid();
  }

  @Test
  void nothingDelivered_hasNoResumeTime() {
    assertThat(resume.hasDelivered()).isFalse();
    resume.resume();
    assertThat(decide(T0, tcp(T0, "a", 1).build())).isEqualTo(DELIVER);
  }

  @Test
  void since_isTheLatestTimeDelivered_evenAfterALateFlow() {
    deliver(T0 + 5, tcp(T0 + 5, "a", 1).build());
    deliver(T0 + 3, tcp(T0 + 3, "late", 2).build());

    assertThat(ProtoFlowMapper.nanos(resume.since())).isEqualTo(T0 + 5);
  }

  @Test
  void liveStream_deliversLateFlows() {
    deliver(T0 + 5, tcp(T0 + 5, "a", 1).build());

    assertThat(decide(T0 + 1, tcp(T0 + 1, "late", 2).build())).isEqualTo(DELIVER);
  }

  @Test
  void afterResume_skipsOlderAndAlreadyDeliveredFlowsAtTheResumeTime() {
    deliver(T0, tcp(T0, "a", 1).build());
    deliver(T0 + 5, tcp(T0 + 5, "b", 2).build());
    deliver(T0 + 5, tcp(T0 + 5, "", 3).build());

    resume.resume();

    assertThat(decide(T0, tcp(T0, "a", 1).build())).isEqualTo(DUPLICATE);
    assertThat(decide(T0 + 5, tcp(T0 + 5, "b", 2).build())).isEqualTo(DUPLICATE);
    assertThat(decide(T0 + 5, tcp(T0 + 5, "", 3).build())).as("same content, no uuid").isEqualTo(DUPLICATE);
    assertThat(decide(T0 + 5, tcp(T0 + 5, "", 4).build())).as("other content, no uuid").isEqualTo(DELIVER);
    assertThat(decide(T0 + 5, tcp(T0 + 5, "c", 2).build())).isEqualTo(DELIVER);
  }

  @Test
  void replayEnds_withTheFirstNewerFlow() {
    deliver(T0 + 5, tcp(T0 + 5, "a", 1).build());
    resume.resume();
    deliver(T0 + 6, tcp(T0 + 6, "b", 2).build());

    assertThat(decide(T0 + 1, tcp(T0 + 1, "late", 3).build())).isEqualTo(DELIVER);
  }

  @Test
  void moreFlowsAtOneTimeThanTheCapacity_areCounted() {
    for (int i = 0; i < 6; i++) {
      deliver(T0, tcp(T0, "u" + i, i).build());
    }

    assertThat(resume.overflowed()).isEqualTo(2);
  }
}
