package io.networkvisualizer.source.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.networkvisualizer.source.hubble.proto.flow.Flow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pending flows come out earliest first and, at equal times, in the order they went in, however they interleave, each
 * with its node number.
 */
class PendingFlowsTest {
  private record Added(long time, int order, int node, Flow flow) {}

  @Test
  void releasesByTimeThenByInsertionOrderAcrossInterleavedAddsAndPolls() {
    SplittableRandom random = new SplittableRandom(3);
    PendingFlows pending = new PendingFlows();
    List<Added> waiting = new ArrayList<>();
    List<Flow> expected = new ArrayList<>();
    List<Flow> released = new ArrayList<>();
    int order = 0;
    for (int round = 0; round < 200; round++) {
      for (int i = random.nextInt(40); i > 0; i--) {
        long time = 1_000 + random.nextInt(60); // few distinct times: many ties
        Flow flow = Flow.newBuilder().setUuid("f" + order).build();
        int node = random.nextInt(PendingFlows.MAX_NODE + 1);
        pending.add(time, node, flow);
        waiting.add(new Added(time, order++, node, flow));
      }
      waiting.sort(Comparator.comparingLong(Added::time).thenComparingInt(Added::order));
      for (int i = random.nextInt(35); i > 0 && !pending.isEmpty(); i--) {
        assertThat(pending.peekTime()).isEqualTo(waiting.get(0).time());
        assertThat(pending.peekNode()).isEqualTo(waiting.get(0).node());
        expected.add(waiting.remove(0).flow());
        released.add(pending.poll());
      }
      assertThat(pending.size()).isEqualTo(waiting.size());
    }
    while (!pending.isEmpty()) {
      released.add(pending.poll());
      expected.add(waiting.remove(0).flow());
    }
    assertThat(released).hasSize(order).containsExactlyElementsOf(expected);
    assertThat(order).isGreaterThan(2_000); // the arrays grew past their first size
  }

  @Test
  void refusesANodeNumberItCannotKeep() {
    PendingFlows pending = new PendingFlows();
    Flow flow = Flow.getDefaultInstance();
    assertThatThrownBy(() -> pending.add(1, PendingFlows.MAX_NODE + 1, flow))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node number");
    assertThatThrownBy(() -> pending.add(1, -1, flow)).isInstanceOf(IllegalArgumentException.class);
    assertThat(pending.isEmpty()).isTrue();
  }
}
