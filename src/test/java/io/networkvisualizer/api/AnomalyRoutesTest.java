package io.networkvisualizer.api;

import static io.networkvisualizer.testing.MutableClock.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.networkvisualizer.anomaly.AnomalyEngine;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.Http;
import io.networkvisualizer.testing.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/flows/anomalies} over real HTTP: the spec's fields plus the lifecycle ones, newest first, the
 * filters, and a 400 naming the problem for every bad value. A port scan (resolved by the end) and a DNS flood
 * (still active) give two records.
 */
class AnomalyRoutesTest {
  static final Endpoint FRONTEND = Flows.pod("test-apps", "frontend-7d4b9c6f5-x2k4f");
  static final Endpoint BACKEND = Flows.pod("test-apps", "backend-5c8d7f9b6-zz9kq");
  static final Endpoint WORKER = Flows.pod("test-apps", "worker-6c7d8f9b5-q2w3e");
  static final Endpoint DNS = Flows.pod("kube-system", "coredns-558bd4d5db-w2m67");

  static ApiServer server;
  static Http http;
  static AnomalyEngine engine;

  @BeforeAll
  static void start() {
    MutableClock clock = new MutableClock();
    engine = new AnomalyEngine(clock, AnomalyEngine.Options.defaults());
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      flows.add(Flows.syn(START.plusMillis(800L * i), FRONTEND, BACKEND, 1000 + i, 45_000).build());
    }
    for (int i = 0; i < 150; i++) {
      flows.add(Flows.dnsQuery(START.plusMillis(120_000 + 200L * i), WORKER, DNS, "x" + i + ".example.").build());
    }
    for (int s = 0; s < 160; s++) {
      flows.add(Flows.tcp(START.plusSeconds(s), BACKEND, WORKER, 9000).build());
    }
    flows.sort(Comparator.comparingLong(Flow::timeNanos));
    for (Flow f : flows) {
      clock.set(f.time());
      engine.onFlow(f);
    }
    server = new ApiServer(List.of(new AnomalyRoutes(engine))).start("127.0.0.1", 0);
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode list(String query) {
    Http.Response r = http.get("/api/flows/anomalies" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    return r.json();
  }

  @Test
  void everyAnomaly_inTheSpecsShape_plusItsLifecycle_newestFirst() {
    JsonNode all = list("");

    assertThat(all).hasSize(2);
    JsonNode dns = all.get(0);
    assertThat(dns.get("type").asText()).isEqualTo("dns_anomaly");
    assertThat(dns.get("id").asText()).startsWith("dns_anomaly:pod/test-apps/worker-6c7d8f9b5-q2w3e@");
    assertThat(dns.get("severity").asText()).isEqualTo("medium");
    assertThat(dns.get("title").asText()).isEqualTo("DNS Anomaly Detected");
    assertThat(dns.get("description").asText()).contains("DNS queries in the last minute");
    assertThat(dns.get("source_pod").asText()).isEqualTo("pod/test-apps/worker-6c7d8f9b5-q2w3e");
    assertThat(dns.get("dest_pod").asText()).isEqualTo("pod/kube-system/coredns-558bd4d5db-w2m67");
    assertThat(dns.get("source_node").asText()).isEqualTo("workload/test-apps/worker");
    assertThat(dns.get("dest_node").asText()).isEqualTo("workload/kube-system/coredns");
    JsonNode evidence = dns.get("evidence");
    assertThat(evidence.get("current_value").isNumber()).isTrue();
    assertThat(evidence.get("baseline_value").asDouble()).isZero();
    assertThat(evidence.get("threshold").asDouble()).isEqualTo(100.0);
    assertThat(evidence.get("details").get("unit").asText()).isEqualTo("queries/min");
    assertThat(Instant.parse(dns.get("detected_at").asText())).isAfter(START.plusSeconds(120));
    assertThat(dns.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(dns.get("status").asText()).isEqualTo("active");
    assertThat(Instant.parse(dns.get("last_seen").asText())).isAfterOrEqualTo(
        Instant.parse(dns.get("detected_at").asText()));
    assertThat(dns.has("resolved_at")).as("absent while active").isFalse();
    assertThat(dns.get("peak_value").asDouble()).isGreaterThan(100);

    JsonNode scan = all.get(1);
    assertThat(scan.get("type").asText()).isEqualTo("port_scan");
    assertThat(scan.get("status").asText()).isEqualTo("resolved");
    assertThat(Instant.parse(scan.get("resolved_at").asText())).isAfter(Instant.parse(scan.get("last_seen").asText()));
  }

  @Test
  void theFields_areTheSpecsThenTheLifecycle_inOrder() {
    List<String> active = new ArrayList<>();
    list("?active=true").get(0).fieldNames().forEachRemaining(active::add);
    List<String> resolved = new ArrayList<>();
    list("?active=false").get(0).fieldNames().forEachRemaining(resolved::add);

    assertThat(active).containsExactly("id", "type", "severity", "title", "description", "source_pod", "dest_pod",
        "evidence", "detected_at", "score", "status", "last_seen", "peak_value", "source_node", "dest_node");
    assertThat(resolved).containsExactly("id", "type", "severity", "title", "description", "source_pod", "dest_pod",
        "evidence", "detected_at", "score", "status", "last_seen", "resolved_at", "peak_value", "source_node",
        "dest_node");
  }

  @Test
  void filters_bySeverity_type_activity_andTime() {
    assertThat(list("?severity=high")).extracting(n -> n.get("type").asText()).containsExactly("port_scan");
    assertThat(list("?severity=HIGH,medium")).hasSize(2);
    assertThat(list("?severity=critical")).isEmpty();
    assertThat(list("?type=dns_anomaly")).extracting(n -> n.get("type").asText()).containsExactly("dns_anomaly");
    assertThat(list("?active=true")).extracting(n -> n.get("type").asText()).containsExactly("dns_anomaly");
    assertThat(list("?active=false")).extracting(n -> n.get("type").asText()).containsExactly("port_scan");
    assertThat(list("?since=" + enc(START.plusSeconds(150).toString())))
        .extracting(n -> n.get("type").asText()).containsExactly("dns_anomaly");
    assertThat(list("?since=" + enc("2024-01-02T16:04:05+01:00"))).hasSize(2);
  }

  @Test
  void theGraphStreamFeed_givesTheActiveRecords_andTheChangesAfterAVersion() {
    GraphFeedAdapter.AnomalyFeedSource feed = AnomalyRoutes.feed(engine);

    assertThat(feed.active()).singleElement()
        .satisfies(a -> assertThat(((io.networkvisualizer.anomaly.Anomaly) a).type()).isEqualTo("dns_anomaly"));
    GraphFeedAdapter.AnomalyFeedSource.Changes all = feed.since(0);
    assertThat(all.version()).isEqualTo(engine.version()).isPositive();
    assertThat(all.added()).hasSize(1);
    assertThat(all.resolved()).hasSize(1);
    assertThat(feed.since(all.version()).added()).isEmpty();
  }

  @Test
  void theStatusSection_listsTheDetectorsAndTheCounters() {
    JsonNode status = Json.MAPPER.valueToTree(AnomalyRoutes.status(engine).get());

    assertThat(status.get("detectors")).hasSize(8);
    assertThat(status.get("detectors").get(6).get("name").asText()).isEqualTo("data_exfiltration");
    assertThat(status.get("detectors").get(6).get("enabled").asBoolean()).isTrue();
    assertThat(status.get("detectors").get(6).get("status").asText()).startsWith("inactive: no measured byte counts");
    assertThat(status.get("stats").get("flows_counted").asLong()).isPositive();
    assertThat(status.get("stats").get("anomalies_raised").asLong()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"severity=urgent", "severity=", "type=spike", "type=port_scan,nope", "active=yes",
      "since=yesterday", "since=2024-01-02", "since=2024-01-02T15:04:05"})
  void aBadValue_isA400_sayingWhatWasWrong(String query) {
    Http.Response r = http.get("/api/flows/anomalies?" + query.replace("+", "%2B"));

    assertThat(r.status()).isEqualTo(400);
    String name = query.substring(0, query.indexOf('='));
    assertThat(r.json().get("error").asText()).contains(name);
    assertThat(r.json().get("status").asInt()).isEqualTo(400);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
