package io.networkvisualizer.flow;

/**
 * An HTTP request or response seen by Cilium's L7 proxy.
 *
 * @param code status code, 0 on a request
 * @param protocol {@code HTTP/1.1}, {@code HTTP/2}, ...
 */
public record Http(int code, String method, String url, String protocol) {
  public Http {
    method = Strings.orEmpty(method);
    url = Strings.orEmpty(url);
    protocol = Strings.orEmpty(protocol);
  }

  /** The URL's path without scheme, host or query: {@code /api/cart}. */
  public String path() {
    String rest = url;
    int scheme = rest.indexOf("://");
    if (scheme >= 0) {
      int slash = rest.indexOf('/', scheme + 3);
      rest = slash >= 0 ? rest.substring(slash) : "/";
    }
    int query = rest.indexOf('?');
    return query >= 0 ? rest.substring(0, query) : rest;
  }

  /** gRPC runs over HTTP/2 with {@code /package.Service/Method} paths. */
  public boolean isGrpc() {
    String path = path();
    int second = path.indexOf('/', 1);
    return protocol.startsWith("HTTP/2")
        && path.startsWith("/")
        && second > 1
        && path.indexOf('.', 1) > 0
        && path.indexOf('.', 1) < second
        && second < path.length() - 1;
  }
}
