package io.networkvisualizer.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket client's outbound side: a bounded queue of ready-made messages and at most one write in flight. A
 * client that does not read fills its queue; past the cap its oldest messages are dropped and counted, and it is told
 * how many with a {@code {"type":"lost","count":N}} message before the next one. Nothing here ever blocks the
 * caller, so a slow client cannot slow the pipeline or the other clients.
 *
 * <p>When the client is idle, everything queued goes out in one write: each message stays one WebSocket text frame,
 * but the frames are handed to Jetty in batch mode with only the last one flushed, so a backlog costs one socket write
 * instead of one per message (measured in docs/PERFORMANCE.md, "WebSocket fan-out").
 *
 * <p>Messages are UTF-8 JSON text, encoded once by the caller and shared by every client that gets them: each client
 * wraps the same bytes in a buffer of its own (the write moves the buffer's position), so a flow sent to 1,000 clients
 * is encoded once, not 1,000 times. The arrays are never written to after they are queued.
 */
final class ClientConnection {
  private final Session session;
  private final int capacity;
  private final ArrayDeque<byte[]> queue;
  private final Consumer<ClientConnection> onSendFailure;
  private final long connectedNanos = System.nanoTime();
  /** Non-null when the session gives access to Jetty's batch mode. */
  private final CoreSession core;
  /** Set from handing a batch to Jetty until its last frame is written (or failed). */
  private boolean writing;
  /** The callback of every frame but a batch's last: nothing to do on success. */
  private final org.eclipse.jetty.util.Callback frameFailure =
      org.eclipse.jetty.util.Callback.from(() -> { }, this::failed);
  /** Set while one thread hands frames to Jetty, so that frames go out in queue order. */
  private boolean pumping;
  private boolean failedOnce;
  private long lostUnreported;
  private long lostTotal;
  private final LongAdder lostTally;
  private long sent;
  private volatile long lastProgressNanos = System.nanoTime();
  /** Set when messages were dropped and the client must be told (or, for the graph stream, resynchronised). */
  private boolean overflowed;

  ClientConnection(Session session, int capacity, Consumer<ClientConnection> onSendFailure) {
    this(session, capacity, onSendFailure, new LongAdder());
  }

  /**
   * @param lostTally where this client's losses are also counted as they happen (the hub's total, which thus never
   *     steps back when a client leaves)
   */
  ClientConnection(Session session, int capacity, Consumer<ClientConnection> onSendFailure, LongAdder lostTally) {
    this.session = session;
    this.lostTally = lostTally;
    this.capacity = capacity;
    this.queue = new ArrayDeque<>(Math.min(capacity, 64));
    this.onSendFailure = onSendFailure;
    this.core = session instanceof WebSocketSession ws ? ws.getCoreSession() : null;
  }

  /** Encodes a text message once, for {@link #offer} to one or many clients. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Queues a message (UTF-8 JSON, possibly shared with other clients, never modified), dropping the oldest queued one
   * when full; starts sending if idle.
   */
  void offer(byte[] message) {
    enqueue(message);
    pump();
  }

  /** Queues a message like {@link #offer} without starting to send; {@link #flush} sends what is queued. */
  synchronized void enqueue(byte[] message) {
    if (queue.size() >= capacity) {
      queue.pollFirst();
      lostUnreported++;
      lostTotal++;
      lostTally.increment();
      overflowed = true;
    }
    queue.addLast(message);
  }

  /** Starts sending what is queued, if the client is idle. */
  void flush() {
    pump();
  }

  /**
   * Replaces everything queued with one message (a graph snapshot after an overflow: the deltas in between are
   * useless without their predecessors).
   */
  void replaceQueue(byte[] message) {
    synchronized (this) {
      lostUnreported += queue.size();
      lostTotal += queue.size();
      lostTally.add(queue.size());
      queue.clear();
      queue.addLast(message);
      overflowed = false;
    }
    pump();
  }

  /** Whether messages were dropped since the last call; clears the flag. */
  synchronized boolean takeOverflow() {
    boolean was = overflowed;
    overflowed = false;
    return was;
  }

  private void pump() {
    while (true) {
      List<byte[]> batch;
      synchronized (this) {
        if (pumping || writing || queue.isEmpty() || !session.isOpen()) {
          return;
        }
        pumping = true;
        writing = true;
        batch = new ArrayList<>(queue.size() + 1);
        if (lostUnreported > 0) {
          batch.add(utf8("{\"type\":\"lost\",\"count\":" + lostUnreported + "}"));
          lostUnreported = 0;
        }
        if (core != null) {
          batch.addAll(queue);
          queue.clear();
        } else if (batch.isEmpty()) {
          batch.add(queue.pollFirst());  // no batch mode: one message at a time
        }
      }
      try {
        int count = batch.size();
        if (core == null) {
          String text = new String(batch.get(0), StandardCharsets.UTF_8);
          session.sendText(text, Callback.from(() -> sent(count), this::lastFailed));
        } else {
          // one callback per batch: the frames before the last only report failures, the last one completes it
          for (int i = 0; i < count - 1; i++) {
            core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(batch.get(i))), frameFailure, true);
          }
          core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(batch.get(count - 1))),
              org.eclipse.jetty.util.Callback.from(() -> sent(count), this::lastFailed), false);
        }
      } finally {
        synchronized (this) {
          pumping = false;
        }
      }
      // the write may have completed while this thread was handing it over: send what came meanwhile
    }
  }

  private void sent(int count) {
    synchronized (this) {
      writing = false;
      sent += count;
    }
    lastProgressNanos = System.nanoTime();
    pump();
  }

  private void lastFailed(Throwable error) {
    synchronized (this) {
      writing = false;
    }
    failed(error);
  }

  private void failed(Throwable error) {
    boolean first;
    synchronized (this) {
      first = !failedOnce;
      failedOnce = true;
    }
    if (first) {
      onSendFailure.accept(this);
    }
  }

  /** A client whose queue is full and that has not taken a message for {@code stuckNanos} is stuck. */
  synchronized boolean isStuck(long nowNanos, long stuckNanos) {
    return queue.size() >= capacity && nowNanos - lastProgressNanos > stuckNanos;
  }

  synchronized int queued() {
    return queue.size();
  }

  synchronized long lost() {
    return lostTotal;
  }

  synchronized long sentCount() {
    return sent;
  }

  long connectedNanos() {
    return connectedNanos;
  }

  Session session() {
    return session;
  }

  /** Closes with {@code code}; the future completes once the close frame went out (or could not). */
  CompletableFuture<Void> close(int code, String reason) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!session.isOpen()) {
      done.complete(null);
      return done;
    }
    session.close(code, reason, Callback.from(() -> done.complete(null), e -> done.complete(null)));
    return done;
  }
}
