package io.networkvisualizer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A WebSocket handshake written by hand, for tests that need to see or set what a client library hides. */
public final class RawWebSocket {
  private RawWebSocket() {}

  /**
   * Sends an upgrade request for {@code path} with one extra header line (e.g. a browser's extension offer; empty
   * for none) and returns the response head, up to and including its blank line (shorter if the server closed).
   */
  public static String handshake(Socket socket, String path, String extraHeader) throws IOException {
    String extra = extraHeader.isEmpty() ? "" : extraHeader + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
