package io.networkvisualizer.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.api.ApiServer;
import io.networkvisualizer.api.FlowJson;
import io.networkvisualizer.api.GraphFeedAdapter;
import io.networkvisualizer.api.Json;
import io.networkvisualizer.api.LiveRoutes;
import io.networkvisualizer.api.MetricsRoutes;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.source.SourceCounters;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.Http;
import io.networkvisualizer.testing.MutableClock;
import io.networkvisualizer.testing.RawWebSocket;
import io.networkvisualizer.testing.WsClient;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /ws/graph} against a started server: snapshot plus deltas reproduce {@code /api/graph} exactly. */
class GraphStreamIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MutableClock clock = new MutableClock();
  private final EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());
  private final Endpoint frontend = Flows.pod("shop", "frontend-6b7c8d9f4c-abc12");
  private final Endpoint cart = Flows.pod("shop", "cart-5f6d7c8b9a-xyz78");
  private final Endpoint db = Flows.pod("data", "postgres-0");
  private LiveHub hub;
  private GraphStream stream;
  private ApiServer server;
  private Http http;

  @BeforeEach
  void start() {
    hub = new LiveHub(new LiveOptions(10, 100, Duration.ofSeconds(10), Duration.ofMillis(50), 2,
        Duration.ofMillis(20)), FlowJson::toJsonBytes);
    SourceCounters source = new SourceCounters("test", "memory");
    stream = new GraphStream(hub,
        new GraphFeedAdapter(metrics, source::snapshot, GraphFeedAdapter.AnomalyFeedSource.NONE), Json.MAPPER);
    server = new ApiServer(List.of(new MetricsRoutes(metrics), new LiveRoutes(hub, stream))).start("127.0.0.1", 0);
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    stream.close();
    hub.close();
  }

  /** A client-side copy of the graph, kept by applying what the stream sends. */
  private static final class Replica {
    final Map<String, JsonNode> nodes = new TreeMap<>();
    final Map<String, JsonNode> edges = new TreeMap<>();
    long seq = -1;
    int applied;

    void apply(JsonNode message) {
      switch (message.get("type").asText()) {
        case "snapshot" -> {
          nodes.clear();
          edges.clear();
          message.get("graph").get("nodes").forEach(n -> nodes.put(n.get("id").asText(), n));
          message.get("graph").get("edges").forEach(e -> edges.put(e.get("id").asText(), e));
        }
        case "delta" -> {
          assertThat(message.get("seq").asLong()).as("no gap").isEqualTo(seq + 1);
          apply(message, "nodes", nodes);
          apply(message, "edges", edges);
        }
        default -> throw new AssertionError("unexpected message " + message);
      }
      seq = message.get("seq").asLong();
      applied++;
    }

    private static void apply(JsonNode delta, String what, Map<String, JsonNode> into) {
      delta.get(what + "_added").forEach(n -> into.put(n.get("id").asText(), n));
      delta.get(what + "_updated").forEach(n -> into.put(n.get("id").asText(), n));
      delta.get(what + "_removed").forEach(id -> into.remove(id.asText()));
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  private static Map<String, JsonNode> byId(JsonNode array) {
    Map<String, JsonNode> out = new TreeMap<>();
    array.forEach(n -> out.put(n.get("id").asText(), n));
    return out;
  }

  private void feed(int from, int to) {
    for (int i = from; i < to; i++) {
      metrics.onFlow(Flows.tcp(clock.now().plusMillis(i), frontend, cart, 8080).build());
      metrics.onFlow(Flows.tcp(clock.now().plusMillis(i), cart, db, 5432).build());
    }
  }

  @Test
  void snapshotPlusDeltas_reproduceApiGraphExactly() {
    feed(0, 10);
    try (WsClient client = WsClient.connect(server.port(), "/ws/graph?level=workload")) {
      Replica replica = new Replica();
      WsClient.await("snapshot", () -> !client.messages.isEmpty());
      JsonNode first = parse(client.messages.get(0));
      assertThat(first.get("type").asText()).isEqualTo("snapshot");
      assertThat(first.get("status").get("kind").asText()).isEqualTo("test");

      clock.advance(Duration.ofSeconds(1));
      metrics.onFlow(Flows.tcp(clock.now(), frontend, db, 5432).build()); // a new edge
      feed(10, 20);
      int seen = client.messages.size();
      WsClient.await("deltas after the change", () -> client.messages.size() >= seen + 3);
      List<String> received = List.copyOf(client.messages);
      received.forEach(m -> replica.apply(parse(m)));

      JsonNode api = http.get("/api/graph?level=workload").json();
      assertThat(replica.nodes).isEqualTo(byId(api.get("nodes")));
      assertThat(replica.edges).isEqualTo(byId(api.get("edges")));
      assertThat(replica.edges).containsKey("workload/shop/frontend->workload/data/postgres-0");
    }
  }

  @Test
  void reconnect_andResync_getAFreshSnapshot() {
    feed(0, 5);
    try (WsClient client = WsClient.connect(server.port(), "/ws/graph?level=pod")) {
      WsClient.await("snapshot", () -> !client.messages.isEmpty());
    }
    feed(5, 10);
    try (WsClient again = WsClient.connect(server.port(), "/ws/graph?level=pod")) {
      WsClient.await("snapshot", () -> !again.messages.isEmpty());
      JsonNode snapshot = parse(again.messages.get(0));
      assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
      assertThat(snapshot.get("graph").get("edges")).hasSize(2);
      again.send("{\"type\":\"resync\"}");
      WsClient.await("resync snapshot", () -> again.messages.stream().skip(1)
          .anyMatch(m -> m.contains("\"type\":\"snapshot\"")));
    }
  }

  @Test
  void badView_isRefusedAtUpgradeWith400() {
    assertThatThrownBy(() -> WsClient.connect(server.port(), "/ws/graph?level=galaxy"))
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(400));
  }

  @Test
  void theGraphStream_keepsCompression_oneMessagePerIntervalCostsLittleToDeflate() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      String head = RawWebSocket.handshake(socket, "/ws/graph", "Sec-WebSocket-Extensions: permessage-deflate");
      assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
    }
  }

  @Test
  void clientsOfOneView_shareOneDeltaPerTick() {
    feed(0, 5);
    try (WsClient a = WsClient.connect(server.port(), "/ws/graph?level=namespace");
        WsClient b = WsClient.connect(server.port(), "/ws/graph?level=namespace")) {
      WsClient.await("both get deltas", () -> a.messages.size() > 3 && b.messages.size() > 3);
      Map<Long, String> bySeq = new LinkedHashMap<>();
      a.messages.stream().map(GraphStreamIT::parse).filter(m -> m.get("type").asText().equals("delta"))
          .forEach(m -> bySeq.put(m.get("seq").asLong(), m.toString()));
      b.messages.stream().map(GraphStreamIT::parse).filter(m -> m.get("type").asText().equals("delta"))
          .filter(m -> bySeq.containsKey(m.get("seq").asLong()))
          .forEach(m -> assertThat(m.toString()).isEqualTo(bySeq.get(m.get("seq").asLong())));
    }
  }
}
