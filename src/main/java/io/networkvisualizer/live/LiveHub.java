package io.networkvisualizer.live;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans flows out to WebSocket clients. The pipeline hands each flow over through a bounded inbox and returns at
 * once; a broadcaster thread takes the flows in batches (everything that waited), encodes each flow once for all
 * clients whose filter it matches (once per {@link FlowDetail} that some of them asked for), and queues the same
 * bytes on each, so that a client's share of a batch goes out in one write. With many clients the socket writes are
 * split among sender threads. {@link ClientConnection} keeps every client's queue bounded; a watchdog closes clients
 * that stay stuck.
 */
public final class LiveHub implements FlowConsumer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  /** Close code for a client that stopped reading (RFC 6455 1008: policy violation). */
  static final int CLOSE_TOO_SLOW = 1008;

  private record FlowClient(ClientConnection connection, FlowFilter filter, FlowDetail detail) {}

  private final LiveOptions options;
  /** Clients per sender thread below which splitting the fan-out costs more than it saves. */
  private static final int MIN_SHARD = 32;
  /** Clients from which the whole batch window applies: with a 20 ms window, 100 clients wait at most 2 ms. */
  static final int FULL_WINDOW_CLIENTS = 1000;
  /**
   * The shortest window, whatever the number of clients (unless the configured one is shorter): a lone client of a
   * busy cluster would otherwise get a socket write every couple of flows (at 100,000 flows/s, 50,000 writes a second,
   * which cost the hub more CPU in the kernel than all its JSON), for a latency gain of under a millisecond.
   */
  static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** Most flows fanned out at once; more wait for the next fan-out, right after. */
  private static final int MAX_BATCH = 1024;

  private final BiFunction<Flow, FlowDetail, byte[]> flowJson;
  private final BlockingQueue<Flow> inbox = new ArrayBlockingQueue<>(65_536);
  private final List<FlowClient> flowClients = new CopyOnWriteArrayList<>();
  private final Map<Session, ClientConnection> connections = new ConcurrentHashMap<>();
  private final AtomicLong inboxOverflow = new AtomicLong();
  private final AtomicLong closedTooSlow = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final LongAdder flowMessages = new LongAdder();
  private final LongAdder encodingFailures = new LongAdder();
  /** Messages every client lost, counted as they are dropped: a total that never steps back as clients leave. */
  private final LongAdder messagesLost = new LongAdder();
  private final Thread broadcaster;
  /** Threads that take a share of the clients in each fan-out beside the broadcaster; null with one sender. */
  private final ExecutorService senders;
  /** Broadcaster-thread state: the previous fan-out's one share, when it went to a sender thread. */
  private Future<?> previous;
  private final ScheduledExecutorService watchdog;
  private volatile boolean running = true;

  /**
   * @param flowJson writes a flow as the {@code /api/flows} item shape with the given detail, in UTF-8
   */
  public LiveHub(LiveOptions options, BiFunction<Flow, FlowDetail, byte[]> flowJson) {
    this.options = options;
    this.flowJson = flowJson;
    AtomicInteger senderNumber = new AtomicInteger();
    this.senders = options.senderThreads() == 1 ? null : Executors.newFixedThreadPool(options.senderThreads() - 1,
        r -> {
          Thread t = new Thread(r, "live-sender-" + senderNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.broadcaster = new Thread(this::broadcast, "live-broadcaster");
    this.broadcaster.setDaemon(true);
    this.broadcaster.start();
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "live-watchdog");
      t.setDaemon(true);
      return t;
    });
    this.watchdog.scheduleAtFixedRate(this::closeStuckClients, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void onFlow(Flow flow) {
    if (flowClients.isEmpty()) {
      return;
    }
    if (!inbox.offer(flow)) {
      inboxOverflow.incrementAndGet();
    }
  }

  /** Whether one more client may connect; the caller refuses the upgrade otherwise. */
  public boolean hasRoom() {
    boolean room = connections.size() < options.maxClients();
    if (!room) {
      refused.incrementAndGet();
    }
    return room;
  }

  public LiveOptions options() {
    return options;
  }

  public int maxClients() {
    return options.maxClients();
  }

  /**
   * Registers a {@code /ws/flows} client.
   *
   * @param query the upgrade request's query parameters: the filter ({@link FlowFilter}) and the detail
   *     ({@link FlowDetail})
   * @throws IllegalArgumentException for an invalid parameter, with what is allowed
   */
  public void subscribeFlows(Session session, Map<String, List<String>> query) {
    FlowFilter filter = FlowFilter.parse(query);
    FlowDetail detail = FlowDetail.parse(query);
    ClientConnection connection = register(session);
    flowClients.add(new FlowClient(connection, filter, detail));
  }

  /** Validates a {@code /ws/flows} query without subscribing; throws as {@link #subscribeFlows} does. */
  public static void checkFlowQuery(Map<String, List<String>> query) {
    FlowFilter.parse(query);
    FlowDetail.parse(query);
  }

  ClientConnection register(Session session) {
    session.setMaxTextMessageSize(4096);
    ClientConnection connection = new ClientConnection(session, options.queueSize(), this::sendFailed, messagesLost);
    connections.put(session, connection);
    return connection;
  }

  /** Forgets a client that closed. */
  public void unsubscribe(Session session) {
    ClientConnection connection = connections.remove(session);
    if (connection != null) {
      flowClients.removeIf(c -> c.connection() == connection);
    }
  }

  private void sendFailed(ClientConnection connection) {
    connection.close(1011, "send failed");
    unsubscribe(connection.session());
  }

  /**
   * Takes the flows in batches and fans each batch out, at most once per batch window: a flow after a quiet spell
   * goes out at once, and under steady traffic each client gets one socket write per window instead of one per flow.
   * The window grows with the clients: the configured one at {@link #FULL_WINDOW_CLIENTS} clients or more,
   * proportionally shorter below but never under {@link #MIN_WINDOW_NANOS}, so that a few clients get every flow
   * within a millisecond while a thousand cost a bounded number of socket writes a second (1,000 clients and a 20 ms
   * window: at most 50,000).
   */
  private void broadcast() {
    List<Flow> batch = new ArrayList<>(MAX_BATCH);
    long maxWindow = options.batchWindow().toNanos();
    long minWindow = Math.min(MIN_WINDOW_NANOS, maxWindow);
    long nextFanout = System.nanoTime();
    while (running) {
      try {
        Flow first = inbox.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        for (long wait; (wait = nextFanout - System.nanoTime()) > 0 && batch.size() < MAX_BATCH; ) {
          Flow next = inbox.poll(wait, TimeUnit.NANOSECONDS);
          if (next != null) {
            batch.add(next);
          }
        }
        inbox.drainTo(batch, MAX_BATCH - batch.size());
        nextFanout = System.nanoTime() + Math.max(minWindow,
            maxWindow * Math.min(flowClients.size(), FULL_WINDOW_CLIENTS) / FULL_WINDOW_CLIENTS);
        send(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("live broadcast failed for a batch; continuing", e);
        batch.clear();
      }
    }
  }

  /**
   * Queues every flow of the batch on each client whose filter matches, then lets each client send its share in one
   * write: when the hub falls behind, batches grow and the cost per message falls. The clients are split among the
   * sender threads (the broadcaster takes the first share itself), and the next batch waits for every share, so each
   * client gets its messages in order.
   *
   * <p>With few clients (one share) the stages overlap instead: the broadcaster encodes this batch while a sender
   * thread is still writing the previous one, then hands it over. A lone client of a busy cluster otherwise had one
   * thread encode every flow and write ~120 MB/s to its socket, and that one thread, short of a core, made the inbox
   * overflow; split in two stages, each needs half as much.
   */
  private void send(List<Flow> batch) throws InterruptedException {
    FlowClient[] clients = flowClients.toArray(FlowClient[]::new);
    EncodedBatch encoded = new EncodedBatch(batch.toArray(Flow[]::new), flowJson, this::encodingFailed);
    int shards = senders == null ? 1 : Math.min(options.senderThreads(), ceilDiv(clients.length, MIN_SHARD));
    if (senders != null && shards == 1) {
      encodeWanted(clients, encoded);
      awaitPrevious();
      previous = senders.submit(() -> sendShard(clients, 0, clients.length, encoded));
      return;
    }
    awaitPrevious();
    int perShard = ceilDiv(clients.length, Math.max(1, shards));
    List<Future<?>> others = new ArrayList<>(shards);
    try {
      for (int from = perShard; from < clients.length; from += perShard) {
        int start = from;
        int end = Math.min(clients.length, from + perShard);
        others.add(senders.submit(() -> sendShard(clients, start, end, encoded)));
      }
      sendShard(clients, 0, Math.min(clients.length, perShard), encoded);
    } finally {
      // whatever happened here, the next fan-out must not start while a share of this one is still queueing
      for (Future<?> other : others) {
        await(other);
      }
    }
  }

  /**
   * Encodes each flow of the batch in each detail that at least one client will get it in (none that no filter
   * wants).
   */
  private static void encodeWanted(FlowClient[] clients, EncodedBatch encoded) {
    for (int i = 0; i < encoded.size(); i++) {
      for (FlowClient client : clients) {
        if (client.filter().matches(encoded.flow(i))) {
          encoded.json(i, client.detail()); // a no-op when this detail is already encoded
        }
      }
    }
  }

  /** Waits for the share of the previous fan-out still being written (few clients), so that clients stay in order. */
  private void awaitPrevious() throws InterruptedException {
    if (previous != null) {
      await(previous);
      previous = null;
    }
  }

  private static void await(Future<?> share) throws InterruptedException {
    try {
      share.get();
    } catch (ExecutionException e) {
      log.warn("live fan-out failed for a share of the clients; continuing", e.getCause());
    }
  }

  private void encodingFailed(RuntimeException e) {
    encodingFailures.increment();
    long failures = encodingFailures.sum();
    if (failures == 1 || failures % 10_000 == 0) {
      log.warn("a flow could not be written as JSON and was not sent ({} so far)", failures, e);
    }
  }

  private void sendShard(FlowClient[] clients, int from, int to, EncodedBatch batch) {
    long queued = 0;
    for (int c = from; c < to; c++) {
      FlowClient client = clients[c];
      int mine = 0;
      for (int i = 0; i < batch.size(); i++) {
        if (client.filter().matches(batch.flow(i))) {
          byte[] json = batch.json(i, client.detail());
          if (json != null) {
            client.connection().enqueue(json);
            mine++;
          }
        }
      }
      if (mine > 0) {
        queued += mine;
        client.connection().flush();
      }
    }
    flowMessages.add(queued);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * A batch of flows with their JSON, encoded on first use (by whichever sender thread needs it first) and then
   * shared by every client: a flow costs one encoding per detail however many clients get it, and none if no filter
   * matches.
   */
  private static final class EncodedBatch {
    /** Stands for a flow that could not be written; compared by identity. */
    private static final byte[] UNWRITABLE = new byte[0];

    private final Flow[] flows;
    private final BiFunction<Flow, FlowDetail, byte[]> encoder;
    private final Consumer<RuntimeException> onFailure;
    /** Per detail (by ordinal), each flow's JSON: flows.length slots, or null until a client wants that detail. */
    private final AtomicReferenceArray<AtomicReferenceArray<byte[]>> json;
    /** 1 for a flow already counted as a failure, in whichever detail failed first. */
    private final AtomicIntegerArray failed;

    EncodedBatch(Flow[] flows, BiFunction<Flow, FlowDetail, byte[]> encoder, Consumer<RuntimeException> onFailure) {
      this.flows = flows;
      this.encoder = encoder;
      this.onFailure = onFailure;
      this.json = new AtomicReferenceArray<>(FlowDetail.values().length);
      this.failed = new AtomicIntegerArray(flows.length);
    }

    int size() {
      return flows.length;
    }

    Flow flow(int i) {
      return flows[i];
    }

    /**
     * The flow's JSON in that detail, or null when it cannot be written in it: not sent to the clients that want that
     * detail, and counted once per flow whatever the number of clients and details.
     */
    byte[] json(int i, FlowDetail detail) {
      AtomicReferenceArray<byte[]> encoded = encodedIn(detail);
      byte[] bytes = encoded.get(i);
      if (bytes == null) {
        byte[] made;
        try {
          made = encoder.apply(flows[i], detail);
        } catch (RuntimeException e) {
          made = UNWRITABLE;
          if (failed.compareAndSet(i, 0, 1)) {
            onFailure.accept(e);
          }
        }
        // two threads may encode the same flow at once: the first result stored wins, and both use it
        encoded.compareAndSet(i, null, made);
        bytes = encoded.get(i);
      }
      return bytes == UNWRITABLE ? null : bytes;
    }

    private AtomicReferenceArray<byte[]> encodedIn(FlowDetail detail) {
      AtomicReferenceArray<byte[]> encoded = json.get(detail.ordinal());
      if (encoded == null) {
        json.compareAndSet(detail.ordinal(), null, new AtomicReferenceArray<>(flows.length));
        encoded = json.get(detail.ordinal());
      }
      return encoded;
    }
  }

  private void closeStuckClients() {
    try {
      closeStuck();
    } catch (RuntimeException e) {
      // an exception would cancel the schedule for good: keep watching
      log.warn("checking for stuck WebSocket clients failed; trying again in a second", e);
    }
  }

  private void closeStuck() {
    long now = System.nanoTime();
    long stuckNanos = options.stuckAfter().toNanos();
    for (ClientConnection connection : connections.values()) {
      if (connection.isStuck(now, stuckNanos)) {
        closedTooSlow.incrementAndGet();
        log.info("closing a WebSocket client that stopped reading ({} messages lost)", connection.lost());
        connection.close(CLOSE_TOO_SLOW, "client too slow: stopped reading, " + connection.lost() + " messages lost");
        unsubscribe(connection.session());
      }
    }
  }

  /**
   * Counters for {@code /api/status} and {@code /metrics}; {@code messagesLost} counts since start, clients that
   * have gone included; {@code encodingFailures} are flows that could not be written as JSON (in the detail some
   * client asked for; each counted once) and did not go to those clients.
   */
  public record Stats(int clients, int maxClients, long messagesQueued, long messagesLost, long inboxOverflow,
      long closedTooSlow, long refused, long encodingFailures) {}

  public Stats stats() {
    return new Stats(connections.size(), options.maxClients(), flowMessages.sum(), messagesLost.sum(),
        inboxOverflow.get(), closedTooSlow.get(), refused.get(), encodingFailures.sum());
  }

  @Override
  public void close() {
    running = false;
    watchdog.shutdownNow();
    // Let the fan-out in progress finish rather than interrupt it: a socket write from an interrupted thread closes
    // the channel, and those clients would not get their close frame.
    try {
      broadcaster.join(2_000);
      if (broadcaster.isAlive()) {
        broadcaster.interrupt();
      }
      if (senders != null) {
        senders.shutdown();
        if (!senders.awaitTermination(1, TimeUnit.SECONDS)) {
          senders.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Tell every client the server is going away, and give the close frames a moment to leave before HTTP stops.
    CompletableFuture<?>[] closing = connections.values().stream()
        .map(c -> c.close(1001, "server shutting down"))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(closing).get(2, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.info("some WebSocket clients did not take their close frame in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.clear();
    flowClients.clear();
  }
}
