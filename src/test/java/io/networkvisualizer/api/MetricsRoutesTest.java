package io.networkvisualizer.api;

import static io.networkvisualizer.testing.MutableClock.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/flows/metrics}, {@code /api/flows/active} and {@code /api/graph} over real HTTP: the spec's JSON shapes
 * field by field, the levels and filters, and a 400 naming the problem for every bad parameter.
 */
class MetricsRoutesTest {
  static final Endpoint FRONTEND = Flows.pod("test-apps", "frontend-7d4b9c6f5-x2k4f");
  static final Endpoint BACKEND = Flows.pod("test-apps", "backend-5c8d7f9b6-zz9kq");
  static final Endpoint DNS = Flows.pod("kube-system", "coredns-558bd4d5db-w2m67");
  static final String FRONTEND_ID = "pod/test-apps/frontend-7d4b9c6f5-x2k4f";
  static final String BACKEND_ID = "pod/test-apps/backend-5c8d7f9b6-zz9kq";

  static final MutableClock clock = new MutableClock();
  static final HttpClient http = HttpClient.newHttpClient();
  static ApiServer server;

  @BeforeAll
  static void start() {
    EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());
    for (int i = 0; i < 10; i++) {
      Instant t = START.plusSeconds(10 + i);
      clock.set(t);
      metrics.onFlow(Flows.syn(t, FRONTEND, BACKEND, 8080, 40_000 + i).bytes(60).packets(1).build());
      metrics.onFlow(Flows.httpRequest(t, FRONTEND, BACKEND, 8080, "GET", "/api/items?page=" + i).build());
      metrics.onFlow(Flows.httpResponse(t, FRONTEND, BACKEND, 8080, "GET", "/api/items", i == 0 ? 500 : 200)
          .build());
      metrics.onFlow(Flows.dnsQuery(t, FRONTEND, DNS, "backend.test-apps.svc.cluster.local.").build());
    }
    clock.set(START.plusSeconds(20));
    metrics.onFlow(Flows.tcp(START.plusSeconds(20), FRONTEND, BACKEND, 9090).verdict(Verdict.DROPPED)
        .dropReason(DropReason.ofName("POLICY_DENIED")).build());
    clock.set(START.plusSeconds(25));
    server = new ApiServer(List.of(new MetricsRoutes(metrics))).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = get(pathAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return Json.MAPPER.readTree(response.body());
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (element.path(field).asText().equals(value)) {
        return element;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value + " in " + array);
  }

  static void isTimestamp(JsonNode node) {
    assertThat(node.isTextual()).as("%s is text", node).isTrue();
    assertThat(Instant.parse(node.asText())).isBetween(START, START.plusSeconds(25));
  }

  @Test
  void flowsMetricsHasTheSpecsShape() throws Exception {
    JsonNode array = json("/api/flows/metrics");
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(2);
    JsonNode m = find(array, "source_id", FRONTEND_ID);
    assertThat(fields(m)).containsExactly("source_id", "dest_id", "bytes_per_sec", "packets_per_sec",
        "connection_count", "error_rate", "protocol", "last_seen", "flows_per_sec", "bytes_measured", "protocols",
        "direction", "is_active");
    m = find(array, "dest_id", BACKEND_ID);
    assertThat(m.get("source_id").asText()).isEqualTo(FRONTEND_ID);
    assertThat(m.get("bytes_per_sec").isNumber()).isTrue();
    assertThat(m.get("bytes_per_sec").asDouble()).isCloseTo(600 / 55.0, within(1e-9));
    assertThat(m.get("packets_per_sec").asDouble()).isCloseTo(10 / 55.0, within(1e-9));
    assertThat(m.get("connection_count").isIntegralNumber()).isTrue();
    assertThat(m.get("connection_count").asLong()).isEqualTo(10);
    assertThat(m.get("error_rate").asDouble()).isCloseTo(2 / 31.0, within(1e-9));
    assertThat(m.get("protocol").asText()).isEqualTo("HTTP");
    isTimestamp(m.get("last_seen"));
    assertThat(m.get("last_seen").asText()).isEqualTo("2024-01-02T15:04:25Z");
    assertThat(m.get("flows_per_sec").asDouble()).isCloseTo(31 / 55.0, within(1e-9));
    assertThat(m.get("bytes_measured").asBoolean()).isTrue();
    assertThat(m.get("protocols")).extracting(JsonNode::asText).containsExactly("HTTP", "TCP");
    assertThat(m.get("direction").asText()).isEqualTo("bidirectional");
    assertThat(m.get("is_active").isBoolean()).isTrue();
    assertThat(m.get("is_active").asBoolean()).isTrue();
  }

