package io.networkvisualizer.source.simulator;

import static io.networkvisualizer.source.simulator.Sample.MINUTE;
import static io.networkvisualizer.source.simulator.Sample.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowFilter;
import io.networkvisualizer.source.hubble.proto.flow.LostEventSource;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.observer.GetNamespacesRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetNodesRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetNodesResponse;
import io.networkvisualizer.source.hubble.proto.observer.Namespace;
import io.networkvisualizer.source.hubble.proto.observer.Node;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import io.networkvisualizer.source.hubble.proto.observer.ServerStatusRequest;
import io.networkvisualizer.source.hubble.proto.observer.ServerStatusResponse;
import io.networkvisualizer.source.hubble.proto.relay.NodeState;
import io.networkvisualizer.source.simulator.Scenario.Kind;
import io.networkvisualizer.testing.MutableClock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated Hubble server read over a real loopback gRPC channel with the generated blocking stub, its time moved
 * by hand so that what it holds is known exactly.
 */
class SimulatorServerTest {
  private static final long EPOCH = MutableClock.START.getEpochSecond() * SECOND;
  private static final SimulatorOptions OPTIONS = SimulatorOptions.defaults();

  private SimulatorServer server;
  private ManagedChannel channel;

  @AfterEach
  void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  private ObserverGrpc.ObserverBlockingStub start(SimulatorOptions options, long advance) {
    server = SimulatorServer.startManual(options, EPOCH);
    server.advanceTo(EPOCH + advance);
    channel = Grpc.newChannelBuilder(server.address(), InsecureChannelCredentials.create()).build();
    return ObserverGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** The flows the ring holds, oldest first. */
  private List<Flow> ringFlows() {
    List<Flow> out = new ArrayList<>();
    FlowRing ring = server.ring();
    for (long s = ring.oldest(); s < ring.written(); s++) {
      FlowRing.Entry e = ring.get(s);
      if (e.flow() != null) {
        out.add(e.flow());
      }
    }
    return out;
  }

  private static List<GetFlowsResponse> all(Iterator<GetFlowsResponse> it) {
    List<GetFlowsResponse> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static List<GetFlowsResponse> take(Iterator<GetFlowsResponse> it, int n) {
    List<GetFlowsResponse> out = new ArrayList<>();
    while (out.size() < n && it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  private static List<String> uuids(List<GetFlowsResponse> responses) {
    return responses.stream().map(r -> r.getFlow().getUuid()).toList();
  }

  private static List<String> flowUuids(List<Flow> flows) {
    return flows.stream().map(Flow::getUuid).toList();
  }

  @Test
  void number_withoutFollow_returnsTheMostRecentFlows_thenEnds() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 30 * SECOND);
    List<Flow> ring = ringFlows();

    List<GetFlowsResponse> got = all(stub.getFlows(GetFlowsRequest.newBuilder().setNumber(20).build()));

    assertThat(got).hasSize(20).allSatisfy(r -> {
      assertThat(r.hasFlow()).isTrue();
      assertThat(r.getNodeName()).isEqualTo(r.getFlow().getNodeName());
      assertThat(r.getTime()).isEqualTo(r.getFlow().getTime());
    });
    assertThat(uuids(got)).isEqualTo(flowUuids(ring.subList(ring.size() - 20, ring.size())));
  }

  @Test
  void first_returnsTheOldestFlows() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 30 * SECOND);

    List<GetFlowsResponse> got = all(stub.getFlows(GetFlowsRequest.newBuilder().setNumber(10).setFirst(true).build()));

    assertThat(uuids(got)).isEqualTo(flowUuids(ringFlows().subList(0, 10)));
  }

