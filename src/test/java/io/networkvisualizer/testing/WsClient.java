package io.networkvisualizer.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A WebSocket test client that records every text message it receives, and how the socket closed. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
  public final List<String> messages = new CopyOnWriteArrayList<>();
  public volatile int closeCode = -1;
  public volatile String closeReason;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  public static WsClient connect(int port, String pathAndQuery) {
    WsClient client = new WsClient();
    client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), client)
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
    return client;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode = statusCode;
    closeReason = reason;
    return null;
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** Waits (up to 10 s) until {@code condition} holds; fails the test otherwise. */
  public static void await(String what, BooleanSupplier condition) {
    await(what, 10, condition);
  }

  /** Waits up to {@code seconds} until {@code condition} holds; fails the test otherwise. */
  public static void await(String what, int seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      CompletableFuture<WebSocket> f = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      f.completeOnTimeout(socket, 2, TimeUnit.SECONDS).join();
    }
  }
}