  @Test
  void flowsActiveHasTheSpecsShape() throws Exception {
    JsonNode array = json("/api/flows/active");
    assertThat(array).hasSize(2);
    JsonNode edge = find(array, "target", BACKEND_ID);
    assertThat(fields(edge)).containsExactly("id", "source", "target", "type", "health", "flow_data");
    assertThat(edge.get("id").asText()).isEqualTo(FRONTEND_ID + "->" + BACKEND_ID);
    assertThat(edge.get("source").asText()).isEqualTo(FRONTEND_ID);
    assertThat(edge.get("type").asText()).isEqualTo("connection");
    assertThat(edge.get("health").asText()).isEqualTo("critical");
    JsonNode data = edge.get("flow_data");
    assertThat(fields(data)).containsExactly("bytes_per_sec", "packets_per_sec", "connection_count", "error_rate",
        "protocol", "last_seen", "is_active", "direction", "flows_per_sec", "bytes_measured", "protocols");
    assertThat(data.get("connection_count").asLong()).isEqualTo(10);
    isTimestamp(data.get("last_seen"));
    assertThat(data.get("is_active").asBoolean()).isTrue();

    JsonNode dns = find(array, "target", "pod/kube-system/coredns-558bd4d5db-w2m67").get("flow_data");
    assertThat(dns.get("protocol").asText()).isEqualTo("DNS");
    assertThat(dns.get("bytes_measured").asBoolean()).isFalse();
    assertThat(dns.get("bytes_per_sec").asDouble()).isZero();
    assertThat(dns.get("direction").asText()).isEqualTo("egress");
    assertThat(find(array, "target", "pod/kube-system/coredns-558bd4d5db-w2m67").get("health").asText())
        .isEqualTo("healthy");
  }

