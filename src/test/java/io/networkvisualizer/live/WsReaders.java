package io.networkvisualizer.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Many WebSocket reading clients on one selector thread, for load tests: each completes the handshake on a plain
 * socket, then reads unmasked server frames, hands each text message to a {@link Handler}, answers pings and records
 * the close frame. It does nothing else, so that a thousand clients cost the load generator little CPU and the
 * server under test gets the cores (the JDK's {@code java.net.http} WebSocket client needed about as much CPU as the
 * server did). Text messages are assumed unfragmented (the server sends one frame per message).
 */
final class WsReaders implements AutoCloseable {
  /** Receives each text message as bytes in {@code buffer[from, from + length)}, valid only during the call. */
  interface Handler {
    void onText(Conn client, byte[] buffer, int from, int length, long receivedMicros);
  }

  /** One client connection and what it saw; the counters are the handler's to use. */
  static final class Conn {
    private final SocketChannel channel;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    long inWindow;
    /** Bytes of the flow messages counted in {@link #inWindow}. */
    long bytesInWindow;
    long lostNotices;
    long lostCount;
    volatile int closeCode = -1;

    private Conn(SocketChannel channel) {
      this.channel = channel;
    }
  }

  private final Selector selector;
  private final Handler handler;
  private final List<Conn> connections = new ArrayList<>();
  private final Thread reader;
  private final long pauseNanos;
  private volatile boolean running = true;

  WsReaders(Handler handler) throws IOException {
    this(handler, 0);
  }

  /**
   * @param pauseNanos how long the reader rests after each round of reads before it selects again (0: never). A
   *     pause lets the server's writes of a fan-out pile up, so that the reader wakes once per round instead of
   *     once per write: on a shared machine every such wake-up is CPU taken from the server under test (on another
   *     machine it would not be). Whatever the pause adds is inside the measured latency.
   */
  WsReaders(Handler handler, long pauseNanos) throws IOException {
    this.selector = Selector.open();
    this.handler = handler;
    this.pauseNanos = pauseNanos;
    this.reader = new Thread(this::readLoop, "ws-readers");
    this.reader.setDaemon(true);
  }

  /**
   * Opens a client on {@code path} (e.g. {@code /ws/flows}), blocking until the handshake is done; call before
   * {@link #start}.
   */
  Conn connect(int port, String path) throws IOException {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    byte[] nonce = new byte[16];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
    Conn conn = new Conn(channel);
    int headerEnd;
    while ((headerEnd = headerEnd(conn.in)) < 0) {
      if (channel.read(conn.in) < 0) {
        throw new IOException("the server closed during the handshake");
      }
    }
    String head = new String(conn.in.array(), 0, headerEnd, StandardCharsets.US_ASCII);
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
    }
    // frames that arrived with the handshake's answer stay in the buffer
    conn.in.flip().position(headerEnd);
    conn.in.compact();
    channel.configureBlocking(false);
    synchronized (connections) {
      connections.add(conn);
    }
    channel.register(selector, SelectionKey.OP_READ, conn);
    return conn;
  }

  void start() {
    reader.start();
  }

  List<Conn> connections() {
    synchronized (connections) {
      return List.copyOf(connections);
    }
  }

  private static int headerEnd(ByteBuffer buffer) {
    byte[] b = buffer.array();
    for (int i = 3; i < buffer.position(); i++) {
      if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private void readLoop() {
    while (running) {
      try {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          read((Conn) key.attachment(), key, nowMicros());
        }
        selector.selectedKeys().clear();
        if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
      } catch (IOException e) {
        if (running) {
          System.out.println("  ws-readers: " + e);
        }
      }
    }
  }

  private void read(Conn conn, SelectionKey key, long now) throws IOException {
    int n;
    try {
      n = conn.channel.read(conn.in);
    } catch (IOException e) {
      n = -1;
    }
    if (n < 0) {
      key.cancel();
      conn.channel.close();
      if (conn.closeCode < 0) {
        conn.closeCode = 1006;
      }
      return;
    }
    parseFrames(conn, now);
  }

  /** Takes every complete frame from the buffer; keeps a partial one for the next read (growing for a big one). */
  private void parseFrames(Conn conn, long now) throws IOException {
    ByteBuffer in = conn.in;
    byte[] b = in.array();
    int end = in.position();
    int i = 0;
    while (end - i >= 2) {
      int opcode = b[i] & 0x0f;
      long length = b[i + 1] & 0x7f;
      int header = 2;
      if (length == 126) {
        if (end - i < 4) {
          break;
        }
        length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
        header = 4;
      } else if (length == 127) {
        if (end - i < 10) {
          break;
        }
        length = 0;
        for (int k = 2; k < 10; k++) {
          length = (length << 8) | (b[i + k] & 0xff);
        }
        header = 10;
      }
      if (header + length > b.length) {
        ByteBuffer bigger = ByteBuffer.allocate((int) (header + length) * 2);
        bigger.put(b, i, end - i);
        conn.in = bigger;
        return;
      }
      if (end - i < header + length) {
        break;
      }
      int payload = i + header;
      switch (opcode) {
        case 1 -> handler.onText(conn, b, payload, (int) length, now);
        case 8 -> {
          conn.closeCode = length >= 2 ? ((b[payload] & 0xff) << 8) | (b[payload + 1] & 0xff) : 1005;
        }
        case 9 -> pong(conn, b, payload, (int) length);
        default -> { }
      }
      i = payload + (int) length;
    }
    in.position(i).limit(end);
    in.compact();
  }

  /** Answers a ping with a pong carrying its payload, masked with a zero key as a client must mask. */
  private static void pong(Conn conn, byte[] b, int from, int length) throws IOException {
    ByteBuffer pong = ByteBuffer.allocate(6 + length);
    pong.put((byte) 0x8A).put((byte) (0x80 | length)).putInt(0).put(b, from, length).flip();
    conn.channel.write(pong);
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    for (Conn conn : connections()) {
      conn.channel.close();
    }
    selector.close();
  }
}
