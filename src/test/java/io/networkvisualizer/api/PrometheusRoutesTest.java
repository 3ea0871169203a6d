package io.networkvisualizer.api;

import io.networkvisualizer.metrics.EdgeTotals;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.telemetry.Telemetry;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrometheusRoutesTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Telemetry telemetry;
  private static ApiServer server;

  @BeforeAll
  static void start() {
    FlowStore store = new FlowStore(100);
    telemetry = new Telemetry(2000)
        .bindSource(() -> new SourceStatus("hubble", "relay:80", SourceStatus.State.STREAMING, "", Instant.EPOCH,
            17, 0, 0, 0, 0, 0, false))
        .bindStore(store)
        .bindPipeline(new FlowPipeline(List.of(store)))
        .bindEdges(() -> List.of(new EdgeTotals("shop/web", "shop/db", "tcp", 0, 4, 1, 0)));
    server = new ApiServer(List.of(new PrometheusRoutes(telemetry))).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    telemetry.close();
  }

  private static HttpResponse<String> get(String accept) throws IOException, InterruptedException {
    return get(server, accept);
  }

  private static HttpResponse<String> get(ApiServer server, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
        .timeout(Duration.ofSeconds(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metrics_isThePrometheusTextFormat_withItsContentType() throws Exception {
    HttpResponse<String> response = get(null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE network_visualizer_flows_received_total counter")
        .contains("network_visualizer_flows_received_total 17.0")
        .contains("# TYPE network_visualizer_source_state gauge")
        .contains("network_visualizer_source_state{state=\"STREAMING\"} 1.0")
        .contains("# TYPE network_visualizer_store_capacity_flows gauge")
        .contains("network_visualizer_edge_flows_total{destination=\"shop/db\",protocol=\"tcp\",source=\"shop/web\"} 4.0")
        .contains("# TYPE jvm_memory_used_bytes gauge");
  }

  @Test
  void edgeCounters_ofTheGraphEngine_moveBetweenScrapes() throws Exception {
    MutableClock clock = new MutableClock();
    EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());
    Endpoint web = Flows.pod("shop", "web-7d4b9c6f5-x2k4f");
    Endpoint db = Flows.pod("shop", "db-5c8d7f9b6-zz9kq");
    String series = "{destination=\"workload/shop/db\",protocol=\"TCP\",source=\"workload/shop/web\"}";
    try (Telemetry edges = new Telemetry(10).bindEdges(metrics::workloadTotals)) {
      ApiServer edgeServer = new ApiServer(List.of(new PrometheusRoutes(edges))).start("127.0.0.1", 0);
      try {
        metrics.onFlow(Flows.syn(clock.now(), web, db, 5432, 41_000).bytes(74).packets(1).build());
        assertThat(get(edgeServer, null).body())
            .contains("network_visualizer_edge_flows_total" + series + " 1.0")
            .contains("network_visualizer_edge_connections_total" + series + " 1.0")
            .contains("network_visualizer_edge_bytes_total" + series + " 74.0")
            .contains("network_visualizer_edge_drops_total" + series + " 0.0");

        metrics.onFlow(Flows.tcp(clock.now(), web, db, 5432).verdict(Verdict.DROPPED).build());
        assertThat(get(edgeServer, null).body())
            .contains("network_visualizer_edge_flows_total" + series + " 2.0")
            .contains("network_visualizer_edge_drops_total" + series + " 1.0");
      } finally {
        edgeServer.close();
      }
    }
  }

  @Test
  void metrics_speaksOpenMetrics_toAScraperThatPrefersIt() throws Exception {
    // What Prometheus 2.x and 3.x send by default.
    HttpResponse<String> response = get("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
        + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE network_visualizer_flows_received counter")
        .contains("network_visualizer_flows_received_total 17.0")
        .endsWith("# EOF\n");
  }
}
