package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.ProtoFlows.T0;
import static io.networkvisualizer.source.hubble.ProtoFlows.lost;
import static io.networkvisualizer.source.hubble.ProtoFlows.nodeStatus;
import static io.networkvisualizer.source.hubble.ProtoFlows.response;
import static io.networkvisualizer.source.hubble.ProtoFlows.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.SourceStatus.State;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.relay.NodeState;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HubbleSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private FakeRelay relay(FakeRelay.Script... scripts) {
    FakeRelay relay = FakeRelay.start(scripts);
    toClose.add(relay);
    return relay;
  }

  private HubbleSource source(String address) {
    HubbleOptions options = new HubbleOptions(address, false, null, null, null, null, List.of(), List.of(),
        Duration.ofMillis(5), Duration.ofMillis(50));
    HubbleSource source = new HubbleSource(options);
    toClose.add(source);
    return source;
  }

  @Test
  void realSamples_everyFlowArrivesInOrderAndMapsLikeTheJson() throws Exception {
    Path dir = Path.of(System.getProperty("hubble.samples", "../shared/fixtures/hubble"));
    Assumptions.assumeTrue(Files.isDirectory(dir), "real Hubble samples not run: folder " + dir + " is absent");
    List<JsonNode> lines = new ArrayList<>();
    List<GetFlowsResponse> responses = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.isBlank()) {
            continue;
          }
          GetFlowsResponse.Builder response = GetFlowsResponse.newBuilder();
          JsonFormat.parser().ignoringUnknownFields().merge(line, response);
          responses.add(response.build());
          lines.add(JSON.readTree(line));
        }
      }
    }
    assertThat(responses).hasSizeGreaterThanOrEqualTo(820);
    FakeRelay relay = relay(FakeRelay.sendAndHold(responses));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());

    source.start(sink);
    List<Flow> flows = sink.await(responses.size(), TIMEOUT);

    assertThat(relay.nextRequest(TIMEOUT).getFollow()).isTrue();
    assertThat(sink.threads).containsExactly("hubble-source");
    for (int i = 0; i < flows.size(); i++) {
      assertMapsLikeJson(flows.get(i), lines.get(i).get("flow"), i);
    }
    // Facts of the sample set (see its README): 57 REDIRECTED, 70 HTTP and 153 DNS records.
    assertThat(flows).filteredOn(f -> f.verdict().equals(Verdict.REDIRECTED)).hasSize(57);
    assertThat(flows).filteredOn(f -> f.l7() != null && f.l7().http() != null).hasSize(70);
    assertThat(flows).filteredOn(f -> f.l7() != null && f.l7().dns() != null).hasSize(153);
    assertThat(flows).allMatch(f -> !f.bytesMeasured(), "Cilium flows carry no byte counts");
    // Spot checks by value against the first line of basic-sample-10-flows.json.
    Flow first = flows.stream()
        .filter(f -> f.time().equals(Instant.parse("2021-06-16T16:52:13.136834446Z")))
        .findFirst().orElseThrow();
    assertThat(first.source().podName()).isEqualTo("reviews-v1-545db77b95-s6jb8");
    assertThat(first.source().namespace()).isEqualTo("bookinfo");
    assertThat(first.source().label("app")).isEqualTo("reviews");
    assertThat(first.destination().reservedIdentity()).isEqualTo("host");
    assertThat(first.sourcePort()).isEqualTo(15020);
    assertThat(first.destinationPort()).isEqualTo(42044);
    assertThat(first.tcpFlags()).isEqualTo(TcpFlags.FIN | TcpFlags.ACK);
    assertThat(first.isReply()).as("deprecated reply=true, no is_reply").isTrue();
    assertThat(first.nodeName()).isEqualTo("gke-ilya-otel-demo-1-ilya-otel-demo-1-6114bb84-zr1l");
    assertThat(first.direction()).isEqualTo(TrafficDirection.INGRESS);
    assertThat(first.observationPoint()).isEqualTo("TO_STACK");
    Flow http = flows.stream().filter(f -> f.l7() != null && f.l7().http() != null && f.l7().http().code() != 0)
        .findFirst().orElseThrow();
    assertThat(http.l7().http().url()).startsWith("http://");
    Flow dns = flows.stream()
        .filter(f -> f.l7() != null && f.l7().dns() != null
            && f.l7().dns().query().equals("istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local."))
        .filter(f -> Boolean.TRUE.equals(f.isReply()))
        .findFirst().orElseThrow();
    assertThat(dns.l7().dns().rcodeName()).isEqualTo("NXDOMAIN");
    assertThat(dns.l7().dns().qtypes()).containsExactly("A");
    // Endpoints are interned: every flow from one pod with the same labels shares one instance.
    List<Flow> fromReviews = flows.stream()
        .filter(f -> f.source().podName().equals("reviews-v1-545db77b95-s6jb8")).toList();
    assertThat(fromReviews).hasSizeGreaterThan(1).allMatch(f -> f.source() == fromReviews.get(0).source());
    assertThat(source.status().flowsReceived()).isEqualTo(responses.size());
    assertThat(source.status().malformed()).isZero();
  }

  private static void assertMapsLikeJson(Flow flow, JsonNode json, int index) {
    String at = "flow #" + index + " " + json.path("time").asText();
    assertThat(flow.time()).as(at).isEqualTo(Instant.parse(json.path("time").asText()));
    assertThat(flow.verdict()).as(at).isEqualTo(Verdict.ofName(json.path("verdict").asText()));
    assertThat(flow.source().podName()).as(at).isEqualTo(json.path("source").path("pod_name").asText(""));
    assertThat(flow.source().namespace()).as(at).isEqualTo(json.path("source").path("namespace").asText(""));
    assertThat(flow.destination().podName()).as(at).isEqualTo(json.path("destination").path("pod_name").asText(""));
    assertThat(flow.source().identity()).as(at).isEqualTo(json.path("source").path("identity").asInt());
    assertThat(flow.sourceIp()).as(at).isEqualTo(json.path("IP").path("source").asText(""));
    assertThat(flow.destinationIp()).as(at).isEqualTo(json.path("IP").path("destination").asText(""));
    assertThat(flow.nodeName()).as(at).isEqualTo(json.path("node_name").asText(""));
    JsonNode l4 = json.path("l4");
    JsonNode ports = l4.has("TCP") ? l4.get("TCP") : l4.path("UDP");
    assertThat(flow.l4()).as(at).isEqualTo(l4.has("TCP") ? L4Protocol.TCP : l4.has("UDP") ? L4Protocol.UDP
        : l4.has("ICMPv4") ? L4Protocol.ICMPV4 : l4.has("ICMPv6") ? L4Protocol.ICMPV6 : L4Protocol.NONE);
    assertThat(flow.sourcePort()).as(at).isEqualTo(ports.path("source_port").asInt());
    assertThat(flow.destinationPort()).as(at).isEqualTo(ports.path("destination_port").asInt());
    int flags = 0;
    for (Map.Entry<String, JsonNode> flag : l4.path("TCP").path("flags").properties()) {
      if (flag.getValue().asBoolean()) {
        flags |= TcpFlags.ofName(flag.getKey());
      }
    }
    assertThat(flow.tcpFlags()).as(at).isEqualTo(flags);
    Boolean reply = json.has("is_reply") ? Boolean.valueOf(json.get("is_reply").asBoolean())
        : json.path("reply").asBoolean() ? Boolean.TRUE : null;
    assertThat(flow.isReply()).as(at).isEqualTo(reply);
    assertThat(flow.direction().name()).as(at).isEqualTo(json.has("traffic_direction")
        ? json.get("traffic_direction").asText() : "UNKNOWN");
    assertThat(flow.observationPoint()).as(at).isEqualTo(json.path("trace_observation_point").asText(""));
    JsonNode l7 = json.path("l7");
    if (l7.has("http")) {
      assertThat(flow.l7().http().url()).as(at).isEqualTo(l7.get("http").path("url").asText());
      assertThat(flow.l7().http().method()).as(at).isEqualTo(l7.get("http").path("method").asText(""));
      assertThat(flow.l7().http().code()).as(at).isEqualTo(l7.get("http").path("code").asInt());
    } else if (l7.has("dns")) {
      assertThat(flow.l7().dns().query()).as(at).isEqualTo(l7.get("dns").path("query").asText());
      assertThat(flow.l7().dns().rcode()).as(at).isEqualTo(l7.get("dns").path("rcode").asInt());
    } else {
      assertThat(flow.l7()).as(at).isNull();
    }
  }

  @Test
  void streamDroppedMidway_reconnectsWithSinceAndDeliversEveryFlowExactlyOnce() throws Exception {
    // 4 flows, then 3 at one timestamp (the cut falls after the first 2 of them), then 3 more.
    List<io.networkvisualizer.source.hubble.proto.flow.Flow> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(tcp(T0 + i * 1_000_000L, "uuid-" + i, 40_000 + i).build());
    }
    long shared = T0 + 10_000_000L;
    for (int i = 4; i < 7; i++) {
      all.add(tcp(shared, "uuid-" + i, 40_000 + i).build());
    }
    for (int i = 7; i < 10; i++) {
      all.add(tcp(T0 + i * 1_000_000L + 20_000_000L, "uuid-" + i, 40_000 + i).build());
    }
    FakeRelay relay = relay(
        (request, out) -> {
          all.subList(0, 6).forEach(f -> out.onNext(response(f)));
          out.onError(Status.UNAVAILABLE.withDescription("relay restarting").asRuntimeException());
        },
        replayFromSince(all));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());

    source.start(sink);
    List<Flow> flows = sink.await(all.size(), TIMEOUT);

    GetFlowsRequest firstRequest = relay.nextRequest(TIMEOUT);
    GetFlowsRequest resumed = relay.nextRequest(TIMEOUT);
    assertThat(firstRequest.hasSince()).isFalse();
    assertThat(resumed.getFollow()).isTrue();
    assertThat(ProtoFlowMapper.nanos(resumed.getSince())).isEqualTo(shared);
    assertThat(flows).extracting(Flow::uuid)
        .containsExactly("uuid-0", "uuid-1", "uuid-2", "uuid-3", "uuid-4", "uuid-5", "uuid-6", "uuid-7", "uuid-8",
            "uuid-9");
    SourceStatus status = Await.until(source::status, s -> s.state() == State.STREAMING, TIMEOUT);
    assertThat(status.duplicatesSkipped()).as("uuid-4 and uuid-5 replayed at the resume time").isEqualTo(2);
    assertThat(status.reconnects()).isEqualTo(1);
    assertThat(status.flowsReceived()).isEqualTo(10);
    assertThat(status.detail()).contains("resumed from " + Instant.ofEpochSecond(0, shared));
    assertThat(sink.extra()).isEmpty();
  }

  @Test
  void flowsWithoutUuid_areRecognisedByContentAfterAResume() throws Exception {
    long shared = T0 + 5_000_000L;
    List<io.networkvisualizer.source.hubble.proto.flow.Flow> all = List.of(
        tcp(T0, "", 40_001).build(),
        tcp(shared, "", 40_002).build(),
        tcp(shared, "", 40_003).build(),
        tcp(shared, "", 40_004).build(),
        tcp(shared + 1, "", 40_005).build());
    FakeRelay relay = relay(
        (request, out) -> {
          all.subList(0, 3).forEach(f -> out.onNext(response(f)));
          out.onCompleted(); // a server that ends the stream is reconnected to as well
        },
        replayFromSince(all));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());

    source.start(sink);
    List<Flow> flows = sink.await(all.size(), TIMEOUT);

    relay.nextRequest(TIMEOUT);
    assertThat(ProtoFlowMapper.nanos(relay.nextRequest(TIMEOUT).getSince())).isEqualTo(shared);
    assertThat(flows).extracting(Flow::sourcePort).containsExactly(40_001, 40_002, 40_003, 40_004, 40_005);
    assertThat(Await.until(source::status, s -> s.duplicatesSkipped() == 2, TIMEOUT).flowsReceived()).isEqualTo(5);
    assertThat(sink.extra()).isEmpty();
  }

  @Test
  void replayOlderThanSince_isDroppedAsAlreadyDelivered() throws Exception {
    List<io.networkvisualizer.source.hubble.proto.flow.Flow> all = List.of(
        tcp(T0, "a", 40_001).build(),
        tcp(T0 + 1, "b", 40_002).build(),
        tcp(T0 + 2, "c", 40_003).build());
    FakeRelay relay = relay(
        (request, out) -> {
          all.subList(0, 2).forEach(f -> out.onNext(response(f)));
          out.onError(Status.UNAVAILABLE.asRuntimeException());
        },
        // A server that ignores since and replays everything.
        FakeRelay.sendAndHold(all.stream().map(ProtoFlows::response).toList()));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());

    source.start(sink);

    assertThat(sink.await(3, TIMEOUT)).extracting(Flow::uuid).containsExactly("a", "b", "c");
    assertThat(Await.until(source::status, s -> s.duplicatesSkipped() == 2, TIMEOUT).flowsReceived()).isEqualTo(3);
  }

  @Test
  void reconnectBeforeAnyFlow_resumesFromTheFirstConnect() throws Exception {
    Instant connectedAt = Instant.parse("2024-01-02T15:04:05.123Z");
    FakeRelay relay = relay(
        (request, out) -> {
          out.onNext(nodeStatus(NodeState.NODE_CONNECTED, "node-1"));
          out.onError(Status.UNAVAILABLE.asRuntimeException());
        },
        FakeRelay.sendAndHold(List.of(response(tcp(T0, "first", 40_001).build()))));
    HubbleOptions options = new HubbleOptions(relay.address(), false, null, null, null, null, List.of(), List.of(),
        Duration.ofMillis(5), Duration.ofMillis(50));
    HubbleSource source = new HubbleSource(options, new Backoff(options.reconnectInitial(), options.reconnectMax()),
        java.time.Clock.fixed(connectedAt, java.time.ZoneOffset.UTC));
    toClose.add(source);
    TestSink sink = new TestSink();

    source.start(sink);
    sink.await(1, TIMEOUT);

    assertThat(relay.nextRequest(TIMEOUT).hasSince()).isFalse();
    GetFlowsRequest resumed = relay.nextRequest(TIMEOUT);
    assertThat(Instant.ofEpochSecond(resumed.getSince().getSeconds(), resumed.getSince().getNanos()))
        .isEqualTo(connectedAt);
  }

  @Test
  void lostEventsAndNodeStatus_areCountedNotDelivered() throws Exception {
    FakeRelay relay = relay(FakeRelay.sendAndHold(List.of(
        nodeStatus(NodeState.NODE_CONNECTED, "node-1"),
        response(tcp(T0, "x", 40_001).build()),
        lost(7),
        nodeStatus(NodeState.NODE_UNAVAILABLE, "node-2"),
        lost(5),
        response(tcp(T0 + 1, "y", 40_002).build()))));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());

    source.start(sink);

    assertThat(sink.await(2, TIMEOUT)).extracting(Flow::uuid).containsExactly("x", "y");
    SourceStatus status = Await.until(source::status, s -> s.nodeStatusEvents() == 2, TIMEOUT);
    assertThat(status.lostEvents()).isEqualTo(12);
    assertThat(status.flowsReceived()).isEqualTo(2);
    assertThat(status.state()).isEqualTo(State.STREAMING);
    assertThat(sink.extra()).isEmpty();
  }

  @Test
  void flowTheModelRejects_isCountedMalformedAndSkipped() throws Exception {
    io.networkvisualizer.source.hubble.proto.flow.Flow.Builder bad = tcp(T0 + 1, "bad", 40_001);
    bad.getL4Builder().getTCPBuilder().setDestinationPort(70_000);
    FakeRelay relay = relay(FakeRelay.sendAndHold(List.of(
        response(tcp(T0, "ok-1", 40_001).build()), response(bad.build()), response(tcp(T0 + 2, "ok-2", 40_002).build()))));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());

    source.start(sink);

    assertThat(sink.await(2, TIMEOUT)).extracting(Flow::uuid).containsExactly("ok-1", "ok-2");
    assertThat(source.status().malformed()).isEqualTo(1);
  }

  /** A Relay stand-in that sends these bytes as responses, as they are, and holds the stream open. */
  private String rawRelay(List<byte[]> responses) throws IOException {
    io.grpc.MethodDescriptor<GetFlowsRequest, byte[]> raw = io.networkvisualizer.source.hubble.proto.observer
        .ObserverGrpc.getGetFlowsMethod().toBuilder(
            io.grpc.protobuf.ProtoUtils.marshaller(GetFlowsRequest.getDefaultInstance()), new RawBytesMarshaller())
        .build();
    io.grpc.Server server = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
        .forAddress(new java.net.InetSocketAddress("127.0.0.1", 0))
        .addService(io.grpc.ServerServiceDefinition.builder(
                io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc.SERVICE_NAME)
            .addMethod(raw, io.grpc.stub.ServerCalls.asyncServerStreamingCall(
                (request, out) -> responses.forEach(out::onNext)))
            .build())
        .build()
        .start();
    toClose.add(() -> server.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS));
    return "127.0.0.1:" + server.getPort();
  }

  @Test
  void undecodableResponse_isCountedMalformedAndTheStreamGoesOn() throws Exception {
    String address = rawRelay(List.of(
        response(tcp(T0, "before", 40_001).build()).toByteArray(),
        new byte[] {(byte) 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // truncated flow field
        response(tcp(T0 + 1, "after", 40_002).build()).toByteArray()));
    TestSink sink = new TestSink();
    HubbleSource source = source(address);

    source.start(sink);

    assertThat(sink.await(2, TIMEOUT)).extracting(Flow::uuid).containsExactly("before", "after");
    assertThat(source.status().malformed()).isEqualTo(1);
    assertThat(source.status().reconnects()).isZero();
  }

  @Test
  void truncatedAndCorruptedFlows_areCountedMalformedBetweenGoodOnes() throws Exception {
    // Only a flow: every strict prefix but the empty one cuts the flow short.
    byte[] good = GetFlowsResponse.newBuilder().setFlow(tcp(T0, "x", 40_001).setSourceService(
        io.networkvisualizer.source.hubble.proto.flow.Service.newBuilder().setName("frontend"))).build().toByteArray();
    List<byte[]> bad = new ArrayList<>();
    for (int length = 1; length < good.length; length += 7) {
      bad.add(java.util.Arrays.copyOf(good, length));
    }
    byte[] badVarint = good.clone();
    java.util.Arrays.fill(badVarint, 1, 14, (byte) 0xff); // a varint longer than ten bytes
    bad.add(badVarint);
    byte[] badUtf8 = response(tcp(T0, "uuid-\u00e9", 40_001).build()).toByteArray();
    for (int i = 0; i + 1 < badUtf8.length; i++) {
      if (badUtf8[i] == (byte) 0xc3 && badUtf8[i + 1] == (byte) 0xa9) {
        badUtf8[i + 1] = (byte) 0x28; // a uuid that is not UTF-8
      }
    }
    bad.add(badUtf8);
    List<byte[]> stream = new ArrayList<>();
    for (int i = 0; i < bad.size(); i++) {
      stream.add(response(tcp(T0 + i, "ok-" + i, 40_001).build()).toByteArray());
      stream.add(bad.get(i));
    }
    stream.add(response(tcp(T0 + bad.size(), "last", 40_001).build()).toByteArray());
    TestSink sink = new TestSink();
    HubbleSource source = source(rawRelay(stream));

    source.start(sink);

    List<Flow> flows = sink.await(bad.size() + 1, TIMEOUT);
    assertThat(flows.get(flows.size() - 1).uuid()).isEqualTo("last");
    assertThat(flows).extracting(Flow::uuid).allMatch(u -> u.startsWith("ok-") || u.equals("last"));
    assertThat(source.status().malformed()).isEqualTo(bad.size());
    assertThat(source.status().flowsReceived()).isEqualTo(bad.size() + 1);
    assertThat(source.status().reconnects()).isZero();
  }

  @Test
  void whitelistAndBlacklist_areSentWithTheRequest() throws Exception {
    FakeRelay relay = relay(FakeRelay.sendAndHold(List.of()));
    HubbleOptions options = new HubbleOptions(relay.address(), false, null, null, null, null,
        HubbleOptions.parseFilters("hubbleWhitelist", "[{\"source_pod\":[\"shop/\"]}]"),
        HubbleOptions.parseFilters("hubbleBlacklist", "{\"verdict\":[\"DROPPED\"]}"),
        Duration.ofMillis(5), Duration.ofMillis(50));
    HubbleSource source = new HubbleSource(options);
    toClose.add(source);

    source.start(new TestSink());

    GetFlowsRequest request = relay.nextRequest(TIMEOUT);
    assertThat(request.getWhitelist(0).getSourcePodList()).containsExactly("shop/");
    assertThat(request.getBlacklist(0).getVerdictList())
        .containsExactly(io.networkvisualizer.source.hubble.proto.flow.Verdict.DROPPED);
    assertThat(request.getFollow()).isTrue();
    assertThat(Await.until(source::status, s -> s.state() == State.STREAMING, TIMEOUT).detail())
        .as("a quiet stream counts as connected once the channel is ready").contains("connected to");
  }

  @Test
  void nothingListening_backsOffWithTheReasonThenStopsOnClose() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HubbleSource source = source("127.0.0.1:" + port);

    source.start(new TestSink());

    SourceStatus status = Await.until(source::status,
        s -> s.state() == State.BACKING_OFF && s.reconnects() >= 2, TIMEOUT);
    assertThat(status.detail()).startsWith("UNAVAILABLE").contains("retry in");
    assertThat(status.isReady()).isFalse();
    source.close();
    assertThat(source.status().state()).isEqualTo(State.STOPPED);
  }

  @Test
  void close_cancelsAnOpenStreamPromptly() throws Exception {
    FakeRelay relay = relay(FakeRelay.sendAndHold(List.of(response(tcp(T0, "only", 40_001).build()))));
    TestSink sink = new TestSink();
    HubbleSource source = source(relay.address());
    source.start(sink);
    sink.await(1, TIMEOUT);

    source.close();
    source.close();

    assertThat(source.status().state()).isEqualTo(State.STOPPED);
    assertThat(relay.calls()).isEqualTo(1);
  }

  @Test
  void closeBeforeStart_isStopped() {
    HubbleSource source = source("127.0.0.1:4245");
    source.close();
    assertThat(source.status().state()).isEqualTo(State.STOPPED);
  }

  @Test
  void unreadableCaFile_failsWithoutRetrying(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path ca = dir.resolve("missing-ca.pem");
    HubbleSource source = new HubbleSource(new HubbleOptions("tls://127.0.0.1:4245", false, ca, null, null, null,
        List.of(), List.of(), Duration.ofMillis(5), Duration.ofMillis(50)));
    toClose.add(source);

    source.start(new TestSink());

    SourceStatus status = Await.until(source::status, s -> s.state() == State.FAILED, TIMEOUT);
    assertThat(status.detail()).contains("hubbleTlsCaCertFile").contains("missing-ca.pem");
    assertThat(status.reconnects()).isZero();
  }

  /** Serves like Hubble with {@code follow}: every flow at or after the request's {@code since}, then holds. */
  private static FakeRelay.Script replayFromSince(List<io.networkvisualizer.source.hubble.proto.flow.Flow> all) {
    return (request, out) -> {
      long since = request.hasSince() ? ProtoFlowMapper.nanos(request.getSince()) : Long.MIN_VALUE;
      all.stream().filter(f -> ProtoFlowMapper.nanos(f.getTime()) >= since).forEach(f -> out.onNext(response(f)));
    };
  }
}
