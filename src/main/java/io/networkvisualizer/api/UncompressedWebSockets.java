package io.networkvisualizer.api;

import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps WebSocket upgrades on the given paths from negotiating {@code permessage-deflate}, by hiding the client's
 * {@code Sec-WebSocket-Extensions} offer from the handshake. Every browser offers the extension and Jetty accepts it,
 * and a compressed stream compresses each message with that client's own deflate context: on {@code /ws/flows} that
 * is every flow compressed once per client, the per-client serialization cost the hub's encode-once fan-out exists
 * to avoid (1,000 clients at 100 flows/s would be some 100 MB/s of deflate). Streams that send one message per second
 * (the graph) keep the extension.
 *
 * <p>Installed as the Jetty server's outer handler: Javalin attaches its own context inside it.
 */
final class UncompressedWebSockets extends Handler.Wrapper {
  private final Set<String> paths;

  UncompressedWebSockets(Set<String> paths) {
    this.paths = Set.copyOf(paths);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields headers = request.getHeaders();
    if (headers.contains(HttpHeader.SEC_WEBSOCKET_EXTENSIONS) && paths.contains(route(request))) {
      HttpFields withoutOffer = HttpFields.build(headers).remove(HttpHeader.SEC_WEBSOCKET_EXTENSIONS).asImmutable();
      request = new Request.Wrapper(request) {
        @Override
        public HttpFields getHeaders() {
          return withoutOffer;
        }
      };
    }
    return super.handle(request, response, callback);
  }

  /** The path as the router matches it: decoded and canonical ({@code /ws/%66lows} is {@code /ws/flows}), no trailing '/'. */
  private static String route(Request request) {
    String path = request.getHttpURI().getCanonicalPath();
    if (path == null) {
      return "";
    }
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }
}
