package io.networkvisualizer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.SourceCounters;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowRoutesTest {
  private final FlowStore store = new FlowStore(50);
  private final FlowPipeline pipeline = new FlowPipeline(List.of(store));
  private final SourceCounters source = new SourceCounters("test", "memory");
  private ApiServer server;
  private io.networkvisualizer.testing.Http http;

  private final Endpoint frontend = Flows.pod("test-apps", "frontend-6b7c8d9f4c-abc12");
  private final Endpoint backend = Flows.pod("test-apps", "backend-5f6d7c8b9a-xyz78");

  @BeforeEach
  void start() {
    server = new ApiServer(List.of(new FlowRoutes(store), new StatusRoutes(source::snapshot, store, pipeline)))
        .start("127.0.0.1", 0);
    http = new io.networkvisualizer.testing.Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void flows_haveTheSpecShape_newestFirst() {
    MutableClock clock = new MutableClock();
    pipeline.onFlow(Flows.tcp(clock.now(), frontend, backend, 8080).uuid("first").sourcePort(54321)
        .bytes(1024).packets(10).build());
    clock.advance(Duration.ofSeconds(1));
    Http get = new Http(200, "GET", "http://backend:8080/api/cart", "HTTP/1.1");
    pipeline.onFlow(Flows.tcp(clock.now(), frontend, backend, 8080).uuid("second")
        .l7(new L7(L7.Type.RESPONSE, 12_000_000, get, null)).build());

    io.networkvisualizer.testing.Http.Response response = http.get("/api/flows");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode flows = response.json();
    assertThat(flows).hasSize(2);
    JsonNode newest = flows.get(0);
    assertThat(newest.get("id").asText()).isEqualTo("second");
    assertThat(newest.get("l7_summary").asText()).isEqualTo("GET http://backend:8080/api/cart 200 12ms");
    assertThat(newest.get("protocol").asText()).isEqualTo("HTTP");
    assertThat(newest.get("bytes_measured").asBoolean()).isFalse();
    assertThat(newest.get("bytes_sent").asLong()).isZero();

    JsonNode spec = flows.get(1);
    for (String field : List.of("id", "source_pod", "source_ip", "source_port", "dest_pod", "dest_ip", "dest_port",
        "protocol", "flow_type", "bytes_sent", "packets_sent", "direction", "verdict", "timestamp")) {
      assertThat(spec.has(field)).as(field).isTrue();
    }
    assertThat(spec.get("source_pod").asText()).isEqualTo("test-apps/frontend-6b7c8d9f4c-abc12");
    assertThat(spec.get("dest_pod").asText()).isEqualTo("test-apps/backend-5f6d7c8b9a-xyz78");
    assertThat(spec.get("source_port").asInt()).isEqualTo(54321);
    assertThat(spec.get("dest_port").asInt()).isEqualTo(8080);
    assertThat(spec.get("protocol").asText()).isEqualTo("TCP");
    assertThat(spec.get("bytes_sent").asLong()).isEqualTo(1024);
    assertThat(spec.get("packets_sent").asLong()).isEqualTo(10);
    assertThat(spec.get("bytes_measured").asBoolean()).isTrue();
    assertThat(spec.get("direction").asText()).isEqualTo("egress");
    assertThat(spec.get("verdict").asText()).isEqualTo("FORWARDED");
    assertThat(spec.get("timestamp").asText()).isEqualTo("2024-01-02T15:04:05Z");
    assertThat(spec.get("source_namespace").asText()).isEqualTo("test-apps");
    assertThat(spec.get("source_workload").asText()).isEqualTo("frontend");
  }

  @Test
  void droppedFlow_saysWhy() {
    pipeline.onFlow(Flows.tcp(MutableClock.START, frontend, Flows.world(), 443).destinationIp("93.184.216.34")
        .verdict(Verdict.DROPPED).dropReason(DropReason.of(133)).deniedBy(List.of("test-apps/deny-egress")).build());
    JsonNode flow = http.get("/api/flows").json().get(0);
    assertThat(flow.get("verdict").asText()).isEqualTo("DROPPED");
    assertThat(flow.get("drop_reason").asText()).isEqualTo("POLICY_DENIED");
    assertThat(flow.get("denied_by").get(0).asText()).isEqualTo("test-apps/deny-egress");
    assertThat(flow.get("dest_pod").asText()).isEqualTo("reserved:world");
    assertThat(flow.get("protocol").asText()).isEqualTo("HTTPS");
  }

  @Test
  void limit_defaultsTo100_andFiltersWork() {
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      flows.add(Flows.tcp(MutableClock.START.plusSeconds(i), frontend, backend, 8080)
          .verdict(i % 5 == 0 ? Verdict.DROPPED : Verdict.FORWARDED).build());
    }
    flows.forEach(pipeline::onFlow);
    assertThat(http.get("/api/flows").json()).hasSize(50);
    assertThat(http.get("/api/flows?limit=7").json()).hasSize(7);
    assertThat(http.get("/api/flows?verdict=dropped").json()).hasSize(10);
    assertThat(http.get("/api/flows?namespace=other").json()).isEmpty();
    assertThat(http.get("/api/flows?pod=backend-5f6d").json()).hasSize(50);
  }

  @Test
  void labels_comeWithIncludeLabels() {
    Endpoint labelled = new Endpoint(7, 4242, "prod", "test-apps", "frontend-6b7c8d9f4c-abc12",
        List.of("k8s:app=frontend", "k8s:io.kubernetes.pod.namespace=test-apps"), "frontend", "Deployment");
    pipeline.onFlow(Flows.tcp(MutableClock.START, labelled, backend, 8080).build());
    JsonNode standard = http.get("/api/flows").json().get(0);
    assertThat(standard.has("source_labels")).isFalse();
    assertThat(standard.get("source_identity").asInt()).isEqualTo(4242);
    JsonNode withLabels = http.get("/api/flows?include=labels").json().get(0);
    assertThat(withLabels.get("source_labels").get(0).asText()).isEqualTo("k8s:app=frontend");
    assertThat(withLabels.get("dest_labels").get(0).asText()).isEqualTo("k8s:app=backend");
  }

  @Test
  void badParameters_get400_withWhatIsAllowed() {
    for (String query : List.of("limit=abc", "limit=-1", "limit=0", "limit=1000000000", "limit=99999999999999999999")) {
      io.networkvisualizer.testing.Http.Response r = http.get("/api/flows?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.json().get("error").asText()).as(query).contains("limit must be").contains("1..50");
    }
    io.networkvisualizer.testing.Http.Response r = http.get("/api/flows?verdict=maybe");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("FORWARDED").contains("maybe");
    r = http.get("/api/flows?include=labels,annotations");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("include").contains("labels").contains("annotations");
  }

  @Test
  void unknownApiPath_is404Json() {
    io.networkvisualizer.testing.Http.Response r = http.get("/api/nothing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("error").asText()).contains("/api/nothing");
  }

  @Test
  void status_health_andReadiness() {
    assertThat(http.get("/healthz").status()).isEqualTo(200);
    assertThat(http.get("/readyz").status()).isEqualTo(503);
    source.state(SourceStatus.State.STREAMING, "");
    assertThat(http.get("/readyz").status()).isEqualTo(200);
    pipeline.onFlow(Flows.tcp(MutableClock.START, frontend, backend, 80).build());
    JsonNode status = http.get("/api/status").json();
    assertThat(status.get("source").get("state").asText()).isEqualTo("STREAMING");
    assertThat(status.get("store").get("size").asInt()).isEqualTo(1);
    assertThat(status.get("store").get("capacity").asInt()).isEqualTo(50);
    assertThat(status.get("pipeline").get("flows_accepted").asLong()).isEqualTo(1);
  }

  @Test
  void webUi_isServedAtRoot() {
    io.networkvisualizer.testing.Http.Response r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("network-visualizer");
  }
}
