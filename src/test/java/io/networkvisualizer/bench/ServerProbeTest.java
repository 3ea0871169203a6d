package io.networkvisualizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ServerProbeTest {
  private static final String METRICS = """
      # HELP jvm_gc_pause_seconds Time spent in GC pause
      # TYPE jvm_gc_pause_seconds summary
      jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 12
      jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.25
      jvm_gc_pause_seconds_count{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 1
      jvm_gc_pause_seconds_sum{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 0.05
      jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.031
      jvm_gc_pause_seconds_max{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 0.05
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E7
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4.0E7
      jvm_gc_pause_seconds_count_total 99
      """;

  @Test
  void sumsEverySeriesOfAMetricAndOnlyThatMetric() {
    assertThat(ServerProbe.sum(METRICS, "jvm_gc_pause_seconds_count")).isEqualTo(13);
    assertThat(ServerProbe.sum(METRICS, "jvm_gc_pause_seconds_sum")).isCloseTo(0.30, within(1e-9));
  }

  @Test
  void maxAndLabelFilteredSums() {
    assertThat(ServerProbe.max(METRICS, "jvm_gc_pause_seconds_max")).isEqualTo(0.05);
    assertThat(ServerProbe.sumWhere(METRICS, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(3.5e7);
  }

  @Test
  void anAbsentMetricIsZero() {
    assertThat(ServerProbe.sum(METRICS, "no_such_metric")).isZero();
    assertThat(ServerProbe.max(METRICS, "no_such_metric")).isZero();
  }
}