  @Test
  void firstWithFollow_isAnInvalidArgument() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, SECOND);

    assertThatThrownBy(() -> all(stub.getFlows(GetFlowsRequest.newBuilder().setFirst(true).setFollow(true).build())))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void badFilter_isAnInvalidArgument_sayingWhy() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, SECOND);
    GetFlowsRequest request = GetFlowsRequest.newBuilder()
        .addWhitelist(FlowFilter.newBuilder().addProtocol("carrier-pigeon")).build();

    assertThatThrownBy(() -> all(stub.getFlows(request)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("carrier-pigeon");
        });
  }

  @Test
  void since_replaysWhatTheRingHolds_fromThatTime() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 30 * SECOND);
    long since = EPOCH + 20 * SECOND;
    List<Flow> expected = ringFlows().stream().filter(f -> Timestamps.toNanos(f.getTime()) >= since).toList();

    List<GetFlowsResponse> got = all(stub.getFlows(GetFlowsRequest.newBuilder()
        .setSince(Timestamps.fromNanos(since)).build()));

    assertThat(expected).hasSizeGreaterThan(1_000);
    assertThat(uuids(got)).isEqualTo(flowUuids(expected));
  }

  @Test
  void until_endsTheStreamAtThatTime() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 30 * SECOND);
    long since = EPOCH + 10 * SECOND;
    long until = EPOCH + 12 * SECOND;
    List<Flow> expected = ringFlows().stream()
        .filter(f -> Timestamps.toNanos(f.getTime()) >= since && Timestamps.toNanos(f.getTime()) <= until).toList();

    List<GetFlowsResponse> got = all(stub.getFlows(GetFlowsRequest.newBuilder()
        .setSince(Timestamps.fromNanos(since)).setUntil(Timestamps.fromNanos(until)).build()));

    assertThat(uuids(got)).isEqualTo(flowUuids(expected));
  }

  @Test
  void followWithSince_replaysThenStreamsNewFlows_withoutGapOrRepeat() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 30 * SECOND);
    long since = EPOCH + 29 * SECOND;
    List<Flow> replay = ringFlows().stream().filter(f -> Timestamps.toNanos(f.getTime()) >= since).toList();
    Iterator<GetFlowsResponse> it = stub.getFlows(GetFlowsRequest.newBuilder().setFollow(true)
        .setSince(Timestamps.fromNanos(since)).build());

    List<GetFlowsResponse> replayed = take(it, replay.size());
    server.advanceTo(EPOCH + 31 * SECOND);
    List<Flow> live = ringFlows().stream().filter(f -> Timestamps.toNanos(f.getTime()) >= EPOCH + 30 * SECOND)
        .toList();
    List<GetFlowsResponse> streamed = take(it, live.size());

    assertThat(uuids(replayed)).isEqualTo(flowUuids(replay));
    assertThat(live).hasSizeGreaterThan(100);
    assertThat(uuids(streamed)).isEqualTo(flowUuids(live));
  }

  @Test
  void followWithNumber_startsWithTheLastFlows() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 10 * SECOND);
    List<Flow> ring = ringFlows();

    List<GetFlowsResponse> got = take(stub.getFlows(GetFlowsRequest.newBuilder().setFollow(true).setNumber(5)
        .build()), 5);

    assertThat(uuids(got)).isEqualTo(flowUuids(ring.subList(ring.size() - 5, ring.size())));
  }

  @Test
  void filters_overTheWire_areOredAndedAndSubtracted() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 30 * SECOND);
    GetFlowsRequest request = GetFlowsRequest.newBuilder()
        .addWhitelist(FlowFilter.newBuilder().addSourcePod("payments/"))
        .addWhitelist(FlowFilter.newBuilder().addDestinationPod("shop/").addProtocol("udp"))
        .addWhitelist(FlowFilter.newBuilder().addSourcePod("shop/frontend").addDestinationPort("8081"))
        .addBlacklist(FlowFilter.newBuilder().addVerdict(Verdict.DROPPED))
        .build();
    List<Flow> expected = ringFlows().stream()
        .filter(f -> f.getSource().getNamespace().equals("payments")
            || (f.getDestination().getNamespace().equals("shop") && f.getL4().hasUDP())
            || (f.getSource().getPodName().startsWith("frontend") && f.getL4().getTCP().getDestinationPort() == 8081))
        .filter(f -> f.getVerdict() != Verdict.DROPPED)
        .toList();

    List<GetFlowsResponse> got = all(stub.getFlows(request));

    assertThat(expected).anyMatch(f -> f.getSource().getNamespace().equals("payments"));
    assertThat(expected).anyMatch(f -> f.getL4().hasUDP());
    assertThat(uuids(got)).isEqualTo(flowUuids(expected));
    assertThat(all(stub.getFlows(GetFlowsRequest.newBuilder()
        .addWhitelist(FlowFilter.newBuilder().addSourcePod("shop/frontend").addDestinationPort("8081")).build())))
        .isNotEmpty().allSatisfy(r -> assertThat(r.getFlow().getVerdict()).isEqualTo(Verdict.DROPPED));
  }

  @Test
  void serverStatus_nodes_andNamespaces_describeTheCluster() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 90 * SECOND);

    ServerStatusResponse status = stub.serverStatus(ServerStatusRequest.getDefaultInstance());
    GetNodesResponse nodes = stub.getNodes(GetNodesRequest.getDefaultInstance());
    List<Namespace> namespaces = stub.getNamespaces(GetNamespacesRequest.getDefaultInstance()).getNamespacesList();

    assertThat(status.getMaxFlows()).isEqualTo(3 * 4095);
    assertThat(status.getNumFlows()).isEqualTo(3 * 4095);
    assertThat(status.getSeenFlows()).isGreaterThan(status.getNumFlows());
    assertThat(status.getNumConnectedNodes().getValue()).isEqualTo(3);
    assertThat(status.getNumUnavailableNodes().getValue()).isZero();
    assertThat(status.getUptimeNs()).isEqualTo(90 * SECOND);
    assertThat(status.getVersion()).isNotEmpty();
    assertThat(status.getFlowsRate()).isBetween(150.0, 250.0);
    assertThat(nodes.getNodesList()).extracting(Node::getName)
        .containsExactly("sim-node-1", "sim-node-2", "sim-node-3");
    assertThat(nodes.getNodesList()).allSatisfy(n -> {
      assertThat(n.getState()).isEqualTo(NodeState.NODE_CONNECTED);
      assertThat(n.getMaxFlows()).isEqualTo(4095);
      assertThat(n.getNumFlows()).isPositive();
    });
    assertThat(nodes.getNodesList().stream().mapToLong(Node::getNumFlows).sum()).isEqualTo(status.getNumFlows());
    assertThat(nodes.getNodesList().stream().mapToLong(Node::getSeenFlows).sum()).isEqualTo(status.getSeenFlows());
    assertThat(namespaces).extracting(Namespace::getNamespace)
        .contains("shop", "payments", "identity", "kube-system", "monitoring");
    assertThat(namespaces).extracting(Namespace::getCluster).containsOnly("default");
  }

  @Test
  void health_saysServing() {
    start(OPTIONS, SECOND);
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("observer.Observer").build()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void slowClient_skipsAhead_andIsToldHowManyEventsItLost() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS.withBufferPerNode(50), 5 * SECOND);
    Iterator<GetFlowsResponse> it = stub.getFlows(GetFlowsRequest.newBuilder().setFollow(true)
        .setSince(Timestamps.fromNanos(EPOCH)).build());
    assertThat(it.hasNext()).isTrue();

    server.advanceTo(EPOCH + 65 * SECOND);
    long lost = 0;
    long flows = 0;
    for (int i = 0; i < 20_000 && lost == 0; i++) {
      GetFlowsResponse r = it.next();
      if (r.hasLostEvents()) {
        assertThat(r.getLostEvents().getSource()).isEqualTo(LostEventSource.HUBBLE_RING_BUFFER);
        lost = r.getLostEvents().getNumEventsLost();
      } else {
        flows++;
      }
    }

    assertThat(lost).isPositive();
    assertThat(flows).isPositive();
    assertThat(take(it, 100)).as("the stream goes on after the loss").anyMatch(GetFlowsResponse::hasFlow);
  }

  @Test
  void simBytesOff_servesFlowsWithoutExtensions() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS.withBytes(false), 10 * SECOND);

    List<GetFlowsResponse> got = all(stub.getFlows(GetFlowsRequest.newBuilder().setNumber(500).build()));

    assertThat(got).hasSize(500).noneMatch(r -> r.getFlow().hasExtensions());
  }

  @Test
  void lostEventsOn_sendsNodeStatusAndLostEventsInline() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS.withRate(20).withLostEvents(true), 6 * MINUTE);
    long events = server.ring().written();

    List<GetFlowsResponse> got = take(stub.getFlows(GetFlowsRequest.newBuilder().setFollow(true)
        .setSince(Timestamps.fromNanos(EPOCH)).build()), (int) events + 1);

    assertThat(got.get(0).hasNodeStatus()).isTrue();
    assertThat(got.get(0).getNodeStatus().getStateChange()).isEqualTo(NodeState.NODE_CONNECTED);
    assertThat(got.get(0).getNodeStatus().getNodeNamesList()).hasSize(3);
    assertThat(got).anySatisfy(r -> {
      assertThat(r.getLostEvents().getSource()).isEqualTo(LostEventSource.PERF_EVENT_RING_BUFFER);
      assertThat(r.getLostEvents().getNumEventsLost()).isPositive();
    });
    assertThat(got).anySatisfy(r -> assertThat(r.getNodeStatus().getStateChange())
        .isEqualTo(NodeState.NODE_UNAVAILABLE));
    assertThat(got.stream().filter(GetFlowsResponse::hasFlow).count()).isGreaterThan(5_000);
  }

  @Test
  void scenarios_listPastAndCurrentInjections_andAFullRoundAhead() {
    start(OPTIONS, 10 * MINUTE);

    List<Scenario> scenarios = server.scenarios();

    assertThat(scenarios).extracting(Scenario::kind)
        .startsWith(Kind.TRAFFIC_SPIKE, Kind.TRAFFIC_DROP, Kind.UNUSUAL_PROTOCOL)
        .containsAll(List.of(Kind.values()));
    assertThat(scenarios.get(1).activeAt(MutableClock.START.plusSeconds(600))).isTrue();
    assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port());
  }

  @Test
  void close_completesFollowingStreams() {
    ObserverGrpc.ObserverBlockingStub stub = start(OPTIONS, 5 * SECOND);
    Iterator<GetFlowsResponse> it = stub.getFlows(GetFlowsRequest.newBuilder().setFollow(true).setNumber(3).build());
    assertThat(take(it, 3)).hasSize(3);

    server.close();

    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void start_servesWallClockFlows() {
    server = SimulatorServer.start(OPTIONS.withRate(1_000));
    channel = Grpc.newChannelBuilder(server.address(), InsecureChannelCredentials.create()).build();
    ObserverGrpc.ObserverBlockingStub stub = ObserverGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS);
    long before = System.currentTimeMillis() * 1_000_000L;

    List<GetFlowsResponse> got = take(stub.getFlows(GetFlowsRequest.newBuilder().setFollow(true).build()), 50);

    assertThat(got).hasSize(50);
    assertThat(Timestamps.toNanos(got.get(49).getTime())).isGreaterThan(before - SECOND);
  }
}
