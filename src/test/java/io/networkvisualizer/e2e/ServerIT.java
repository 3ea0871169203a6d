package io.networkvisualizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.testing.Http;
import io.networkvisualizer.testing.RunningJar;
import io.networkvisualizer.testing.WsClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as a user starts it: the built jar on its embedded simulated cluster, checked over real HTTP and
 * WebSocket. Also the spec's JSON shapes field by field.
 */
class ServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningJar jar;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    // The simulator's anomaly timeline compressed so that injections begin within the test's minute.
    jar = RunningJar.start("--sim-rate=300", "--sim-anomaly-start=5s", "--sim-anomaly-gap=15s",
        "--sim-anomaly-duration=12s");
    http = new Http(jar.port());
    WsClient.await("simulated flows arrive", () -> http.get("/api/flows?limit=1").json().size() == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    jar.close();
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  @Test
  void readyAndHealthy_onTheSimulatedCluster() {
    assertThat(http.get("/healthz").status()).isEqualTo(200);
    WsClient.await("ready", () -> http.get("/readyz").status() == 200);
    JsonNode status = http.get("/api/status").json();
    assertThat(status.get("source").get("kind").asText()).isEqualTo("hubble");
    assertThat(status.get("source").get("state").asText()).isEqualTo("STREAMING");
    assertThat(status.get("source").get("bytes_measured").asBoolean()).isTrue();
  }

  @Test
  void apiFlows_hasTheSpecShape() {
    JsonNode flows = http.get("/api/flows?limit=50").json();
    assertThat(flows.size()).isBetween(1, 50);
    for (JsonNode flow : flows) {
      for (String field : List.of("id", "source_pod", "source_ip", "source_port", "dest_pod", "dest_ip", "dest_port",
          "protocol", "flow_type", "bytes_sent", "packets_sent", "direction", "verdict", "timestamp")) {
        assertThat(flow.has(field)).as(field + " in " + flow).isTrue();
      }
    }
    assertThat(http.get("/api/flows?limit=-1").status()).isEqualTo(400);
  }

  @Test
  void metricsAndActiveEdges_haveTheSpecShape() {
    WsClient.await("edges", () -> http.get("/api/flows/metrics").json().size() > 0);
    for (JsonNode metric : http.get("/api/flows/metrics").json()) {
      assertThat(metric.get("source_id").asText()).startsWith("");
      for (String field : List.of("source_id", "dest_id", "bytes_per_sec", "packets_per_sec", "connection_count",
          "error_rate", "protocol", "last_seen")) {
        assertThat(metric.has(field)).as(field).isTrue();
      }
    }
    JsonNode active = http.get("/api/flows/active").json();
    assertThat(active.size()).isPositive();
    for (JsonNode edge : active) {
      assertThat(edge.get("type").asText()).isEqualTo("connection");
      assertThat(edge.get("health").asText()).isIn("healthy", "warning", "critical");
      for (String field : List.of("bytes_per_sec", "packets_per_sec", "connection_count", "error_rate", "protocol",
          "last_seen", "is_active", "direction")) {
        assertThat(edge.get("flow_data").has(field)).as(field).isTrue();
      }
      assertThat(edge.get("flow_data").get("direction").asText()).isIn("egress", "ingress", "bidirectional");
    }
    JsonNode graph = http.get("/api/graph?level=workload").json();
    assertThat(graph.get("level").asText()).isEqualTo("workload");
    assertThat(graph.get("nodes").size()).isGreaterThan(5);
    assertThat(graph.get("edges").size()).isGreaterThan(5);
    assertThat(http.get("/api/graph?level=galaxy").status()).isEqualTo(400);
  }

  @Test
  void wsFlows_theSpecSnippetContractHolds() {
    try (WsClient client = WsClient.connect(jar.port(), "/ws/flows")) {
      WsClient.await("flows streamed", () -> client.messages.size() >= 20);
      for (String message : client.messages.subList(0, 20)) {
        JsonNode flow = parse(message);
        assertThat(flow.has("source_pod")).isTrue();
        assertThat(flow.has("timestamp")).isTrue();
      }
    }
  }

  @Test
  void wsGraph_startsWithASnapshot_thenDeltas() {
    try (WsClient client = WsClient.connect(jar.port(), "/ws/graph?level=workload")) {
      WsClient.await("snapshot and a delta", () -> client.messages.size() >= 2);
      assertThat(parse(client.messages.get(0)).get("type").asText()).isEqualTo("snapshot");
      assertThat(parse(client.messages.get(1)).get("type").asText()).isEqualTo("delta");
    }
  }

  @Test
  void simulatorScenarios_areListed() {
    JsonNode scenarios = http.get("/api/simulator/scenarios").json();
    assertThat(scenarios.toString()).contains("port_scan").contains("data_exfiltration");
  }

  @Test
  void prometheusMetrics_haveTheFamilies_andValuesMove() {
    String first = http.get("/metrics").body();
    for (String family : List.of("network_visualizer_flows_received_total", "network_visualizer_store_size_flows",
        "network_visualizer_websocket_clients", "jvm_memory_used_bytes")) {
      assertThat(first).as(family).contains(family);
    }
    double before = sample(first, "network_visualizer_flows_received_total");
    WsClient.await("flows received move", () ->
        sample(http.get("/metrics").body(), "network_visualizer_flows_received_total") > before);
  }

  @Test
  void prometheusEdgeCounters_existForARealWorkloadEdge_andMove() {
    WsClient.await("workload edges", () -> http.get("/api/flows/metrics?level=workload").json().size() > 0);
    JsonNode busiest = null;
    for (JsonNode edge : http.get("/api/flows/metrics?level=workload").json()) {
      if (busiest == null || edge.get("flows_per_sec").asDouble() > busiest.get("flows_per_sec").asDouble()) {
        busiest = edge;
      }
    }
    String source = busiest.get("source_id").asText();
    String destination = busiest.get("dest_id").asText();
    String protocol = busiest.get("protocol").asText();
    String series = "network_visualizer_edge_flows_total{source=" + source + ",destination=" + destination
        + ",protocol=" + protocol + "}";
    String first = http.get("/metrics").body();
    double before = edgeSample(first, "network_visualizer_edge_flows_total", source, destination, protocol);
    assertThat(before).as(series + " in\n" + first).isPositive();
    assertThat(edgeSample(first, "network_visualizer_edge_connections_total", source, destination, protocol))
        .as("connections of " + series).isNotNegative();
    WsClient.await(series + " moves", () -> edgeSample(http.get("/metrics").body(),
        "network_visualizer_edge_flows_total", source, destination, protocol) > before);
  }

  /** The value of {@code name{source,destination,protocol}}, or -1 when there is no such series. */
  private static double edgeSample(String text, String name, String source, String destination, String protocol) {
    return text.lines().filter(l -> l.startsWith(name + "{") && l.contains("source=\"" + source + "\"")
            && l.contains("destination=\"" + destination + "\"") && l.contains("protocol=\"" + protocol + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
  }

  private static double sample(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void injectedPortScan_isDetected_fromItsSource_inTheSpecShape() {
    // Port scans need no baseline: the one the simulator injects (80 s in, with this timeline) must be found.
    WsClient.await("the injected port scan is detected", 150, () ->
        http.get("/api/flows/anomalies?type=port_scan").json().size() > 0);
    JsonNode anomaly = http.get("/api/flows/anomalies?type=port_scan").json().get(0);
    for (String field : List.of("id", "type", "severity", "title", "description", "source_pod", "evidence",
        "detected_at", "score")) {
      assertThat(anomaly.has(field)).as(field + " in " + anomaly).isTrue();
    }
    for (String field : List.of("current_value", "baseline_value", "threshold", "details")) {
      assertThat(anomaly.get("evidence").has(field)).as("evidence." + field).isTrue();
    }
    assertThat(anomaly.get("evidence").get("current_value").asDouble()).isGreaterThan(20);
    assertThat(anomaly.get("severity").asText()).isIn("critical", "high", "medium", "low");
    JsonNode scan = null;
    for (JsonNode scenario : http.get("/api/simulator/scenarios").json()) {
      if (scan == null && scenario.get("kind").asText().equals("port_scan")
          && !scenario.get("state").asText().equals("scheduled")) {
        scan = scenario;
      }
    }
    assertThat(scan).isNotNull();
    assertThat(anomaly.get("source_pod").asText()).contains(scan.get("source_pod").asText());
    assertThat(http.get("/api/flows/anomalies?severity=urgent").status()).isEqualTo(400);
    // With the default warm-up, nothing but what was injected may be reported.
    List<String> injected = http.get("/api/simulator/scenarios").json().findValuesAsText("kind");
    assertThat(http.get("/api/flows/anomalies").json().findValuesAsText("type")).isSubsetOf(injected);
  }

  @Test
  void webUi_isServed() {
    assertThat(http.get("/").body()).containsIgnoringCase("<html");
  }
}
