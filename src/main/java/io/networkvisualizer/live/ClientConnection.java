package io.networkvisualizer.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 */
final class ClientConnection {
  private final Session session;
  private final int capacity;
  private final ArrayDeque<String> queue;
  private final Consumer<ClientConnection> onSendFailure;
  private final long connectedNanos = System.nanoTime();
  /** Non-null when the session gives access to Jetty's batch mode. */
  private final CoreSession core;
  /** Frames handed to Jetty whose write has not completed. */
  private int inFlight;
  /** Set while one thread hands frames to Jetty, so that frames go out in queue order. */
  private boolean pumping;
  private boolean failedOnce;
  private long lostUnreported;
  private long lostTotal;
  private long sent;
  private volatile long lastProgressNanos = System.nanoTime();
  /** Set when messages were dropped and the client must be told (or, for the graph stream, resynchronised). */
  private boolean overflowed;

  ClientConnection(Session session, int capacity, Consumer<ClientConnection> onSendFailure) {
    this.session = session;
    this.capacity = capacity;
    this.queue = new ArrayDeque<>(Math.min(capacity, 64));
    this.onSendFailure = onSendFailure;
    this.core = session instanceof WebSocketSession ws ? ws.getCoreSession() : null;
  }

  /** Queues a message, dropping the oldest queued one when full; starts sending if idle. */
  void offer(String message) {
    enqueue(message);
    pump();
  }

  /** Queues a message like {@link #offer} without starting to send; {@link #flush} sends what is queued. */
  synchronized void enqueue(String message) {
    if (queue.size() >= capacity) {
      queue.pollFirst();
      lostUnreported++;
      lostTotal++;
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
  void replaceQueue(String message) {
    synchronized (this) {
      lostUnreported += queue.size();
      lostTotal += queue.size();
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
      List<String> batch;
      synchronized (this) {
        if (pumping || inFlight > 0 || queue.isEmpty() || !session.isOpen()) {
          return;
        }
        pumping = true;
        batch = new ArrayList<>(queue.size() + 1);
        if (lostUnreported > 0) {
          batch.add("{\"type\":\"lost\",\"count\":" + lostUnreported + "}");
          lostUnreported = 0;
        }
        if (core != null) {
          batch.addAll(queue);
          queue.clear();
        } else if (batch.isEmpty()) {
          batch.add(queue.pollFirst());  // no batch mode: one message at a time
        }
        inFlight = batch.size();
      }
      try {
        if (core == null) {
          session.sendText(batch.get(0), Callback.from(this::sent, this::failed));
        } else {
          for (int i = 0; i < batch.size(); i++) {
            core.sendFrame(new Frame(OpCode.TEXT, batch.get(i)),
                org.eclipse.jetty.util.Callback.from(this::sent, this::failed), i < batch.size() - 1);
          }
        }
      } finally {
        synchronized (this) {
          pumping = false;
        }
      }
      // the writes may all have completed while this thread was handing them over: send what came meanwhile
    }
  }

  private void sent() {
    boolean idle;
    synchronized (this) {
      inFlight--;
      sent++;
      idle = inFlight == 0;
    }
    lastProgressNanos = System.nanoTime();
    if (idle) {
      pump();
    }
  }

  private void failed(Throwable error) {
    boolean first;
    synchronized (this) {
      inFlight--;
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