  @Test
  void graphHasNodesEdgesWithDetailsAndStats() throws Exception {
    JsonNode graph = json("/api/graph");
    assertThat(fields(graph)).containsExactly("level", "generated_at", "window_seconds", "bytes_measured", "nodes",
        "edges", "stats");
    assertThat(graph.get("level").asText()).isEqualTo("pod");
    assertThat(graph.get("generated_at").asText()).isEqualTo("2024-01-02T15:04:30Z");
    assertThat(graph.get("window_seconds").asDouble()).isEqualTo(60.0);
    assertThat(graph.get("bytes_measured").asBoolean()).isTrue();

    JsonNode node = find(graph.get("nodes"), "id", FRONTEND_ID);
    assertThat(fields(node)).containsExactly("id", "kind", "label", "namespace", "labels", "workload_kind", "cluster",
        "node_names", "is_active", "last_seen");
    assertThat(node.get("kind").asText()).isEqualTo("pod");
    assertThat(node.get("label").asText()).isEqualTo("frontend-7d4b9c6f5-x2k4f");
    assertThat(node.get("namespace").asText()).isEqualTo("test-apps");
    assertThat(node.get("labels").get("app").asText()).isEqualTo("frontend");
    assertThat(node.get("workload_kind").asText()).isEqualTo("Deployment");
    assertThat(node.get("cluster").asText()).isEqualTo("default");
    assertThat(node.get("node_names").isArray()).isTrue();
    assertThat(node.get("is_active").asBoolean()).isTrue();
    isTimestamp(node.get("last_seen"));
    assertThat(graph.get("nodes")).hasSize(3);

    JsonNode edge = find(graph.get("edges"), "target", BACKEND_ID);
    assertThat(fields(edge)).containsExactly("id", "source", "target", "type", "health", "flow_data");
    JsonNode data = edge.get("flow_data");
    assertThat(fields(data)).containsExactly("bytes_per_sec", "packets_per_sec", "connection_count", "error_rate",
        "protocol", "last_seen", "is_active", "direction", "flows_per_sec", "bytes_measured", "protocols",
        "drop_reasons", "l7");
    assertThat(data.get("drop_reasons").get("POLICY_DENIED").asLong()).isEqualTo(1);
    JsonNode l7 = data.get("l7");
    assertThat(fields(l7)).containsExactly("http_paths", "http_codes", "dns_names");
    assertThat(fields(l7.get("http_paths").get(0))).containsExactly("path", "count");
    assertThat(l7.get("http_paths").get(0).get("path").asText()).isEqualTo("/api/items");
    assertThat(l7.get("http_paths").get(0).get("count").asLong()).isEqualTo(10);
    assertThat(l7.get("http_codes").get("200").asLong()).isEqualTo(9);
    assertThat(l7.get("http_codes").get("500").asLong()).isEqualTo(1);
    JsonNode dnsNames = find(graph.get("edges"), "target", "pod/kube-system/coredns-558bd4d5db-w2m67")
        .get("flow_data").get("l7").get("dns_names");
    assertThat(fields(dnsNames.get(0))).containsExactly("name", "count");
    assertThat(dnsNames.get(0).get("name").asText()).isEqualTo("backend.test-apps.svc.cluster.local.");

    JsonNode stats = graph.get("stats");
    assertThat(fields(stats)).contains("nodes", "edges", "edges_evicted", "nodes_evicted", "world_folded",
        "late_flows", "double_observations_skipped");
    assertThat(stats.get("edges").asLong()).isEqualTo(2);
    assertThat(stats.get("nodes").asLong()).isEqualTo(3);
  }

  @Test
  void levelsAndFiltersApplyToEveryEndpoint() throws Exception {
    assertThat(json("/api/flows/metrics?level=workload")).extracting(m -> m.get("source_id").asText())
        .containsOnly("workload/test-apps/frontend");
    assertThat(json("/api/flows/active?level=namespace")).extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrder("namespace/test-apps->namespace/kube-system",
            "namespace/test-apps->namespace/test-apps");
    JsonNode graph = json("/api/graph?level=workload&namespace=kube-system");
    assertThat(graph.get("level").asText()).isEqualTo("workload");
    assertThat(graph.get("edges")).extracting(e -> e.get("id").asText())
        .containsExactly("workload/test-apps/frontend->workload/kube-system/coredns");
    assertThat(json("/api/graph?label=" + URLEncoder.encode("app=backend", StandardCharsets.UTF_8)).get("edges"))
        .extracting(e -> e.get("target").asText()).containsExactly(BACKEND_ID);
    assertThat(json("/api/graph?include_inactive=false").get("edges")).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "level=foo", "namespace=Bad_Name!", "namespace=a%20b", "include_inactive=maybe", "label=app", "label=app=a%20b",
      "label=-x=y"})
  void badParametersAre400WithTheProblemNamed(String query) throws Exception {
    for (String path : new String[] {"/api/graph", "/api/flows/metrics", "/api/flows/active"}) {
      HttpResponse<String> response = get(path + "?" + query);
      assertThat(response.statusCode()).as(path + "?" + query).isEqualTo(400);
      JsonNode error = Json.MAPPER.readTree(response.body());
      assertThat(error.get("status").asInt()).isEqualTo(400);
      String parameter = query.substring(0, query.indexOf('='));
      assertThat(error.get("error").asText()).contains(parameter.equals("include_inactive") ? parameter
          : parameter.substring(0, Math.min(parameter.length(), 5)));
    }
  }
}
