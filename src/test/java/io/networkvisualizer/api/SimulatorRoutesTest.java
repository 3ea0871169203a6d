package io.networkvisualizer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.networkvisualizer.source.simulator.Scenario;
import io.networkvisualizer.source.simulator.Scenario.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/simulator/scenarios} lists the injected anomalies with their state at the clock's time. */
class SimulatorRoutesTest {
  private static final Instant T0 = Instant.parse("2024-01-02T15:10:05Z");

  @Test
  void scenarios_areListedWithKindStateAndParticipants() throws Exception {
    List<Scenario> scenarios = List.of(
        new Scenario(Kind.TRAFFIC_SPIKE, T0, T0.plusSeconds(120), "", "shop/frontend", "shop/catalog",
            "shop/frontend -> shop/catalog runs at 6x its normal rate"),
        new Scenario(Kind.PORT_SCAN, T0.plusSeconds(180), T0.plusSeconds(300), "shop/cart-8c9d7b6f5-c3v4b",
            "shop/cart", "shop/redis-0", "shop/cart-8c9d7b6f5-c3v4b probes 180 TCP ports a minute of shop/redis-0"),
        new Scenario(Kind.DATA_EXFILTRATION, T0.plusSeconds(360), T0.plusSeconds(480), "identity/user-api-x",
            "identity/user-api", "203.0.113.47 (uploads.filedrop.example)", "upload"));
    Clock clock = Clock.fixed(T0.plusSeconds(200), ZoneOffset.UTC);

    try (ApiServer api = new ApiServer(List.of(new SimulatorRoutes(() -> scenarios, clock))).start("127.0.0.1", 0)) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/simulator/scenarios")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = Json.MAPPER.readTree(response.body());
      assertThat(body.size()).isEqualTo(3);
      assertThat(body.get(0).get("kind").asText()).isEqualTo("traffic_spike");
      assertThat(body.get(0).get("state").asText()).isEqualTo("ended");
      assertThat(body.get(1).get("kind").asText()).isEqualTo("port_scan");
      assertThat(body.get(1).get("state").asText()).isEqualTo("active");
      assertThat(body.get(1).get("source_pod").asText()).isEqualTo("shop/cart-8c9d7b6f5-c3v4b");
      assertThat(body.get(1).get("source_workload").asText()).isEqualTo("shop/cart");
      assertThat(body.get(1).get("destination").asText()).isEqualTo("shop/redis-0");
      assertThat(body.get(1).get("start").asText()).isEqualTo("2024-01-02T15:13:05Z");
      assertThat(body.get(2).get("kind").asText()).isEqualTo("data_exfiltration");
      assertThat(body.get(2).get("state").asText()).isEqualTo("scheduled");
    }
  }
}
