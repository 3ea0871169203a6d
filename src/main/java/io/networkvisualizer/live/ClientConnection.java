package io.networkvisualizer.live;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket client's outbound side: a bounded queue of ready-made messages and at most one send in flight. A
 * client that does not read fills its queue; past the cap its oldest messages are dropped and counted, and it is told
 * how many with a {@code {"type":"lost","count":N}} message before the next one. Nothing here ever blocks the
 * caller, so a slow client cannot slow the pipeline or the other clients.
 */
final class ClientConnection {
  private final Session session;
  private final int capacity;
  private final ArrayDeque<String> queue;
  private final Consumer<ClientConnection> onSendFailure;
  private final long connectedNanos = System.nanoTime();
  private boolean sending;
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
  }

  /** Queues a message, dropping the oldest queued one when full; starts sending if idle. */
  void offer(String message) {
    synchronized (this) {
      if (queue.size() >= capacity) {
        queue.pollFirst();
        lostUnreported++;
        lostTotal++;
        overflowed = true;
      }
      queue.addLast(message);
    }
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
    String next;
    synchronized (this) {
      if (sending || queue.isEmpty() || !session.isOpen()) {
        return;
      }
      sending = true;
      if (lostUnreported > 0) {
        next = "{\"type\":\"lost\",\"count\":" + lostUnreported + "}";
        lostUnreported = 0;
      } else {
        next = queue.pollFirst();
      }
    }
    session.sendText(next, Callback.from(this::sent, this::failed));
  }

  private void sent() {
    synchronized (this) {
      sending = false;
      sent++;
    }
    lastProgressNanos = System.nanoTime();
    pump();
  }

  private void failed(Throwable error) {
    synchronized (this) {
      sending = false;
    }
    onSendFailure.accept(this);
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

  void close(int code, String reason) {
    if (session.isOpen()) {
      session.close(code, reason, Callback.NOOP);
    }
  }
}
