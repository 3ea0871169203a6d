package io.networkvisualizer.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * A minimal {@code /ws/flows} reader over a plain socket (RFC 6455: handshake, unmasked server frames, pong on ping):
 * counts flow messages and the hub's {@code {"type":"lost","count":N}} notices and, for every {@code sampleEvery}-th
 * flow, records receipt wall time minus the flow's {@code timestamp} in microseconds. Costs the harness far less
 * than a full WebSocket client, so it disturbs the server's two cores as little as possible at 100,000 flows/s.
 */
final class RawWsClient implements AutoCloseable {
  private static final byte[] TIMESTAMP = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOST = "{\"type\":\"lost\"".getBytes(StandardCharsets.US_ASCII);

  final AtomicLong flows = new AtomicLong();
  final AtomicLong lostNotices = new AtomicLong();
  final AtomicLong lostFlows = new AtomicLong();
  final AtomicLong otherMessages = new AtomicLong();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Recorder latency;
  private final int sampleEvery;
  private final Thread reader;
  private volatile long windowStartMicros = Long.MAX_VALUE;
  private volatile long windowEndMicros = Long.MAX_VALUE;
  private volatile boolean closing;
  private volatile Throwable failure;

  /**
   * @param latency where latencies in microseconds go (null: none recorded)
   * @param sampleEvery record the latency of one flow in this many
   */
  RawWsClient(int port, String path, Recorder latency, int sampleEvery) throws IOException {
    this.latency = latency;
    this.sampleEvery = Math.max(1, sampleEvery);
    socket = new Socket();
    socket.setReceiveBufferSize(1 << 20);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = readHeaders();
    if (!status.contains(" 101 ")) {
      socket.close();
      throw new IOException("WebSocket upgrade refused: " + status);
    }
    reader = new Thread(this::read, "bench-ws-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Only flows whose timestamp falls in [start, end) (epoch microseconds) are recorded; none before this is called. */
  void window(long startMicros, long endMicros) {
    windowStartMicros = startMicros;
    windowEndMicros = endMicros;
  }

  Throwable failure() {
    return failure;
  }

  private String readHeaders() throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the WebSocket handshake");
      }
      head.append((char) b);
    }
    return head.substring(0, head.indexOf("\r\n"));
  }

  private void read() {
    byte[] payload = new byte[1 << 16];
    long seen = 0;
    try {
      while (!closing) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
          in.readInt(); // a server must not mask, but skip the key if it does
        }
        if (length > payload.length) {
          payload = new byte[(int) Math.max(length, payload.length * 2L)];
        }
        in.readFully(payload, 0, (int) length);
        int n = (int) length;
        switch (opcode) {
          case 0x1, 0x0 -> {
            if (startsWith(payload, n, LOST)) {
              lostNotices.incrementAndGet();
              lostFlows.addAndGet(count(payload, n));
            } else if (n > 0 && payload[0] == '{' && payload[1] == '"' && payload[2] == 'i') {
              flows.incrementAndGet();
              if (latency != null && ++seen % sampleEvery == 0) {
                record(payload, n);
              }
            } else {
              otherMessages.incrementAndGet();
            }
          }
          case 0x8 -> {
            return;
          }
          case 0x9 -> send(0xA, payload, n);
          default -> { }
        }
      }
    } catch (IOException e) {
      if (!closing) {
        failure = e;
      }
    }
  }

  private void record(byte[] payload, int n) {
    int at = indexOf(payload, n, TIMESTAMP);
    if (at < 0) {
      return;
    }
    int from = at + TIMESTAMP.length;
    int to = from;
    while (to < n && payload[to] != '"') {
      to++;
    }
    Instant now = Instant.now();
    Instant t = Instant.parse(new String(payload, from, to - from, StandardCharsets.US_ASCII));
    long tMicros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    if (tMicros < windowStartMicros || tMicros >= windowEndMicros) {
      return;
    }
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    latency.recordValue(Math.max(0, nowMicros - tMicros));
  }

  private static long count(byte[] payload, int n) {
    String text = new String(payload, 0, n, StandardCharsets.US_ASCII);
    int c = text.indexOf("\"count\":");
    if (c < 0) {
      return 0;
    }
    int from = c + 8;
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    return to > from ? Long.parseLong(text.substring(from, to)) : 0;
  }

  static boolean startsWith(byte[] data, int n, byte[] prefix) {
    if (n < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] data, int n, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= n; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Sends a masked frame, as a client must. */
  private synchronized void send(int opcode, byte[] data, int n) throws IOException {
    byte[] mask = new byte[4];
    new SecureRandom().nextBytes(mask);
    byte[] frame = new byte[2 + (n < 126 ? 0 : 2) + 4 + n];
    int p = 0;
    frame[p++] = (byte) (0x80 | opcode);
    if (n < 126) {
      frame[p++] = (byte) (0x80 | n);
    } else {
      frame[p++] = (byte) (0x80 | 126);
      frame[p++] = (byte) (n >>> 8);
      frame[p++] = (byte) n;
    }
    System.arraycopy(mask, 0, frame, p, 4);
    p += 4;
    for (int i = 0; i < n; i++) {
      frame[p + i] = (byte) (data[i] ^ mask[i & 3]);
    }
    out.write(frame);
    out.flush();
  }

  @Override
  public void close() {
    closing = true;
    try {
      send(0x8, new byte[] {0x03, (byte) 0xE8}, 2);
    } catch (IOException ignored) {
      // already gone
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
