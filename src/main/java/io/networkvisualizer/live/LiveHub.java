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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans flows out to WebSocket clients. The pipeline hands each flow over through a bounded inbox and returns at
 * once; a broadcaster thread serializes each flow once, for all clients whose filter it matches, and queues the same
 * text on each (a batch of flows at a time, so that a client's share of a batch goes out in one write) ({@link ClientConnection} keeps every client's queue bounded). A watchdog closes clients that stay
 * stuck.
 */
public final class LiveHub implements FlowConsumer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  /** Close code for a client that stopped reading (RFC 6455 1008: policy violation). */
  static final int CLOSE_TOO_SLOW = 1008;

  private record FlowClient(ClientConnection connection, FlowFilter filter) {}

  private final LiveOptions options;
  private final Function<Flow, String> flowJson;
  private final BlockingQueue<Flow> inbox = new ArrayBlockingQueue<>(65_536);
  private final List<FlowClient> flowClients = new CopyOnWriteArrayList<>();
  private final Map<Session, ClientConnection> connections = new ConcurrentHashMap<>();
  private final AtomicLong inboxOverflow = new AtomicLong();
  private final AtomicLong closedTooSlow = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong flowMessages = new AtomicLong();
  /** Messages lost by clients that have gone, so that {@link Stats#messagesLost()} never goes down. */
  private final AtomicLong lostByClosedClients = new AtomicLong();
  private final Thread broadcaster;
  private final ScheduledExecutorService watchdog;
  private volatile boolean running = true;

  /**
   * @param flowJson writes a flow as the {@code /api/flows} item shape
   */
  public LiveHub(LiveOptions options, Function<Flow, String> flowJson) {
    this.options = options;
    this.flowJson = flowJson;
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
   * @param query the upgrade request's query parameters
   * @throws IllegalArgumentException for an invalid filter, with what is allowed
   */
  public void subscribeFlows(Session session, Map<String, List<String>> query) {
    FlowFilter filter = FlowFilter.parse(query);
    ClientConnection connection = register(session);
    flowClients.add(new FlowClient(connection, filter));
  }

  /** Validates a {@code /ws/flows} query without subscribing; throws as {@link #subscribeFlows} does. */
  public static void checkFlowFilter(Map<String, List<String>> query) {
    FlowFilter.parse(query);
  }

  ClientConnection register(Session session) {
    session.setMaxTextMessageSize(4096);
    ClientConnection connection = new ClientConnection(session, options.queueSize(), this::sendFailed);
    connections.put(session, connection);
    return connection;
  }

  /** Forgets a client that closed. */
  public void unsubscribe(Session session) {
    ClientConnection connection = connections.remove(session);
    if (connection != null) {
      lostByClosedClients.addAndGet(connection.lost());
      flowClients.removeIf(c -> c.connection() == connection);
    }
  }

  private void sendFailed(ClientConnection connection) {
    connection.close(1011, "send failed");
    unsubscribe(connection.session());
  }

  private void broadcast() {
    List<Flow> batch = new ArrayList<>(1024);
    while (running) {
      try {
        Flow first = inbox.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        inbox.drainTo(batch, 1023);
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
   * Queues every flow of the batch on each client whose filter matches, serialized once per flow, then lets each
   * client send its share in one write: when the hub falls behind, batches grow and the cost per message falls.
   */
  private void send(List<Flow> batch) {
    String[] json = new String[batch.size()];
    for (FlowClient client : flowClients) {
      int queued = 0;
      for (int i = 0; i < json.length; i++) {
        Flow flow = batch.get(i);
        if (client.filter().matches(flow)) {
          if (json[i] == null) {
            json[i] = flowJson.apply(flow);
          }
          client.connection().enqueue(json[i]);
          queued++;
        }
      }
      if (queued > 0) {
        flowMessages.addAndGet(queued);
        client.connection().flush();
      }
    }
  }

  private void closeStuckClients() {
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
   * have gone included.
   */
  public record Stats(int clients, int maxClients, long messagesQueued, long messagesLost, long inboxOverflow,
      long closedTooSlow, long refused) {}

  public Stats stats() {
    long lost = lostByClosedClients.get();
    for (ClientConnection c : connections.values()) {
      lost += c.lost();
    }
    return new Stats(connections.size(), options.maxClients(), flowMessages.get(), lost, inboxOverflow.get(),
        closedTooSlow.get(), refused.get());
  }

  @Override
  public void close() {
    running = false;
    broadcaster.interrupt();
    watchdog.shutdownNow();
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
