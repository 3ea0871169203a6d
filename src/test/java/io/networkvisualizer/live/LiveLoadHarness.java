package io.networkvisualizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.testing.RawWebSocket;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load harness of the live stream: measures {@code /ws/flows} fan-out from the built jar to N WebSocket clients.
 *
 * <p>It starts {@code target/network-visualizer.jar} as a separate process ({@code --port=0}, the embedded simulated
 * cluster at {@code --rate} flows/s, so every flow carries its wall-clock generation time), opens N clients on
 * {@code /ws/flows} on one selector thread ({@link WsReaders}: raw sockets, so that the load generator takes little of
 * the CPU the server needs), plus one deliberately stalled client (a raw socket that
 * completes the handshake with a 4 KiB receive buffer and never reads), waits a warm-up, then measures for a
 * duration. A flow belongs to the measurement window when its {@code timestamp} falls in it; after the window the
 * harness waits a drain period for the window's last flows, then reports:
 * clients connected, messages per client in the window (min/median/max), delivery latency p50/p90/p99/max over all
 * clients (receipt wall time minus the flow's {@code timestamp}, in an HdrHistogram), lost notices and gaps (a
 * client's gap = the most flows any client received in the window minus its own), what the stalled client saw
 * (lost notices, a close frame or end of stream), the server's {@code /api/status} {@code live} section, the CPU
 * time of both processes and the load average.
 *
 * <p>The latency covers simulator (up to its 5 ms generation tick) -> gRPC -> pipeline -> hub -> WebSocket -> client
 * on the same machine, the client's own JSON scanning included: it is flow-to-client latency, not hub-only.
 *
 * <p>Run: {@code scripts/bench-ws.sh [--clients=1000] [--rate=100] [--warmup=10] [--duration=30] [--drain=3]
 * [--query=include=labels] [--jvm=-Xmx512m] [--server-arg=--ws-queue-size=1024]...}; the script builds the jar and
 * the test classes first. {@code --query} is the reading clients' query string ({@code /ws/flows?<query>}).
 */
public final class LiveLoadHarness {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
  private static final byte[] TIMESTAMP = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOST = "{\"type\":\"lost\"".getBytes(StandardCharsets.US_ASCII);

  private final int clients;
  private final double rate;
  private final long warmupSeconds;
  private final long durationSeconds;
  private final long drainSeconds;
  private final long readPauseMicros;
  /** The reading clients' path: {@code /ws/flows} with the {@code --query} given, if any. */
  private final String path;
  private final List<String> jvmOptions;
  private final List<String> serverArgs;
  private final Path jar;

  private final Recorder latency = new Recorder(3_600_000_000L, 3);
  private volatile long windowStartMicros = Long.MAX_VALUE;
  private volatile long windowEndMicros = Long.MAX_VALUE;
  /** The last timestamp's seconds part and its epoch second: the reader thread parses only when it changes. */
  private final byte[] cachedSecond = new byte[19];
  private long cachedEpochSecond;

  private LiveLoadHarness(Map<String, List<String>> args) {
    clients = Integer.parseInt(one(args, "clients", "1000"));
    rate = Double.parseDouble(one(args, "rate", "100"));
    warmupSeconds = Long.parseLong(one(args, "warmup", "10"));
    durationSeconds = Long.parseLong(one(args, "duration", "30"));
    drainSeconds = Long.parseLong(one(args, "drain", "3"));
    readPauseMicros = Long.parseLong(one(args, "read-pause-us", "0"));
    String query = one(args, "query", "");
    path = query.isEmpty() ? "/ws/flows" : "/ws/flows?" + query;
    jvmOptions = args.getOrDefault("jvm", List.of("-Xmx512m"));
    serverArgs = args.getOrDefault("server-arg", List.of());
    jar = Path.of(one(args, "jar", "target/network-visualizer.jar"));
  }

  private static String one(Map<String, List<String>> args, String name, String fallback) {
    List<String> values = args.get(name);
    return values == null ? fallback : values.get(values.size() - 1);
  }

  public static void main(String[] argv) throws Exception {
    Map<String, List<String>> args = new LinkedHashMap<>();
    for (String a : argv) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("arguments are --name=value, got: " + a);
      }
      int eq = a.indexOf('=');
      args.computeIfAbsent(a.substring(2, eq), k -> new ArrayList<>()).add(a.substring(eq + 1));
    }
    new LiveLoadHarness(args).run();
    System.exit(0);
  }

  // ------------------------------------------------------------------ run

  private void run() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the built jar is missing: " + jar + " (scripts/bench-ws.sh builds it)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--port=0", "--host=127.0.0.1", "--sim-rate=" + rate,
        "--ws-max-clients=" + Math.max(2000, clients + 10)));
    command.addAll(serverArgs);
    System.out.println("server: " + String.join(" ", command));
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      int port = awaitPort(server);
      measure(server, port);
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static int awaitPort(Process server) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    for (String line; (line = in.readLine()) != null; ) {
      seen.add(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            for (String l; (l = in.readLine()) != null; ) {
              if (l.contains("WARN") || l.contains("ERROR") || l.contains("too slow")) {
                System.out.println("  [server] " + l);
              }
            }
          } catch (IOException ignored) {
            // the server ended
          }
        }, "server-log");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the server exited before listening:\n" + String.join("\n", seen));
  }

  private void measure(Process server, int port) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "ws-client");
      t.setDaemon(true);
      return t;
    });
    HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();

    StalledClient stalled = StalledClient.connect(port, path);
    WsReaders readers = new WsReaders(this::onText, readPauseMicros * 1_000);
    int failedConnects = 0;
    long connectStart = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      try {
        readers.connect(port, path);
      } catch (IOException e) {
        if (failedConnects++ < 3) {
          System.out.println("  connect failed: " + e);
        }
      }
    }
    readers.start();
    List<WsReaders.Conn> all = readers.connections();
    System.out.printf("connected %d/%d clients (+1 stalled) in %d ms, %d failed%n", all.size(), clients,
        (System.nanoTime() - connectStart) / 1_000_000, failedConnects);

    Thread.sleep(warmupSeconds * 1000);
    JsonNode liveBefore = liveStatus(http, port);
    long serverCpuBefore = processCpuNanos(server.pid());
    long serverSysBefore = processSystemNanos(server.pid());
    long ownCpuBefore = ownCpuNanos();
    double[] loadBefore = loadAverage();
    windowStartMicros = nowMicros();
    windowEndMicros = windowStartMicros + durationSeconds * 1_000_000;
    latency.reset();
    Thread.sleep(durationSeconds * 1000);
    long serverCpu = processCpuNanos(server.pid()) - serverCpuBefore;
    long serverSys = processSystemNanos(server.pid()) - serverSysBefore;
    long ownCpu = ownCpuNanos() - ownCpuBefore;
    double[] loadAfter = loadAverage();
    Thread.sleep(drainSeconds * 1000);
    JsonNode liveAfter = liveStatus(http, port);
    Histogram h = latency.getIntervalHistogram();

    List<WsReaders.Conn> measured = all;
    long[] counts = measured.stream().mapToLong(c -> c.inWindow).sorted().toArray();
    long most = counts.length == 0 ? 0 : counts[counts.length - 1];
    long gaps = 0;
    long lostNotices = 0;
    long lostCount = 0;
    int closed = 0;
    for (WsReaders.Conn c : measured) {
      gaps += most - c.inWindow;
      lostNotices += c.lostNotices;
      lostCount += c.lostCount;
      closed += c.closeCode >= 0 ? 1 : 0;
    }
    StalledClient.Seen stalledSeen = stalled.drain();

    System.out.println();
    System.out.printf("clients=%d on %s, rate=%.0f flows/s warmup=%ds window=%ds drain=%ds read-pause=%dus%n",
        clients, path, rate, warmupSeconds, durationSeconds, drainSeconds, readPauseMicros);
    System.out.printf("load average before/after window: %.2f / %.2f (1 min), %d cores%n", loadBefore[0],
        loadAfter[0], Runtime.getRuntime().availableProcessors());
    System.out.printf("clients connected: %d (closed during run: %d)%n", measured.size(), closed);
    if (counts.length > 0) {
      System.out.printf("messages per client in window: min %d / median %d / max %d (%.1f msg/s per client, "
          + "%.0f msg/s total)%n", counts[0], counts[counts.length / 2], most, most / (double) durationSeconds,
          Arrays.stream(counts).sum() / (double) durationSeconds);
      long messages = measured.stream().mapToLong(c -> c.inWindow).sum();
      long bytes = measured.stream().mapToLong(c -> c.bytesInWindow).sum();
      System.out.printf("flow messages: %.0f bytes on average, %.1f MB/s to all clients%n",
          messages == 0 ? 0.0 : bytes / (double) messages, bytes / 1e6 / durationSeconds);
    }
    System.out.printf("latency (flow timestamp -> client receipt), %d samples: p50 %.1f ms, p90 %.1f ms, "
        + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", h.getTotalCount(), ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
    System.out.printf("loss at clients that read: %d lost notices (%d messages), %d gaps (vs the best client)%n",
        lostNotices, lostCount, gaps);
    System.out.printf("stalled client: %s%n", stalledSeen);
    System.out.printf("server CPU in window: %.2f s of %d s (%.0f%% of one core; %.2f s of it in the kernel); "
        + "harness CPU %.2f s (%.0f%%)%n", serverCpu / 1e9, durationSeconds,
        100.0 * serverCpu / 1e9 / durationSeconds, serverSys / 1e9, ownCpu / 1e9,
        100.0 * ownCpu / 1e9 / durationSeconds);
    System.out.println("server /api/status live before window: " + liveBefore);
    System.out.println("server /api/status live after drain:   " + liveAfter);
    readers.close();
    executor.shutdownNow();
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static JsonNode liveStatus(HttpClient http, int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/status")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(r.body()).get("live");
    } catch (Exception e) {
      return new ObjectMapper().getNodeFactory().textNode("unavailable: " + e);
    }
  }

  /** stime of a process (CPU time in the kernel on its behalf: socket writes), from /proc (Linux); -1 elsewhere. */
  private static long processSystemNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[12]) * 10_000_000L; // USER_HZ = 100
    } catch (Exception e) {
      return -1;
    }
  }

  /** utime + stime of a process, from /proc (Linux); -1 elsewhere. */
  private static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10_000_000L; // USER_HZ = 100
    } catch (Exception e) {
      return -1;
    }
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (Exception e) {
      return new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), -1, -1};
    }
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  // ------------------------------------------------------------------ clients

  /** One text message of a reading client: scanned for its timestamp in place, without a JSON parser. */
  private void onText(WsReaders.Conn client, byte[] b, int from, int length, long receivedMicros) {
    if (startsWith(b, from, length, LOST)) {
      client.lostNotices++;
      client.lostCount += Long.parseLong(new String(b, from, length, StandardCharsets.US_ASCII).replaceAll("\\D+", ""));
      return;
    }
    int at = indexOf(b, from, from + length, TIMESTAMP);
    if (at < 0) {
      return;
    }
    long flowMicros = parseMicros(b, at + TIMESTAMP.length);
    if (flowMicros >= windowStartMicros && flowMicros < windowEndMicros) {
      client.inWindow++;
      client.bytesInWindow += length;
      latency.recordValue(Math.max(0, receivedMicros - flowMicros));
    }
  }

  private static boolean startsWith(byte[] b, int from, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] b, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (b[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Parses {@code 2026-11-24T02:52:25.123456789Z} (fraction optional) to epoch microseconds. */
  private long parseMicros(byte[] b, int from) {
    if (!java.util.Arrays.equals(b, from, from + 19, cachedSecond, 0, 19)) {
      cachedEpochSecond = LocalDateTime.parse(new String(b, from, 19, StandardCharsets.US_ASCII))
          .toEpochSecond(ZoneOffset.UTC);
      System.arraycopy(b, from, cachedSecond, 0, 19);
    }
    long micros = 0;
    int digits = 0;
    int i = from + 19;
    if (b[i] == '.') {
      for (i++; b[i] >= '0' && b[i] <= '9'; i++) {
        if (digits < 6) {
          micros = micros * 10 + (b[i] - '0');
          digits++;
        }
      }
    }
    for (; digits < 6; digits++) {
      micros *= 10;
    }
    return cachedEpochSecond * 1_000_000 + micros;
  }

  /** A client that completes the WebSocket handshake on a raw socket and then never reads. */
  private static final class StalledClient {
    private final Socket socket;

    private StalledClient(Socket socket) {
      this.socket = socket;
    }

    static StalledClient connect(int port, String path) throws IOException {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      String head = RawWebSocket.handshake(socket, path, "");
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IOException("the stalled client's handshake failed: " + head);
      }
      return new StalledClient(socket);
    }

    record Seen(long textMessages, long lostNotices, long lostCount, int closeCode, String closeReason,
        boolean endOfStream, long bytes) {
      @Override
      public String toString() {
        return String.format("read %d bytes after the run: %d flow messages, %d lost notices (%d messages lost), "
            + "close frame %s, connection %s", bytes, textMessages, lostNotices, lostCount,
            closeCode < 0 ? "none" : closeCode + " \"" + closeReason + "\"",
            endOfStream ? "closed by the server" : "still open");
      }
    }

    /**
     * Reads what the server left in the socket, for 3 s at most (it keeps sending while the client is open), and
     * parses the frames.
     */
    Seen drain() throws IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      socket.setSoTimeout(500);
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      boolean eof = false;
      byte[] chunk = new byte[65_536];
      InputStream in = socket.getInputStream();
      try {
        for (int n; (n = in.read(chunk)) >= 0; ) {
          buffer.write(chunk, 0, n);
          if (System.nanoTime() > deadline) {
            break;
          }
        }
        eof = System.nanoTime() <= deadline;
      } catch (SocketTimeoutException e) {
        // silence: the server sent all it will
      } catch (IOException e) {
        eof = true;
      }
      byte[] b = buffer.toByteArray();
      long texts = 0;
      long notices = 0;
      long lost = 0;
      int closeCode = -1;
      String closeReason = "";
      int i = 0;
      while (i + 2 <= b.length) {
        int opcode = b[i] & 0x0f;
        long len = b[i + 1] & 0x7f;
        int header = 2;
        if (len == 126) {
          if (i + 4 > b.length) {
            break;
          }
          len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
          header = 4;
        } else if (len == 127) {
          if (i + 10 > b.length) {
            break;
          }
          len = 0;
          for (int k = 2; k < 10; k++) {
            len = (len << 8) | (b[i + k] & 0xff);
          }
          header = 10;
        }
        if (i + header + len > b.length) {
          break;
        }
        int p = i + header;
        if (opcode == 1) {
          String text = new String(b, p, (int) len, StandardCharsets.UTF_8);
          if (text.startsWith("{\"type\":\"lost\"")) {
            notices++;
            lost += Long.parseLong(text.replaceAll("\\D+", ""));
          } else {
            texts++;
          }
        } else if (opcode == 8 && len >= 2) {
          closeCode = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
          closeReason = new String(b, p + 2, (int) len - 2, StandardCharsets.UTF_8);
        }
        i = p + (int) len;
      }
      socket.close();
      return new Seen(texts, notices, lost, closeCode, closeReason, eof, b.length);
    }
  }
}
