package io.networkvisualizer.telemetry;

import io.networkvisualizer.metrics.EdgeTotals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgeSeriesTest {
  private final AtomicReference<List<EdgeTotals>> edges = new AtomicReference<>(List.of());
  private Telemetry telemetry;

  @AfterEach
  void close() {
    telemetry.close();
  }

  private PrometheusText scrape(int maxSeries) {
    if (telemetry == null) {
      telemetry = new Telemetry(maxSeries);
      telemetry.bindEdges(edges::get);
    }
    return PrometheusText.of(telemetry);
  }

  private static EdgeTotals edge(String from, String to, long flows) {
    return new EdgeTotals("shop/" + from, "shop/" + to, "tcp", flows * 100, flows, flows / 2, 0);
  }

  private static Set<String> exportedSources(PrometheusText text) {
    return text.series("network_visualizer_edge_flows_total").stream()
        .map(s -> s.labels().get("source")).collect(Collectors.toSet());
  }

  @Test
  void eachEdge_isExportedAsFourCountersWithSourceDestinationAndProtocol() {
    edges.set(List.of(new EdgeTotals("shop/web", "shop/db", "tcp", 2048, 10, 3, 1)));
    PrometheusText text = scrape(10);
    String[] labels = {"source", "shop/web", "destination", "shop/db", "protocol", "tcp"};
    assertThat(text.value("network_visualizer_edge_bytes_total", labels)).isEqualTo(2048);
    assertThat(text.value("network_visualizer_edge_flows_total", labels)).isEqualTo(10);
    assertThat(text.value("network_visualizer_edge_connections_total", labels)).isEqualTo(3);
    assertThat(text.value("network_visualizer_edge_drops_total", labels)).isEqualTo(1);
    assertThat(text.value("network_visualizer_edge_series")).isEqualTo(1);

    edges.set(List.of(new EdgeTotals("shop/web", "shop/db", "tcp", 4096, 25, 4, 1)));
    assertThat(scrape(10).value("network_visualizer_edge_flows_total", labels)).isEqualTo(25);
  }

  @Test
  void pastTheCap_theBiggestNewEdgesWin_andEachRefusedEdgeIsCountedOnce() {
    edges.set(List.of(edge("a", "z", 5), edge("b", "z", 50), edge("c", "z", 500), edge("d", "z", 1)));
    PrometheusText first = scrape(2);
    assertThat(exportedSources(first)).containsExactlyInAnyOrder("shop/c", "shop/b");
    assertThat(first.value("network_visualizer_edge_series")).isEqualTo(2);
    assertThat(first.value("network_visualizer_edge_series_limit")).isEqualTo(2);
    assertThat(first.value("network_visualizer_edge_series_refused_total")).isEqualTo(2);

    // The same edges again: nothing new is refused.
    assertThat(scrape(2).value("network_visualizer_edge_series_refused_total")).isEqualTo(2);
  }

  @Test
  void anExportedEdge_keepsItsSeries_evenWhenANewEdgeGrowsBigger() {
    edges.set(List.of(edge("a", "z", 5), edge("b", "z", 6)));
    assertThat(exportedSources(scrape(2))).containsExactlyInAnyOrder("shop/a", "shop/b");

    edges.set(List.of(edge("a", "z", 5), edge("b", "z", 6), edge("c", "z", 1_000)));
    PrometheusText text = scrape(2);
    assertThat(exportedSources(text)).containsExactlyInAnyOrder("shop/a", "shop/b");
    assertThat(text.value("network_visualizer_edge_series_refused_total")).isEqualTo(1);
  }

  @Test
  void anEdgeThatDisappears_freesItsSeriesForAWaitingOne() {
    edges.set(List.of(edge("a", "z", 5), edge("b", "z", 1)));
    assertThat(exportedSources(scrape(1))).containsExactly("shop/a");

    edges.set(List.of(edge("b", "z", 2)));
    PrometheusText text = scrape(1);
    assertThat(exportedSources(text)).containsExactly("shop/b");
    assertThat(text.value("network_visualizer_edge_series_refused_total")).isEqualTo(1);
  }

  @Test
  void samplesOfTheSameLabelledEdge_areAddedUp_neverADuplicateSeries() {
    edges.set(List.of(edge("a", "z", 5), edge("a", "z", 7), new EdgeTotals("shop/a", "shop/z", "udp", 0, 1, 1, 0)));
    PrometheusText text = scrape(10);
    assertThat(text.series("network_visualizer_edge_flows_total")).hasSize(2);
    assertThat(text.value("network_visualizer_edge_flows_total",
        "source", "shop/a", "destination", "shop/z", "protocol", "tcp")).isEqualTo(12);
  }

  @Test
  void aFailingSupplier_costsTheEdgeSeriesOfThatScrape_notTheScrape() {
    List<EdgeTotals> good = List.of(edge("a", "z", 5));
    AtomicReference<Boolean> fail = new AtomicReference<>(false);
    telemetry = new Telemetry(10);
    telemetry.bindEdges(() -> {
      if (fail.get()) {
        throw new IllegalStateException("engine not ready");
      }
      return good;
    });
    fail.set(true);
    PrometheusText failed = PrometheusText.of(telemetry);
    assertThat(failed.has("network_visualizer_edge_flows_total")).isFalse();
    assertThat(failed.has("network_visualizer_build_info")).isTrue();

    fail.set(false);
    assertThat(PrometheusText.of(telemetry).has("network_visualizer_edge_flows_total")).isTrue();
  }

  @Test
  void manyEdges_neverExceedTheCap() {
    List<EdgeTotals> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add(edge("w" + i, "z", i));
    }
    edges.set(many);
    PrometheusText text = scrape(2000);
    assertThat(text.series("network_visualizer_edge_flows_total")).hasSize(2000);
    assertThat(text.series("network_visualizer_edge_bytes_total")).hasSize(2000);
    assertThat(text.value("network_visualizer_edge_series_refused_total")).isEqualTo(3000);
  }

  @Test
  void labelValues_areEscaped() {
    edges.set(List.of(new EdgeTotals("ns/we\"ird", "world", "http", 0, 1, 0, 0)));
    PrometheusText text = scrape(10);
    assertThat(text.text).contains("source=\"ns/we\\\"ird\"");
  }
}
