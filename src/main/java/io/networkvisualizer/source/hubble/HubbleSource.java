package io.networkvisualizer.source.hubble;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowConsumer;
import io.networkvisualizer.source.FlowSource;
import io.networkvisualizer.source.SourceCounters;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.SourceStatus.State;
import io.networkvisualizer.source.hubble.DecodedResponse.FlowMessage;
import io.networkvisualizer.source.hubble.DecodedResponse.Malformed;
import io.networkvisualizer.source.hubble.proto.flow.LostEvent;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import io.networkvisualizer.source.hubble.proto.relay.NodeStatusEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hubble Relay client: streams {@code observer.Observer/GetFlows} with {@code follow=true} and delivers each flow,
 * mapped to the product's {@link Flow}, to the consumer given to {@link #start}, in order, from one thread of its own.
 *
 * <p>On any failure (stream error, server closing the stream, Relay unavailable) it reconnects after a capped,
 * jittered exponential back-off and resumes with {@code since} = the latest flow time it delivered, skipping the
 * replayed flows it already delivered (see {@link ResumePoint}): a reconnect loses nothing still in Hubble's buffer
 * and counts nothing twice. {@code lost_events} and {@code node_status} responses are counted and logged (rate
 * limited), never delivered as flows. A configuration error that no retry can fix (an unreadable certificate or key)
 * ends in {@link State#FAILED}.
 *
 * <p>Threading: a plain {@link ClientCall} whose callbacks run on the source's own thread (the call's executor is a
 * queue that thread drains), so decoding (straight from the wire to {@link Flow}, see {@link FlowWireDecoder}) and
 * delivery happen on one thread, in order, with no hand-off between threads per flow. Flow control is explicit: messages are requested in batches of {@value #REQUEST_BATCH}
 * as they are consumed, so a slow consumer slows the stream (HTTP/2 flow control then pushes back on Relay) instead
 * of filling memory. Closing cancels the call from that same thread.
 */
public final class HubbleSource implements FlowSource {
  private static final Logger log = LoggerFactory.getLogger(HubbleSource.class);

  /** Largest response accepted; a Hubble flow is about 1 KB, Relay's own limit is far below this. */
  static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024 * 1024;
  /**
   * The stream's HTTP/2 receive window (gRPC's default is 1 MiB, ~850 flows). Flows the server may send ahead of
   * what this source has consumed: they wait here, bounded by the window, instead of in Hubble's ring, so a pause of
   * this process (a GC, another process taking the core) of ~120 ms at 100,000 flows/s does not make Hubble skip
   * flows it would otherwise have to hold.
   */
  static final int FLOW_CONTROL_WINDOW_BYTES = 16 * 1024 * 1024;
  /** Messages requested from the server at a time. */
  static final int REQUEST_BATCH = 512;
  /** Flows at one timestamp remembered for de-duplication after a resume. */
  static final int RESUME_CAPACITY = 1024;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final HubbleOptions options;
  private final SourceCounters counters;
  private final Backoff backoff;
  private final Clock clock;
  private final ResumePoint resume = new ResumePoint(RESUME_CAPACITY);
  private final MethodDescriptor<GetFlowsRequest, DecodedResponse> method;
  /** The call's executor and the worker's wake-up: every task runs on the worker thread. */
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LogLimiter lostLog = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);
  private final LogLimiter nodeLog = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);
  private final LogLimiter malformedLog = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);
  private final LogLimiter sinkLog = new LogLimiter(LOG_INTERVAL_NANOS, System::nanoTime);

  private volatile Thread worker;
  private volatile ManagedChannel channel;
  private volatile long otherResponses;
  // Worker-thread state.
  private FlowConsumer sink;
  private Attempt current;
  private Instant firstConnectedAt;

  public HubbleSource(HubbleOptions options) {
    this(options, new Backoff(options.reconnectInitial(), options.reconnectMax()), Clock.systemUTC());
  }

  HubbleSource(HubbleOptions options, Backoff backoff, Clock clock) {
    this.options = options;
    this.backoff = backoff;
    this.clock = clock;
    this.counters = new SourceCounters("hubble", options.target());
    this.method = ObserverGrpc.getGetFlowsMethod().toBuilder(
            ProtoUtils.marshaller(GetFlowsRequest.getDefaultInstance()),
            new WireMarshaller())
        .build();
  }

  @Override
  public void start(FlowConsumer sink) {
    if (sink == null) {
      throw new IllegalArgumentException("sink must not be null");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("HubbleSource already started");
    }
    this.sink = sink;
    Thread t = new Thread(this::run, "hubble-source");
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  @Override
  public SourceStatus status() {
    return counters.snapshot();
  }

  /** Responses that were neither a flow, {@code lost_events} nor {@code node_status} (a newer Hubble's kinds). */
  public long otherResponses() {
    return otherResponses;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      join();
      return;
    }
    tasks.add(this::cancelCurrent);
    if (worker == null) {
      changeState(State.STOPPED, "closed before it was started");
      return;
    }
    join();
  }

  private void join() {
    Thread t = worker;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(CLOSE_TIMEOUT.toMillis());
      if (t.isAlive()) {
        log.warn("Hubble source thread did not stop within {}; interrupting it", CLOSE_TIMEOUT);
        t.interrupt();
        t.join(CLOSE_TIMEOUT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ManagedChannel c = channel;
      if (c != null) {
        c.shutdownNow();
      }
    }
  }

  // ---------------------------------------------------------------- worker thread

  private void run() {
    try {
      channel = buildChannel();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      changeState(State.FAILED, "cannot set up the connection to " + options.target() + ": " + message(e));
      return;
    }
    try {
      boolean firstAttempt = true;
      while (!closed.get()) {
        if (!firstAttempt) {
          counters.reconnects.incrementAndGet();
          channel.resetConnectBackoff();
        }
        firstAttempt = false;
        Attempt attempt = stream();
        if (closed.get()) {
          break;
        }
        if (attempt.healthy(options.reconnectMax())) {
          backoff.reset();
        }
        Duration wait = backoff.next();
        changeState(State.BACKING_OFF, describe(attempt.status) + "; retry in " + format(wait));
        if (waitUnlessClosed(wait)) {
          break;
        }
      }
      changeState(State.STOPPED, "closed");
    } catch (InterruptedException e) {
      changeState(State.STOPPED, "interrupted");
    } catch (RuntimeException | Error e) {
      changeState(State.FAILED, "unexpected error: " + message(e));
      log.error("Hubble source stopped by an unexpected error", e);
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private ManagedChannel buildChannel() throws IOException, GeneralSecurityException {
    ChannelCredentials credentials;
    if (options.tls()) {
      TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
      if (options.caCertFile() != null) {
        checkCertificates(options.caCertFile(), "hubbleTlsCaCertFile");
        tls.trustManager(options.caCertFile().toFile());
      }
      if (options.clientCertFile() != null) {
        checkCertificates(options.clientCertFile(), "hubbleTlsClientCertFile");
        checkPrivateKey(options.clientKeyFile());
        tls.keyManager(options.clientCertFile().toFile(), options.clientKeyFile().toFile());
      }
      credentials = tls.build();
    } else {
      credentials = InsecureChannelCredentials.create();
    }
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(options.address(), credentials)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .initialFlowControlWindow(FLOW_CONTROL_WINDOW_BYTES) // keeps gRPC's automatic window sizing on
        // Detects a dead peer on a quiet stream; gRPC-Go servers refuse pings more often than every 5 minutes.
        .keepAliveTime(6, TimeUnit.MINUTES)
        .keepAliveTimeout(20, TimeUnit.SECONDS)
        .userAgent("network-visualizer");
    if (options.hasServerName()) {
      builder.overrideAuthority(options.serverName());
    }
    return builder.build();
  }

  /** Opens one stream and runs its callbacks until it ends; returns how it ended. */
  private Attempt stream() throws InterruptedException {
    resume.resume();
    GetFlowsRequest request = request();
    changeState(State.CONNECTING, "connecting to " + options.target()
        + (request.hasSince() ? ", resuming from " + instant(request.getSince()) : ""));
    ClientCall<GetFlowsRequest, DecodedResponse> call =
        channel.newCall(method, CallOptions.DEFAULT.withExecutor(tasks::add));
    Attempt attempt = new Attempt(call, request);
    current = attempt;
    call.start(new Listener(attempt), new Metadata());
    call.sendMessage(request);
    call.halfClose();
    call.request(REQUEST_BATCH);
    watchChannel(attempt);
    if (closed.get()) {
      cancelCurrent();
    }
    while (attempt.status == null) {
      tasks.take().run();
    }
    current = null;
    return attempt;
  }

  private GetFlowsRequest request() {
    GetFlowsRequest.Builder request = GetFlowsRequest.newBuilder()
        .setFollow(true)
        .addAllWhitelist(options.whitelist())
        .addAllBlacklist(options.blacklist());
    if (resume.hasDelivered()) {
      request.setSince(resume.since());
    } else if (firstConnectedAt != null) {
      // Nothing delivered yet, but flows may have happened while the stream was down: ask from the first connect.
      request.setSince(com.google.protobuf.Timestamp.newBuilder()
          .setSeconds(firstConnectedAt.getEpochSecond()).setNanos(firstConnectedAt.getNano()));
    }
    return request.build();
  }

  /**
   * Marks the stream as streaming once the channel is connected: a server sends no headers before its first
   * message, and a quiet Hubble may send none for a long time.
   */
  private void watchChannel(Attempt attempt) {
    if (attempt.status != null || attempt != current) {
      return;
    }
    ConnectivityState state = channel.getState(false);
    if (state == ConnectivityState.READY) {
      streaming(attempt);
      return;
    }
    channel.notifyWhenStateChanged(state, () -> tasks.add(() -> watchChannel(attempt)));
  }

  private void streaming(Attempt attempt) {
    if (attempt.streaming || attempt.status != null) {
      return;
    }
    attempt.streaming = true;
    attempt.streamingSinceNanos = System.nanoTime();
    if (firstConnectedAt == null) {
      firstConnectedAt = clock.instant();
    }
    changeState(State.STREAMING, "connected to " + options.target()
        + (attempt.request.hasSince() ? ", resumed from " + instant(attempt.request.getSince()) : ""));
  }

  private void cancelCurrent() {
    Attempt attempt = current;
    if (attempt != null && attempt.status == null) {
      attempt.call.cancel("network-visualizer is closing the Hubble source", null);
    }
  }

  /** Waits {@code wait}, running any task that arrives; true when the source was closed meanwhile. */
  private boolean waitUnlessClosed(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!closed.get()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Runnable task = tasks.poll(left, TimeUnit.NANOSECONDS);
      if (task != null) {
        task.run();
      }
    }
    return true;
  }

  private void onResponse(Attempt attempt, DecodedResponse decoded) {
    if (closed.get()) {
      return; // the call is being cancelled: deliver nothing more
    }
    attempt.responses++;
    if (!attempt.streaming) {
      streaming(attempt);
    }
    if (decoded instanceof FlowMessage message) {
      onFlow(message.flow(), message.resumeKey());
      return;
    }
    if (decoded instanceof Malformed bad) {
      malformed(bad.what(), bad.cause());
      return;
    }
    GetFlowsResponse response = ((DecodedResponse.Other) decoded).response();
    switch (response.getResponseTypesCase()) {
      case LOST_EVENTS -> onLostEvents(response.getLostEvents(), response.getNodeName());
      case NODE_STATUS -> onNodeStatus(response.getNodeStatus());
      default -> otherResponses++;
    }
  }

  private void onFlow(Flow flow, Object resumeKey) {
    if (resume.decide(flow.timeNanos(), resumeKey) == ResumePoint.Decision.DUPLICATE) {
      counters.duplicatesSkipped.incrementAndGet();
      return;
    }
    resume.delivered(flow.timeNanos(), resumeKey);
    counters.flowsReceived.incrementAndGet();
    if (flow.bytesMeasured()) {
      counters.sawMeasuredBytes();
    }
    try {
      sink.onFlow(flow);
    } catch (RuntimeException e) {
      if (sinkLog.tryAcquire()) {
        log.warn("the flow consumer failed ({} more failures not logged)", sinkLog.takeSuppressed(), e);
      }
    }
  }

  private void onLostEvents(LostEvent lost, String node) {
    counters.lostEvents.addAndGet(lost.getNumEventsLost());
    if (lostLog.tryAcquire()) {
      log.warn("Hubble lost {} flows ({} on node '{}'); {} lost in total ({} more such reports not logged)",
          lost.getNumEventsLost(), lost.getSource(), node, counters.lostEvents.get(), lostLog.takeSuppressed());
    }
  }

  private void onNodeStatus(NodeStatusEvent status) {
    counters.nodeStatusEvents.incrementAndGet();
    if (nodeLog.tryAcquire()) {
      log.info("Hubble Relay node status: {} {}{} ({} more not logged)", status.getStateChange(),
          status.getNodeNamesList(), status.getMessage().isEmpty() ? "" : ": " + status.getMessage(),
          nodeLog.takeSuppressed());
    }
  }

  private void malformed(String what, Exception e) {
    counters.malformed.incrementAndGet();
    if (malformedLog.tryAcquire()) {
      log.warn("skipped {} from Hubble: {} ({} more not logged)", what, e == null ? "undecodable" : message(e),
          malformedLog.takeSuppressed());
    }
  }

  private void changeState(State state, String detail) {
    counters.state(state, detail);
    if (state == State.FAILED) {
      log.error("Hubble source {}: {}", state, detail);
    } else {
      log.info("Hubble source {}: {}", state, detail);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** What a failed stream's status means to a person: code, description, and the TLS problem when there is one. */
  static String describe(Status status) {
    if (status.getCode() == Status.Code.OK) {
      return "the server ended the stream";
    }
    StringBuilder text = new StringBuilder(status.getCode().name());
    String tls = tlsProblem(status.getCause());
    if (tls != null) {
      text.append(": ").append(tls);
    } else {
      if (status.getDescription() != null) {
        text.append(": ").append(status.getDescription());
      }
      Throwable root = rootCause(status.getCause());
      if (root != null && root.getMessage() != null
          && (status.getDescription() == null || !status.getDescription().contains(root.getMessage()))) {
        text.append(" (").append(root.getMessage()).append(')');
      }
    }
    return text.toString();
  }

  private static String tlsProblem(Throwable cause) {
    boolean ssl = false;
    boolean certificate = false;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      ssl |= t instanceof SSLException;
      certificate |= t instanceof CertificateException || t instanceof CertPathBuilderException
          || t instanceof CertPathValidatorException;
    }
    if (!ssl && !certificate) {
      return null;
    }
    String root = message(rootCause(cause));
    String lower = root.toLowerCase(Locale.ROOT);
    if (certificate || lower.contains("pkix") || lower.contains("unable to find valid certification path")) {
      return "TLS handshake failed: server certificate verification failed (check hubbleTlsCaCertFile and "
          + "hubbleTlsServerName): " + root;
    }
    if (lower.contains("certificate_required") || lower.contains("bad_certificate")
        || lower.contains("unknown_ca") || lower.contains("certificate_unknown")) {
      return "TLS handshake failed: the server rejected the client certificate (check hubbleTlsClientCertFile and "
          + "hubbleTlsClientKeyFile): " + root;
    }
    if (lower.contains("not an ssl/tls record")) {
      return "TLS handshake failed: the server does not speak TLS (use a plain host:port address): " + root;
    }
    return "TLS handshake failed: " + root;
  }

  private static Throwable rootCause(Throwable t) {
    if (t == null) {
      return null;
    }
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String message(Throwable t) {
    if (t == null) {
      return "";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static void checkCertificates(Path file, String setting) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new CertificateException(setting + " " + file + " holds no PEM certificate");
      }
    } catch (IOException e) {
      throw new IOException(setting + " " + file + " cannot be read: " + message(e), e);
    } catch (CertificateException e) {
      throw new CertificateException(setting + " " + file + " is not a PEM certificate: " + message(e), e);
    }
  }

  private static void checkPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException e) {
      throw new IOException("hubbleTlsClientKeyFile " + file + " cannot be read: " + message(e), e);
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("hubbleTlsClientKeyFile " + file
          + " is not a PEM PKCS#8 private key (BEGIN PRIVATE KEY); convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        KeyFactory.getInstance(algorithm).generatePrivate(spec);
        return;
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("hubbleTlsClientKeyFile " + file + " holds no RSA, EC or Ed25519 PKCS#8 key");
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static String format(Duration d) {
    long millis = d.toMillis();
    return millis < 1000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  /** One stream, from start to close. Touched only on the worker thread. */
  private static final class Attempt {
    final ClientCall<GetFlowsRequest, DecodedResponse> call;
    final GetFlowsRequest request;
    long responses;
    int consumedSinceRequest;
    boolean streaming;
    long streamingSinceNanos;
    Status status;

    Attempt(ClientCall<GetFlowsRequest, DecodedResponse> call, GetFlowsRequest request) {
      this.call = call;
      this.request = request;
    }

    /**
     * A stream that delivered something, or stayed connected for {@code minConnected}, was healthy: the next failure
     * starts the back-off from the beginning.
     */
    boolean healthy(Duration minConnected) {
      return responses > 0
          || (streaming && System.nanoTime() - streamingSinceNanos >= minConnected.toNanos());
    }
  }

  /** The call's callbacks; they run on the worker thread because the call's executor is the worker's queue. */
  private final class Listener extends ClientCall.Listener<DecodedResponse> {
    private final Attempt attempt;

    Listener(Attempt attempt) {
      this.attempt = attempt;
    }

    @Override
    public void onHeaders(Metadata headers) {
      streaming(attempt);
    }

    @Override
    public void onMessage(DecodedResponse message) {
      onResponse(attempt, message);
      if (++attempt.consumedSinceRequest >= REQUEST_BATCH / 2) {
        attempt.call.request(attempt.consumedSinceRequest);
        attempt.consumedSinceRequest = 0;
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      attempt.status = status;
    }
  }

  /**
   * Decodes responses with a {@link FlowWireDecoder}, on the thread that consumes them (gRPC parses a message in the
   * call's executor, the worker's queue), and hands back {@link Malformed} for bytes that are not a valid
   * {@code GetFlowsResponse} instead of failing the stream: one bad message is counted and skipped, it does not make
   * every resume fail on the same replayed message. Reads each message into one reused buffer.
   */
  private static final class WireMarshaller implements MethodDescriptor.Marshaller<DecodedResponse> {
    private static final int BUFFER_BYTES = 64 * 1024;
    private final FlowWireDecoder decoder = new FlowWireDecoder();
    private byte[] buffer = new byte[BUFFER_BYTES];

    @Override
    public InputStream stream(DecodedResponse value) {
      throw new UnsupportedOperationException("a GetFlows client never sends a response");
    }

    @Override
    public DecodedResponse parse(InputStream stream) {
      try {
        return decoder.decode(buffer, 0, read(stream));
      } catch (IOException | RuntimeException e) {
        return new Malformed(FlowWireDecoder.NOT_A_RESPONSE, e);
      } finally {
        if (buffer.length > BUFFER_BYTES) {
          buffer = new byte[BUFFER_BYTES]; // a rare large message does not pin its buffer
        }
      }
    }

    /** Reads the whole message into {@link #buffer}, growing it as needed; returns its length. */
    private int read(InputStream stream) throws IOException {
      if (stream instanceof KnownLength && stream.available() > buffer.length) {
        buffer = new byte[stream.available()];
      }
      int length = 0;
      while (true) {
        if (length == buffer.length) {
          if (length > MAX_INBOUND_MESSAGE_BYTES) {
            throw new IOException("a message larger than " + MAX_INBOUND_MESSAGE_BYTES + " bytes");
          }
          buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_INBOUND_MESSAGE_BYTES + 1));
        }
        int n = stream.read(buffer, length, buffer.length - length);
        if (n < 0) {
          return length;
        }
        length += n;
      }
    }
  }
}
