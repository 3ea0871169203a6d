package io.networkvisualizer.source.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int32Value;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.LostEvent;
import io.networkvisualizer.source.hubble.proto.flow.LostEventSource;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.observer.GetNamespacesRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetNamespacesResponse;
import io.networkvisualizer.source.hubble.proto.observer.GetNodesRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetNodesResponse;
import io.networkvisualizer.source.hubble.proto.observer.Namespace;
import io.networkvisualizer.source.hubble.proto.observer.Node;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import io.networkvisualizer.source.hubble.proto.observer.ServerStatusRequest;
import io.networkvisualizer.source.hubble.proto.observer.ServerStatusResponse;
import io.networkvisualizer.source.hubble.proto.observer.TLS;
import io.networkvisualizer.source.hubble.proto.relay.NodeState;
import io.networkvisualizer.source.hubble.proto.relay.NodeStatusEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster as a Hubble server: a gRPC server on its own port that implements {@code observer.Observer}
 * (and the standard health service), fed by a {@link TrafficGenerator} paced against the wall clock so that flow
 * times are wall times. Recent flows wait in a ring buffer sized like Hubble's (4095 per node), so {@code since}
 * replays them; the real {@code hubble observe --server 127.0.0.1:PORT} can read it.
 */
public final class SimulatorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
  private static final String VERSION = "1.16.5+network-visualizer-simulator";
  private static final long TICK_NANOS = 5_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private final SimulatorOptions options;
  private final TrafficGenerator generator;
  private final FlowRing ring;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService streamExecutor;
  private final Set<FlowStream> followers = ConcurrentHashMap.newKeySet();
  private final List<String> nodeNames;
  /** The nodes' names as the generator's flows carry them (the same instances), by node number. */
  private final ByteString[] nodeNameBytes;
  private final long[] nodeSeen;
  private final int[] nodeHeld;
  private final SplittableRandom random;
  private final long epoch;
  private final long wallBase;
  private final long monoBase;
  private final Thread pacer;
  private final int port;
  private volatile boolean closed;
  private volatile long now;
  private volatile long seenFlows;
  private long nextLostEvent;
  private long nextOutage;
  private volatile int unavailableNode = -1;
  private long outageEnds;
  private long lastSlowWarning;

  private SimulatorServer(SimulatorOptions options, long epochNanos, boolean paced) {
    this.options = options;
    this.epoch = epochNanos;
    this.now = epochNanos;
    this.generator = new TrafficGenerator(options, epochNanos);
    this.nodeNames = generator.nodeNames();
    this.nodeNameBytes = generator.nodeNameBytes().toArray(new ByteString[0]);
    this.nodeSeen = new long[nodeNames.size()];
    this.nodeHeld = new int[nodeNames.size()];
    this.ring = new FlowRing(options.bufferPerNode() * nodeNames.size());
    this.random = new SplittableRandom(FlowFactory.mix64(options.seed() ^ 0x51ED270B27C7E5E5L));
    this.nextLostEvent = epochNanos + (20 + random.nextInt(40)) * SECOND;
    this.nextOutage = epochNanos + (150 + random.nextInt(120)) * SECOND;
    AtomicInteger threads = new AtomicInteger();
    this.streamExecutor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "sim-stream-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(ObserverGrpc.SERVICE_NAME, ServingStatus.SERVING);
    try {
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress(options.listenHost(), options.listenPort()))
          .addService(observerService())
          .addService(health.getHealthService())
          .addService(ProtoReflectionServiceV1.newInstance())
          .permitKeepAliveTime(5, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .build()
          .start();
      this.port = server.getPort();
    } catch (IOException e) {
      streamExecutor.shutdownNow();
      throw new UncheckedIOException("simulated Hubble server cannot listen on " + options.listenHost() + ":"
          + options.listenPort() + ": " + e.getMessage(), e);
    }
    // The wall clock and the monotonic clock are read together, here: read apart (the epoch is taken before this
    // object's fields and classes load), every flow would carry a time that much in the past, which showed as ~9 ms
    // of latency before the first byte was sent.
    Instant wall = Instant.now();
    this.monoBase = System.nanoTime();
    this.wallBase = Math.max(epochNanos, wall.getEpochSecond() * SECOND + wall.getNano());
    if (paced) {
      pacer = new Thread(this::pace, "sim-pacer");
      pacer.setDaemon(true);
      pacer.start();
    } else {
      pacer = null;
    }
    log.info("simulated Hubble server on {} ({} flows/s, seed {}, anomalies {}, measured bytes {}); "
        + "try: hubble observe --server {} -f", address(), options.rate(), options.seed(),
        options.anomalies() ? "on" : "off", options.bytes() ? "on" : "off", address());
  }

  /** Starts the simulated cluster and its gRPC server; flows begin now, in wall-clock time. */
  public static SimulatorServer start(SimulatorOptions options) {
    Instant t = Instant.now();
    return new SimulatorServer(options, t.getEpochSecond() * SECOND + t.getNano(), true);
  }

  /** For tests: a server whose time moves only through {@link #advanceTo}, starting at {@code epochNanos}. */
  static SimulatorServer startManual(SimulatorOptions options, long epochNanos) {
    return new SimulatorServer(options, epochNanos, false);
  }

  /** The port the gRPC server listens on. */
  public int port() {
    return port;
  }

  /** {@code host:port} to give a Hubble client, e.g. {@code 127.0.0.1:43121}. */
  public String address() {
    String host = options.listenHost();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return host + ":" + port();
  }

  /**
   * The injected anomalies so far, the one under way and those scheduled for the next full round of the eight kinds,
   * oldest first (at most the last 200); empty when anomalies are off.
   */
  public List<Scenario> scenarios() {
    long t = now;
    long nextRound = options.anomalyStart().toNanos() + 8 * options.anomalyGap().toNanos();
    List<Scenario> all = generator.scenarios(epoch, t + nextRound);
    return all.size() <= 200 ? all : List.copyOf(all.subList(all.size() - 200, all.size()));
  }

  /** The simulated cluster's time zero (when it started). */
  public Instant startedAt() {
    return Timeline.instant(epoch);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.enterTerminalState();
    if (pacer != null) {
      pacer.interrupt();
    }
    for (FlowStream s : followers) {
      s.close();
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(2, TimeUnit.SECONDS);
      }
      if (pacer != null) {
        pacer.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    streamExecutor.shutdownNow();
    log.info("simulated Hubble server on port {} stopped after {} flows", port(), seenFlows);
  }

  // ------------------------------------------------------------------ pacing

  private void pace() {
    while (!closed) {
      long target = wallBase + (System.nanoTime() - monoBase);
      long covered = target - now;
      long began = System.nanoTime();
      try {
        advanceTo(target);
      } catch (RuntimeException e) {
        log.error("simulated cluster failed to generate flows; stopping it", e);
        return;
      }
      long took = System.nanoTime() - began;
      if (took > SECOND && began - lastSlowWarning > 60 * SECOND) {
        lastSlowWarning = began;
        log.warn("simulated cluster cannot keep up with {} flows/s: generating {} ms of flows took {} ms",
            options.rate(), covered / 1_000_000, took / 1_000_000);
      }
      LockSupport.parkNanos(TICK_NANOS);
    }
  }

  /** Generates every flow up to {@code nanos} into the ring and wakes the following streams. */
  synchronized void advanceTo(long nanos) {
    long from = generator.cursorNanos();
    if (nanos <= from) {
      return;
    }
    while (options.lostEvents() && Math.min(nextLostEvent, nextOutageEvent()) < nanos) {
      long at = Math.min(nextLostEvent, nextOutageEvent());
      generator.generate(generator.cursorNanos(), Math.max(at, generator.cursorNanos()), this::append);
      if (at == nextLostEvent) {
        appendLostEvent(at);
      } else {
        appendOutageEvent(at);
      }
    }
    generator.generate(generator.cursorNanos(), nanos, this::append);
    now = nanos;
    for (FlowStream s : followers) {
      s.signal();
    }
  }

  private long nextOutageEvent() {
    return unavailableNode >= 0 ? outageEnds : nextOutage;
  }

  /**
   * Appends a flow of node number {@code node} (whose name the flow carries) at its time; the flow itself is not read
   * here, so that the pacer does not fetch it back into its cache.
   */
  private void append(long timeNanos, int node, Flow flow) {
    if (node == unavailableNode) {
      return;
    }
    forget(ring.appendFlow(timeNanos, flow, nodeNameBytes[node], node));
    nodeSeen[node]++;
    nodeHeld[node]++;
    seenFlows++;
  }

  /** Takes an event pushed out of the ring off its node's count; {@code node} is its node number, or -1. */
  private void forget(int node) {
    if (node >= 0) {
      nodeHeld[node]--;
    }
  }

  /** A node's perf ring overflowed: Hubble reports the loss inline. */
  private void appendLostEvent(long at) {
    String node = nodeNames.get(random.nextInt(nodeNames.size()));
    long lost = 1 + random.nextInt(250);
    GetFlowsResponse response = GetFlowsResponse.newBuilder()
        .setLostEvents(LostEvent.newBuilder()
            .setSource(LostEventSource.PERF_EVENT_RING_BUFFER)
            .setNumEventsLost(lost)
            .setCpu(Int32Value.of(random.nextInt(2))))
        .setNodeName(node)
        .setTime(Timestamps.fromNanos(at))
        .build();
    forget(ring.append(at, response));
    nextLostEvent = at + (20 + random.nextInt(70)) * SECOND;
  }

  /** Relay lost a node for a few seconds, then got it back; the node's flows of that time are gone. */
  private void appendOutageEvent(long at) {
    NodeStatusEvent.Builder event = NodeStatusEvent.newBuilder();
    if (unavailableNode < 0) {
      unavailableNode = 1 + random.nextInt(nodeNames.size() - 1);
      outageEnds = at + (5 + random.nextInt(10)) * SECOND;
      event.setStateChange(NodeState.NODE_UNAVAILABLE).addNodeNames(nodeNames.get(unavailableNode))
          .setMessage("connection to " + nodeNames.get(unavailableNode) + " lost (simulated)");
    } else {
      event.setStateChange(NodeState.NODE_CONNECTED).addNodeNames(nodeNames.get(unavailableNode))
          .setMessage("connected to " + nodeNames.get(unavailableNode) + " again (simulated)");
      unavailableNode = -1;
      nextOutage = at + (240 + random.nextInt(240)) * SECOND;
    }
    GetFlowsResponse response = GetFlowsResponse.newBuilder()
        .setNodeStatus(event)
        .setTime(Timestamps.fromNanos(at))
        .build();
    forget(ring.append(at, response));
  }

  /** For tests: the ring behind the server. */
  FlowRing ring() {
    return ring;
  }

  /** For tests: the generator behind the server. */
  TrafficGenerator generator() {
    return generator;
  }

  // ------------------------------------------------------------------ the Observer service

  /**
   * The {@code observer.Observer} service: the generated binding, except that {@code GetFlows} answers with a
   * marshaller that also takes responses already in wire form, so that a flow is encoded once, not once per client.
   */
  private ServerServiceDefinition observerService() {
    ServerServiceDefinition generated = new Observer().bindService();
    MethodDescriptor<GetFlowsRequest, Object> getFlows = ObserverGrpc.getGetFlowsMethod().toBuilder(
        ProtoUtils.marshaller(GetFlowsRequest.getDefaultInstance()), new ResponseMarshaller()).build();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(ObserverGrpc.SERVICE_NAME)
        .setSchemaDescriptor(ObserverGrpc.getServiceDescriptor().getSchemaDescriptor())
        .addMethod(getFlows);
    List<ServerMethodDefinition<?, ?>> others = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
      if (!method.getMethodDescriptor().getFullMethodName().equals(getFlows.getFullMethodName())) {
        descriptor.addMethod(method.getMethodDescriptor());
        others.add(method);
      }
    }
    ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(descriptor.build())
        .addMethod(getFlows, ServerCalls.asyncServerStreamingCall(this::getFlows));
    for (ServerMethodDefinition<?, ?> method : others) {
      service.addMethod(method);
    }
    return service.build();
  }

  /** Writes a {@code GetFlowsResponse}, or the bytes of one already encoded, as they are. */
  private static final class ResponseMarshaller implements MethodDescriptor.Marshaller<Object> {
    private static final MethodDescriptor.Marshaller<GetFlowsResponse> PROTO =
        ProtoUtils.marshaller(GetFlowsResponse.getDefaultInstance());

    @Override
    public InputStream stream(Object value) {
      return value instanceof byte[] bytes ? new WireBytes(bytes) : PROTO.stream((GetFlowsResponse) value);
    }

    @Override
    public Object parse(InputStream stream) {
      return PROTO.parse(stream);
    }
  }

  /** Encoded bytes that gRPC can size and copy out in one go. */
  private static final class WireBytes extends ByteArrayInputStream implements KnownLength, Drainable {
    WireBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }

  private void getFlows(GetFlowsRequest request, StreamObserver<Object> responses) {
    if (request.getFirst() && request.getFollow()) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("first cannot be specified with follow")
          .asRuntimeException());
      return;
    }
    if ((request.hasSince() && !Timestamps.isValid(request.getSince()))
        || (request.hasUntil() && !Timestamps.isValid(request.getUntil()))) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("since and until must be valid timestamps")
          .asRuntimeException());
      return;
    }
    if (request.hasFieldMask() && request.getFieldMask().getPathsCount() > 0
        && !FieldMaskUtil.isValid(Flow.class, request.getFieldMask())) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("invalid field mask "
          + request.getFieldMask().getPathsList()).asRuntimeException());
      return;
    }
    Predicate<Flow> filter;
    try {
      filter = FlowFilters.compile(request.getWhitelistList(), request.getBlacklistList());
    } catch (IllegalArgumentException e) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    if (closed) {
      responses.onError(Status.UNAVAILABLE.withDescription("simulated cluster is stopping").asRuntimeException());
      return;
    }
    List<GetFlowsResponse> preamble = new ArrayList<>();
    if (request.getFollow() && options.lostEvents()) {
      preamble.add(GetFlowsResponse.newBuilder()
          .setNodeStatus(NodeStatusEvent.newBuilder()
              .setStateChange(NodeState.NODE_CONNECTED)
              .addAllNodeNames(availableNodes()))
          .setTime(Timestamps.fromNanos(now))
          .build());
    }
    ServerCallStreamObserver<Object> out = (ServerCallStreamObserver<Object>) responses;
    FlowStream[] self = new FlowStream[1];
    FlowStream stream = new FlowStream(ring, out, request, filter, streamExecutor, () -> now, preamble,
        () -> followers.remove(self[0]));
    self[0] = stream;
    if (stream.follows()) {
      followers.add(stream);
    }
    stream.open();
  }

  private final class Observer extends ObserverGrpc.ObserverImplBase {
    @Override
    public void serverStatus(ServerStatusRequest request, StreamObserver<ServerStatusResponse> responses) {
      List<String> unavailable = new ArrayList<>(nodeNames);
      unavailable.removeAll(availableNodes());
      responses.onNext(ServerStatusResponse.newBuilder()
          .setNumFlows(ring.size())
          .setMaxFlows(ring.capacity())
          .setSeenFlows(seenFlows)
          .setUptimeNs(Math.max(0, now - epoch))
          .setNumConnectedNodes(UInt32Value.of(nodeNames.size() - unavailable.size()))
          .setNumUnavailableNodes(UInt32Value.of(unavailable.size()))
          .addAllUnavailableNodes(unavailable)
          .setVersion(VERSION)
          .setFlowsRate(flowsRate())
          .build());
      responses.onCompleted();
    }

    @Override
    public void getNodes(GetNodesRequest request, StreamObserver<GetNodesResponse> responses) {
      GetNodesResponse.Builder nodes = GetNodesResponse.newBuilder();
      List<String> available = availableNodes();
      for (int i = 0; i < nodeNames.size(); i++) {
        String name = nodeNames.get(i);
        nodes.addNodes(Node.newBuilder()
            .setName(name)
            .setVersion(VERSION)
            .setAddress("172.18.0." + (i + 2) + ":4244")
            .setState(available.contains(name) ? NodeState.NODE_CONNECTED : NodeState.NODE_UNAVAILABLE)
            .setTls(TLS.newBuilder().setEnabled(false))
            .setUptimeNs(Math.max(0, now - epoch))
            .setNumFlows(Math.max(0, nodeHeld[i]))
            .setMaxFlows(options.bufferPerNode())
            .setSeenFlows(nodeSeen[i]));
      }
      responses.onNext(nodes.build());
      responses.onCompleted();
    }

    @Override
    public void getNamespaces(GetNamespacesRequest request, StreamObserver<GetNamespacesResponse> responses) {
      GetNamespacesResponse.Builder namespaces = GetNamespacesResponse.newBuilder();
      for (String ns : generator.namespaces()) {
        namespaces.addNamespaces(Namespace.newBuilder().setCluster(generator.clusterName()).setNamespace(ns));
      }
      responses.onNext(namespaces.build());
      responses.onCompleted();
    }
  }

  private List<String> availableNodes() {
    int down = unavailableNode;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodeNames.size(); i++) {
      if (i != down) {
        out.add(nodeNames.get(i));
      }
    }
    return out;
  }

  /** Flows per second over the last minute, or over what the ring holds when that is less, as Hubble computes it. */
  private double flowsRate() {
    long t = now;
    long since = Math.max(epoch, t - 60 * SECOND);
    long count = 0;
    long oldestSeen = t;
    long written = ring.written();
    for (long s = written - 1; s >= ring.oldest(); s--) {
      FlowRing.Entry e = ring.get(s);
      if (e == null || e == FlowRing.LAPPED) {
        break;
      }
      if (e.flow() == null) {
        continue;
      }
      if (e.timeNanos() < since) {
        oldestSeen = since;
        break;
      }
      oldestSeen = e.timeNanos();
      count++;
    }
    if (written > ring.capacity() && oldestSeen > since) {
      since = oldestSeen;
    }
    double seconds = (t - since) / (double) SECOND;
    return seconds <= 0 ? 0 : count / seconds;
  }
}
