package io.networkvisualizer.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.api.ApiServer;
import io.networkvisualizer.api.FlowJson;
import io.networkvisualizer.api.LiveRoutes;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import io.networkvisualizer.testing.RawWebSocket;
import io.networkvisualizer.testing.WsClient;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /ws/flows} against a started server: the spec's contract, filters, limits and slow clients. */
class LiveHubIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Endpoint frontend = Flows.pod("shop", "frontend-6b7c8d9f4c-abc12");
  private final Endpoint cart = Flows.pod("shop", "cart-5f6d7c8b9a-xyz78");
  private final Endpoint db = Flows.pod("data", "postgres-0");
  private LiveHub hub;
  private ApiServer server;

  private void start(LiveOptions options) {
    start(options, FlowJson::toJsonBytes);
  }

  private void start(LiveOptions options, BiFunction<Flow, FlowDetail, byte[]> json) {
    hub = new LiveHub(options, json);
    server = new ApiServer(List.of(new LiveRoutes(hub))).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
    hub.close();
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Test
  void eachMessage_isOneFlowInTheApiShape() {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2,
        Duration.ofMillis(20)));
    try (WsClient client = WsClient.connect(server.port(), "/ws/flows")) {
      WsClient.await("subscribed", () -> hub.stats().clients() == 1);
      for (int i = 0; i < 20; i++) {
        hub.onFlow(Flows.tcp(MutableClock.START.plusMillis(i), frontend, cart, 8080).uuid("f" + i).build());
      }
      WsClient.await("20 flows", () -> client.messages.size() == 20);
      for (int i = 0; i < 20; i++) {
        JsonNode flow = parse(client.messages.get(i));
        assertThat(flow.get("id").asText()).isEqualTo("f" + i);
        assertThat(flow.get("source_pod").asText()).isEqualTo("shop/frontend-6b7c8d9f4c-abc12");
        assertThat(flow.get("dest_port").asInt()).isEqualTo(8080);
        assertThat(flow.get("verdict").asText()).isEqualTo("FORWARDED");
      }
    }
  }

  @Test
  void aBrowsersDeflateOffer_isDeclined_soNoClientCompressesEveryFlowOnItsOwn() throws Exception {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2, Duration.ofMillis(5)));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      String head = RawWebSocket.handshake(socket, "/ws/flows", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
      assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
      WsClient.await("subscribed", () -> hub.stats().clients() == 1);
      hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("plain").build());
      // an uncompressed text frame: FIN + opcode 1, RSV1 (the compression bit) clear, then the flow's JSON
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(0x81);
      int length = in.read() & 0x7f;
      if (length == 126) {
        length = (in.read() << 8) | in.read();
      }
      String json = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      assertThat(parse(json).get("id").asText()).isEqualTo("plain");
    }
    try (Socket slash = new Socket("127.0.0.1", server.port())) {
      assertThat(RawWebSocket.handshake(slash, "/ws/flows/?verdict=FORWARDED",
          "Sec-WebSocket-Extensions: permessage-deflate"))
          .as("the same route with a trailing slash and a query").startsWith("HTTP/1.1 101")
          .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }
  }

  @Test
  void filters_selectFlows() {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2,
        Duration.ofMillis(20)));
    try (WsClient data = WsClient.connect(server.port(), "/ws/flows?namespace=data");
        WsClient dropped = WsClient.connect(server.port(), "/ws/flows?verdict=dropped&pod=cart")) {
      WsClient.await("subscribed", () -> hub.stats().clients() == 2);
      hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).build());
      hub.onFlow(Flows.tcp(MutableClock.START, cart, db, 5432).uuid("db").build());
      hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("denied").verdict(Verdict.DROPPED).build());
      WsClient.await("filtered flows", () -> data.messages.size() == 1 && dropped.messages.size() == 1);
      assertThat(parse(data.messages.get(0)).get("id").asText()).isEqualTo("db");
      assertThat(parse(dropped.messages.get(0)).get("id").asText()).isEqualTo("denied");
    }
  }

  @Test
  void labels_goOnlyToClientsThatAskForThem() {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2,
        Duration.ofMillis(20)));
    Endpoint labelled = new Endpoint(7, 4242, "prod", "shop", "checkout-7d9f-q1w2e",
        List.of("k8s:app=checkout", "k8s:io.kubernetes.pod.namespace=shop"), "checkout", "Deployment");
    try (WsClient plain = WsClient.connect(server.port(), "/ws/flows");
        WsClient withLabels = WsClient.connect(server.port(), "/ws/flows?include=labels&namespace=shop")) {
      WsClient.await("subscribed", () -> hub.stats().clients() == 2);
      for (int i = 0; i < 10; i++) {
        hub.onFlow(Flows.tcp(MutableClock.START.plusMillis(i), labelled, cart, 8080).uuid("f" + i).build());
      }
      WsClient.await("10 flows each", () -> plain.messages.size() == 10 && withLabels.messages.size() == 10);
      for (int i = 0; i < 10; i++) {
        JsonNode without = parse(plain.messages.get(i));
        JsonNode with = parse(withLabels.messages.get(i));
        assertThat(without.get("id").asText()).isEqualTo("f" + i);
        assertThat(without.has("source_labels")).isFalse();
        assertThat(without.get("source_workload").asText()).isEqualTo("checkout");
        assertThat(with.get("id").asText()).isEqualTo("f" + i);
        assertThat(with.get("source_labels").get(0).asText()).isEqualTo("k8s:app=checkout");
      }
    }
  }

  @Test
  void badFilter_isRefusedAtUpgradeWith400() {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2,
        Duration.ofMillis(20)));
    for (String query : List.of("verdict=maybe", "include=annotations")) {
      assertThatThrownBy(() -> WsClient.connect(server.port(), "/ws/flows?" + query))
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(WebSocketHandshakeException.class)
          .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(400));
    }
    assertThat(hub.stats().clients()).isZero();
  }

  @Test
  void clientsPastTheLimit_areRefusedWith503() {
    start(new LiveOptions(2, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2,
        Duration.ofMillis(20)));
    try (WsClient a = WsClient.connect(server.port(), "/ws/flows");
        WsClient b = WsClient.connect(server.port(), "/ws/flows")) {
      WsClient.await("two clients", () -> hub.stats().clients() == 2);
      assertThatThrownBy(() -> WsClient.connect(server.port(), "/ws/flows"))
          .cause().isInstanceOf(WebSocketHandshakeException.class)
          .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(503));
      assertThat(hub.stats().refused()).isEqualTo(1);
    }
  }

  @Test
  void stalledClient_losesOldestAndIsClosed_whileOthersGetEverythingInOrder() throws Exception {
    start(new LiveOptions(10, 256, Duration.ofSeconds(1), Duration.ofSeconds(1), 2,
        Duration.ofMillis(20)));
    try (Socket stalled = openWithoutReading(server.port(), "/ws/flows");
        WsClient fast = WsClient.connect(server.port(), "/ws/flows")) {
      WsClient.await("two clients", () -> hub.stats().clients() == 2);
      int n = 20_000;
      String padding = "x".repeat(900);
      for (int i = 0; i < n; i++) {
        hub.onFlow(Flows.tcp(MutableClock.START.plusNanos(i), frontend, cart, 8080).uuid("f" + i)
            .destinationNames(List.of(padding)).build());
        if (i % 100 == 99) { // a client that keeps up: it has what was sent before the next burst
          int sentSoFar = i + 1;
          WsClient.await("fast client keeps up", () -> fast.messages.size() >= sentSoFar);
        }
      }
      WsClient.await("fast client got all (has " + fast.messages.size() + ", lost notices "
          + fast.messages.stream().filter(m -> m.contains("\"lost\"")).toList() + ")", () -> fast.messages.size() == n);
      for (int i = 0; i < n; i += 997) {
        assertThat(parse(fast.messages.get(i)).get("id").asText()).isEqualTo("f" + i);
      }
      WsClient.await("stalled client closed", () -> hub.stats().closedTooSlow() == 1 && hub.stats().clients() == 1);
      assertThat(fast.messages).noneMatch(m -> m.contains("\"lost\""));
      assertThat(hub.stats().messagesLost()).as("a closed client's losses still count").isPositive();
    }
  }

  @Test
  void manyClients_splitAmongSenderThreads_eachGetEveryFlowInOrder_inTheDetailTheyAskedFor() {
    int clients = 40; // more than one share of clients: two sender threads write (and encode) at once
    start(new LiveOptions(50, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2, Duration.ofMillis(5)));
    List<WsClient> all = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        all.add(WsClient.connect(server.port(), i % 2 == 0 ? "/ws/flows" : "/ws/flows?include=labels"));
      }
      WsClient.await("subscribed", () -> hub.stats().clients() == clients);
      int n = 300;
      for (int i = 0; i < n; i++) {
        hub.onFlow(Flows.tcp(MutableClock.START.plusMillis(i), frontend, cart, 8080).uuid("f" + i).build());
      }
      WsClient.await("every client got every flow",
          () -> all.stream().allMatch(c -> c.messages.size() >= n));
      for (int c = 0; c < clients; c++) {
        List<String> messages = all.get(c).messages;
        assertThat(messages).hasSize(n);
        for (int i = 0; i < n; i++) {
          JsonNode flow = parse(messages.get(i));
          assertThat(flow.get("id").asText()).isEqualTo("f" + i);
          assertThat(flow.has("source_labels")).as("client %d asked for labels: %s", c, c % 2 == 1)
              .isEqualTo(c % 2 == 1);
        }
      }
      assertThat(hub.stats().messagesQueued()).isEqualTo((long) clients * n);
    } finally {
      all.forEach(WsClient::close);
    }
  }

  @Test
  void aFlowThatCannotBeWrittenWithLabels_stillGoesToClientsWithout_andIsCountedOnce() {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2, Duration.ofMillis(5)),
        (flow, detail) -> {
          if (flow.uuid().equals("bad") && detail.labels()) {
            throw new IllegalStateException("cannot write this one's labels");
          }
          return FlowJson.toJsonBytes(flow, detail);
        });
    try (WsClient plain = WsClient.connect(server.port(), "/ws/flows");
        WsClient labelled = WsClient.connect(server.port(), "/ws/flows?include=labels");
        WsClient labelledToo = WsClient.connect(server.port(), "/ws/flows?include=labels")) {
      WsClient.await("subscribed", () -> hub.stats().clients() == 3);
      for (String id : List.of("before", "bad", "after")) {
        hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid(id).build());
      }
      WsClient.await("every flow each can get", () -> plain.messages.size() == 3 && labelled.messages.size() == 2
          && labelledToo.messages.size() == 2);
      assertThat(plain.messages).extracting(m -> parse(m).get("id").asText())
          .containsExactly("before", "bad", "after");
      assertThat(labelled.messages).extracting(m -> parse(m).get("id").asText()).containsExactly("before", "after");
      assertThat(hub.stats().encodingFailures()).as("one flow, counted once").isEqualTo(1);
    }
  }

  @Test
  void aFlowThatCannotBeWritten_isSkipped_andTheOthersStillGoOut() {
    start(new LiveOptions(10, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1), 2, Duration.ofMillis(5)),
        (flow, detail) -> {
          if (flow.uuid().equals("bad")) {
            throw new IllegalStateException("cannot write this one");
          }
          return FlowJson.toJsonBytes(flow, detail);
        });
    try (WsClient client = WsClient.connect(server.port(), "/ws/flows");
        WsClient other = WsClient.connect(server.port(), "/ws/flows")) {
      WsClient.await("subscribed", () -> hub.stats().clients() == 2);
      hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("before").build());
      hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("bad").build());
      hub.onFlow(Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("after").build());
      WsClient.await("two flows each", () -> client.messages.size() == 2 && other.messages.size() == 2);
      assertThat(client.messages).extracting(m -> parse(m).get("id").asText()).containsExactly("before", "after");
      assertThat(other.messages).extracting(m -> parse(m).get("id").asText()).containsExactly("before", "after");
      assertThat(hub.stats().encodingFailures()).as("one flow that cannot be written, however many clients")
          .isEqualTo(1);
    }
  }

  /** Completes a WebSocket handshake over a raw socket and then never reads: a client that stopped reading. */
  private static Socket openWithoutReading(int port, String path) throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setReceiveBufferSize(4096);
    assertThat(RawWebSocket.handshake(socket, path, "")).startsWith("HTTP/1.1 101");
    return socket;
  }
}
