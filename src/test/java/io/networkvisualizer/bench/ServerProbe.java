package io.networkvisualizer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a running server's {@code /api/status} (source, store, live hub counters) and {@code /metrics} (JVM). */
final class ServerProbe {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  ServerProbe(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * The counters a benchmark window compares; every field is a running total at the time of reading.
   * {@code statusAtNanos} is when {@code /api/status} was read ({@link System#nanoTime}, the middle of the request),
   * so that a rate is its counter's change over its own interval: a request that waits longer at one end of a window
   * than at the other would otherwise skew it.
   */
  record Counters(long flowsReceived, long lostEvents, long storeSize, long pipelineAccepted, long inboxOverflow,
      long messagesLost, long messagesQueued, long gcPauses, double gcPauseSeconds, double gcPauseMaxSeconds,
      double heapUsedBytes, long statusAtNanos) {}

  Counters read() throws IOException, InterruptedException {
    long before = System.nanoTime();
    JsonNode status = MAPPER.readTree(get("/api/status"));
    long statusAt = before + (System.nanoTime() - before) / 2;
    JsonNode source = status.path("source");
    JsonNode live = status.path("live");
    String metrics = get("/metrics");
    return new Counters(
        source.path("flowsReceived").asLong(source.path("flows_received").asLong()),
        source.path("lostEvents").asLong(source.path("lost_events").asLong()),
        status.path("store").path("size").asLong(),
        status.path("pipeline").path("flows_accepted").asLong(),
        live.path("inboxOverflow").asLong(live.path("inbox_overflow").asLong()),
        live.path("messagesLost").asLong(live.path("messages_lost").asLong()),
        live.path("messagesQueued").asLong(live.path("messages_queued").asLong()),
        (long) sum(metrics, "jvm_gc_pause_seconds_count"),
        sum(metrics, "jvm_gc_pause_seconds_sum"),
        max(metrics, "jvm_gc_pause_seconds_max"),
        sumWhere(metrics, "jvm_memory_used_bytes", "area=\"heap\""),
        statusAt);
  }

  String status() throws IOException, InterruptedException {
    return get("/api/status");
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** The sum of every series of a Prometheus metric (all label sets). */
  static double sum(String text, String metric) {
    return sumWhere(text, metric, "");
  }

  /** The sum of the series of a metric whose labels contain {@code labelFragment}. */
  static double sumWhere(String text, String metric, String labelFragment) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (matches(line, metric) && line.contains(labelFragment)) {
        total += value(line);
      }
    }
    return total;
  }

  static double max(String text, String metric) {
    double max = 0;
    for (String line : text.split("\n")) {
      if (matches(line, metric)) {
        max = Math.max(max, value(line));
      }
    }
    return max;
  }

  private static boolean matches(String line, String metric) {
    return line.startsWith(metric) && line.length() > metric.length()
        && (line.charAt(metric.length()) == '{' || line.charAt(metric.length()) == ' ');
  }

  private static double value(String line) {
    String v = line.substring(line.lastIndexOf(' ') + 1);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
