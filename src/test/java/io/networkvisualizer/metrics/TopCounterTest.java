package io.networkvisualizer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopCounterTest {
  @Test
  void countsAreExactWhileFewerKeysThanCapacity() {
    TopCounter counter = new TopCounter(4);
    for (String key : new String[] {"a", "b", "a", "c", "a", "b"}) {
      counter.add(key);
    }
    assertThat(counter.copy().toMap()).containsOnly(Map.entry("a", 3L), Map.entry("b", 2L), Map.entry("c", 1L));
    assertThat(TopCounter.top(counter.copy().toMap(), 2)).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
  }

  @Test
  void aFloodOfUniqueKeysStaysBoundedAndKeepsTheHeavyHitter() {
    TopCounter counter = new TopCounter(8);
    for (int i = 0; i < 100_000; i++) {
      counter.add("unique-" + i);
      if (i % 3 == 0) {
        counter.add("hot");
      }
    }
    Map<String, Long> counts = counter.copy().toMap();
    assertThat(counts).hasSize(8);
    assertThat(TopCounter.top(counts, 1)).containsOnlyKeys("hot");
    assertThat(counts.get("hot")).isGreaterThanOrEqualTo(33_334L);
  }
}
