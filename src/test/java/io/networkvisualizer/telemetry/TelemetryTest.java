package io.networkvisualizer.telemetry;

import io.networkvisualizer.metrics.EdgeTotals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.live.LiveHub;
import io.networkvisualizer.metrics.GraphSnapshot;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.SourceStatus.State;
import io.networkvisualizer.testing.Flows;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final Telemetry telemetry = new Telemetry(100);
  private final AtomicReference<SourceStatus> source = new AtomicReference<>(status(State.CONNECTING, 0, 0, 0, 0, 0));
  private final AtomicReference<LiveHub.Stats> live = new AtomicReference<>(new LiveHub.Stats(0, 2000, 0, 0, 0, 0, 0, 0));

  @AfterEach
  void close() {
    telemetry.close();
  }

  private static SourceStatus status(State state, long received, long malformed, long lost, long reconnects,
      long duplicates) {
    return new SourceStatus("hubble", "relay:80", state, "", T0, received, malformed, lost, 3, reconnects, duplicates,
        false);
  }

  private static Flow flow(int i) {
    return Flows.tcp(T0.plusSeconds(i), Flows.pod("shop", "web-5d9c7b8f4d-abcde"), Flows.pod("shop",
        "db-6f7d8c9b5a-fghij"), 5432).build();
  }

  @Test
  void sourceCounters_readTheSourceStatusAtEachScrape() {
    telemetry.bindSource(source::get);
    PrometheusText first = PrometheusText.of(telemetry);
    assertThat(first.value("network_visualizer_flows_received_total")).isZero();

    source.set(status(State.STREAMING, 1234, 5, 7, 2, 9));
    PrometheusText second = PrometheusText.of(telemetry);
    assertThat(second.value("network_visualizer_flows_received_total")).isEqualTo(1234);
    assertThat(second.value("network_visualizer_flows_malformed_total")).isEqualTo(5);
    assertThat(second.value("network_visualizer_hubble_lost_events_total")).isEqualTo(7);
    assertThat(second.value("network_visualizer_source_reconnects_total")).isEqualTo(2);
    assertThat(second.value("network_visualizer_flows_duplicates_skipped_total")).isEqualTo(9);
    assertThat(second.value("network_visualizer_hubble_node_status_events_total")).isEqualTo(3);
    assertThat(second.value("network_visualizer_source_state_change_timestamp_seconds"))
        .isEqualTo(T0.getEpochSecond());
    assertThat(second.value("network_visualizer_source_bytes_measured")).isZero();
  }

  @Test
  void sourceState_isOneForTheCurrentStateAndZeroForTheOthers() {
    telemetry.bindSource(source::get);
    source.set(status(State.BACKING_OFF, 0, 0, 0, 1, 0));
    PrometheusText text = PrometheusText.of(telemetry);
    assertThat(text.series("network_visualizer_source_state")).hasSize(State.values().length);
    for (State state : State.values()) {
      assertThat(text.value("network_visualizer_source_state", "state", state.name()))
          .as(state.name()).isEqualTo(state == State.BACKING_OFF ? 1 : 0);
    }
  }

  @Test
  void storeAndPipeline_followTheirOwnCounters() {
    FlowStore store = new FlowStore(2);
    FlowPipeline pipeline = new FlowPipeline(List.of(store, f -> {
      throw new IllegalStateException("a faulty stage");
    }));
    telemetry.bindStore(store).bindPipeline(pipeline);
    for (int i = 0; i < 3; i++) {
      pipeline.onFlow(flow(i));
    }
    PrometheusText text = PrometheusText.of(telemetry);
    assertThat(text.value("network_visualizer_store_size_flows")).isEqualTo(2);
    assertThat(text.value("network_visualizer_store_capacity_flows")).isEqualTo(2);
    assertThat(text.value("network_visualizer_store_evicted_flows_total")).isEqualTo(1);
    assertThat(text.value("network_visualizer_pipeline_flows_total")).isEqualTo(3);
    assertThat(text.value("network_visualizer_pipeline_consumer_failures_total")).isEqualTo(3);
  }

  @Test
  void live_exportsClientsLossesAndEncodingFailures() {
    telemetry.bindLive(live::get);
    live.set(new LiveHub.Stats(3, 2000, 500, 40, 6, 1, 2, 7));
    PrometheusText text = PrometheusText.of(telemetry);
    assertThat(text.value("network_visualizer_websocket_clients")).isEqualTo(3);
    assertThat(text.value("network_visualizer_websocket_clients_limit")).isEqualTo(2000);
    assertThat(text.value("network_visualizer_websocket_messages_queued_total")).isEqualTo(500);
    assertThat(text.value("network_visualizer_websocket_messages_dropped_total")).isEqualTo(40);
    assertThat(text.value("network_visualizer_websocket_inbox_overflow_total")).isEqualTo(6);
    assertThat(text.value("network_visualizer_websocket_clients_closed_slow_total")).isEqualTo(1);
    assertThat(text.value("network_visualizer_websocket_clients_refused_total")).isEqualTo(2);
    assertThat(text.value("network_visualizer_websocket_encoding_failures_total")).isEqualTo(7);
  }

  @Test
  void graph_exportsItsSizeAndWhatItShed() {
    AtomicReference<GraphSnapshot.Stats> graph = new AtomicReference<>(
        new GraphSnapshot.Stats(12, 30, 4, 1, 7, 2, 5, 3, 900, 6, 8, 9, 10));
    telemetry.bindGraph(graph::get);
    PrometheusText text = PrometheusText.of(telemetry);
    assertThat(text.value("network_visualizer_graph_nodes")).isEqualTo(12);
    assertThat(text.value("network_visualizer_graph_edges")).isEqualTo(30);
    assertThat(text.value("network_visualizer_graph_edges_evicted_total")).isEqualTo(4);
    assertThat(text.value("network_visualizer_graph_nodes_evicted_total")).isEqualTo(1);
    assertThat(text.value("network_visualizer_graph_world_folded_total")).isEqualTo(7);
    assertThat(text.value("network_visualizer_graph_flows_late_total")).isEqualTo(2);
    assertThat(text.value("network_visualizer_graph_flows_double_observations_total")).isEqualTo(5);
    assertThat(text.value("network_visualizer_graph_flows_future_total")).isEqualTo(3);
    assertThat(text.value("network_visualizer_graph_flows_counted_total")).isEqualTo(900);
    assertThat(text.value("network_visualizer_graph_edges_expired_total")).isEqualTo(6);
    assertThat(text.value("network_visualizer_graph_nodes_expired_total")).isEqualTo(8);
    assertThat(text.value("network_visualizer_graph_connections_displaced_total")).isEqualTo(9);
    assertThat(text.value("network_visualizer_graph_workload_totals_dropped_total")).isEqualTo(10);

    graph.set(new GraphSnapshot.Stats(13, 31, 4, 1, 7, 2, 5, 3, 950, 6, 8, 9));
    assertThat(PrometheusText.of(telemetry).value("network_visualizer_graph_flows_counted_total")).isEqualTo(950);
  }

  @Test
  void jvmAndProcessFamilies_areExported() {
    PrometheusText text = PrometheusText.of(telemetry);
    assertThat(text.types).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_info",
        "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds",
        "network_visualizer_build_info");
    assertThat(text.types).containsKeys("jvm_gc_memory_allocated_bytes_total", "jvm_gc_max_data_size_bytes");
  }

  @Test
  void anomalies_areRegisteredAtZeroAndCountedByTypeAndSeverity() {
    AnomalyCounter counter = telemetry.bindAnomalies(List.of("port_scan", "traffic_spike"), List.of("warning",
        "critical"));
    PrometheusText before = PrometheusText.of(telemetry);
    assertThat(before.series("network_visualizer_anomalies_raised_total")).hasSize(4 + 1); // + other/other
    assertThat(before.value("network_visualizer_anomalies_raised_total", "type", "port_scan", "severity",
        "critical")).isZero();

    counter.raised("port_scan", "critical");
    counter.raised("port_scan", "critical");
    counter.raised("Traffic Spike", "WARNING"); // normalised to the API's snake_case
    counter.raised("dns_anomaly", "warning"); // not announced: registered when first raised
    PrometheusText after = PrometheusText.of(telemetry);
    assertThat(after.value("network_visualizer_anomalies_raised_total", "type", "port_scan", "severity",
        "critical")).isEqualTo(2);
    assertThat(after.value("network_visualizer_anomalies_raised_total", "type", "traffic_spike", "severity",
        "warning")).isEqualTo(1);
    assertThat(after.value("network_visualizer_anomalies_raised_total", "type", "dns_anomaly", "severity",
        "warning")).isEqualTo(1);
  }

  @Test
  void anomalies_pastTheSeriesCap_countAsOther() {
    AnomalyCounter counter = telemetry.bindAnomalies(List.of(), List.of());
    for (int i = 0; i < AnomalyMeters.MAX_SERIES + 50; i++) {
      counter.raised("made_up_" + i, "warning");
    }
    PrometheusText text = PrometheusText.of(telemetry);
    assertThat(text.series("network_visualizer_anomalies_raised_total")).hasSize(AnomalyMeters.MAX_SERIES);
    assertThat(text.value("network_visualizer_anomalies_raised_total", "type", "other", "severity", "other"))
        .isEqualTo(51);
  }

  @Test
  void bindingAPartTwice_isRefused() {
    telemetry.bindSource(source::get);
    assertThatThrownBy(() -> telemetry.bindSource(source::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("source is already bound");
  }

  @Test
  void boundSuppliers_surviveGarbageCollection() {
    // Micrometer holds a function meter's object weakly; a method reference made in the call is held only by us.
    telemetry.bindSource(() -> status(State.STREAMING, 42, 0, 0, 0, 0));
    System.gc();
    assertThat(PrometheusText.of(telemetry).value("network_visualizer_flows_received_total")).isEqualTo(42);
  }

  @Test
  void ownMeters_followPrometheusNaming_andCarryOnlyLowCardinalityLabels() {
    FlowStore store = new FlowStore(10);
    telemetry.bindSource(source::get).bindStore(store).bindPipeline(new FlowPipeline(List.of(store)))
        .bindLive(live::get).bindGraph(() -> new GraphSnapshot.Stats(1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0))
        .bindAnomalies(List.of("port_scan"), List.of("warning"));
    telemetry.bindEdges(() -> List.of(new EdgeTotals("shop/web", "shop/db", "tcp", 0, 1, 1, 0)));
    PrometheusText text = PrometheusText.of(telemetry);

    Pattern snakeCase = Pattern.compile("network_visualizer_[a-z0-9_]+");
    Set<String> allowedLabels = Set.of("state", "type", "severity", "version");
    Set<String> edgeLabels = Set.of("source", "destination", "protocol");
    for (Map.Entry<String, String> family : text.types.entrySet()) {
      if (family.getValue().equals("counter")) {
        assertThat(family.getKey()).as("counter name").endsWith("_total");
      }
    }
    for (PrometheusText.Sample sample : text.samples) {
      if (!sample.name().startsWith("network_visualizer_")) {
        continue;
      }
      assertThat(sample.name()).matches(snakeCase);
      if (sample.name().startsWith("network_visualizer_edge_") && !sample.labels().isEmpty()) {
        assertThat(sample.labels().keySet()).as(sample.name()).isEqualTo(edgeLabels);
      } else {
        assertThat(allowedLabels).as(sample.name()).containsAll(sample.labels().keySet());
      }
    }
  }

  @Test
  void scrape_speaksTheTextFormat_orOpenMetricsWhenAskedFor() {
    Telemetry.Scrape text = telemetry.scrape("text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(text.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(new String(text.body(), StandardCharsets.UTF_8)).contains("# TYPE network_visualizer_build_info gauge");

    Telemetry.Scrape open = telemetry.scrape(
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(open.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(new String(open.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
  }

  @Test
  void from_readsTheSeriesCapFromTheConfiguration() {
    try (Telemetry zero = Telemetry.from(Config.of(Map.of(Settings.PROMETHEUS_MAX_SERIES, "0")))) {
      zero.bindEdges(() -> List.of(new EdgeTotals("a/x", "b/y", "tcp", 0, 1, 0, 0)));
      PrometheusText text = PrometheusText.of(zero);
      assertThat(text.has("network_visualizer_edge_flows_total")).isFalse();
      assertThat(text.value("network_visualizer_edge_series_refused_total")).isEqualTo(1);
      assertThat(text.value("network_visualizer_edge_series_limit")).isZero();
    }
  }
}
