package io.networkvisualizer.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FlowStoreTest {
  private static Flow flowAt(long n) {
    return Flow.builder().timeNanos(n).uuid("f" + n).build();
  }

  @Test
  void recent_isNewestFirst_andLimited() {
    FlowStore store = new FlowStore(10);
    for (int i = 1; i <= 5; i++) {
      store.onFlow(flowAt(i));
    }
    assertThat(store.recent(3)).extracting(Flow::uuid).containsExactly("f5", "f4", "f3");
    assertThat(store.recent(100)).hasSize(5);
    assertThat(store.size()).isEqualTo(5);
  }

  @Test
  void full_ringOverwritesOldest_andCountsEvictions() {
    FlowStore store = new FlowStore(3);
    for (int i = 1; i <= 7; i++) {
      store.onFlow(flowAt(i));
    }
    assertThat(store.recent(10)).extracting(Flow::uuid).containsExactly("f7", "f6", "f5");
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.totalStored()).isEqualTo(7);
    assertThat(store.evicted()).isEqualTo(4);
  }

  @Test
  void filter_appliesBeforeLimit() {
    FlowStore store = new FlowStore(10);
    for (int i = 1; i <= 8; i++) {
      store.onFlow(flowAt(i));
    }
    assertThat(store.recent(2, f -> f.timeNanos() % 2 == 1)).extracting(Flow::uuid).containsExactly("f7", "f5");
  }

  @Test
  void badArguments_areRejected() {
    assertThatThrownBy(() -> new FlowStore(0)).hasMessageContaining("maxFlows must be >= 1 (was 0)");
    assertThatThrownBy(() -> new FlowStore(1).recent(-1)).hasMessageContaining("limit must be >= 0 (was -1)");
  }

  @Test
  void concurrentReaders_seeOnlyConsistentNewestFirstSnapshots() throws Exception {
    FlowStore store = new FlowStore(64);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> problem = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        List<Flow> recent = store.recent(64);
        for (int i = 1; i < recent.size(); i++) {
          if (recent.get(i).timeNanos() >= recent.get(i - 1).timeNanos()) {
            problem.set("not newest first: " + recent.get(i - 1).timeNanos() + " then " + recent.get(i).timeNanos());
          }
        }
      }
    });
    reader.start();
    for (long n = 1; n <= 500_000; n++) {
      store.onFlow(flowAt(n));
    }
    done.set(true);
    reader.join();
    assertThat(problem.get()).isNull();
    assertThat(store.recent(1)).extracting(Flow::timeNanos).containsExactly(500_000L);
  }
}
