package io.networkvisualizer.source.simulator;

import java.util.List;
import java.util.Map;

/**
 * Who talks to whom in the simulated cluster's normal traffic, how, and how much: the call graph of the shop,
 * payments and identity applications, their calls out to the internet, and the visitors who call the shop's
 * frontend. DNS lookups, Prometheus scrapes and ICMP probes are generated beside it, from the same cluster.
 */
final class TrafficPlan {
  private TrafficPlan() {}

  /** How a pattern's conversations look on the wire. */
  enum Style {
    /** HTTP/1.1 with L7 visibility: request and response records plus the TCP segments. */
    HTTP,
    /** gRPC: HTTP/2 POST to {@code /package.Service/Method} on long-lived connections. */
    GRPC,
    /** A TCP protocol without L7 visibility (Redis, PostgreSQL). */
    TCP,
    /** TLS to an address outside the cluster, known by its DNS name. */
    HTTPS_OUT,
    /** Visitors from the internet calling the frontend over HTTP. */
    HTTP_IN
  }

  /** One request kind of a pattern; {@code {n}} in the path becomes a number. */
  record Route(String method, String path) {}

  /**
   * A conversation pattern between two workloads.
   *
   * @param client {@code namespace/workload} that opens the connections ({@code world} for visitors)
   * @param server {@code namespace/workload} that serves, or the DNS name outside the cluster
   * @param weight share of the normal traffic budget
   * @param latencyMs median server latency
   * @param errorShare share of responses that are 5xx, spaced out so that they never come in bursts
   * @param newConnection chance that a request opens a new connection (the old one is closed)
   * @param requestBytes typical request payload
   * @param responseBytes typical response payload
   */
  record Pattern(String client, String server, Style style, double weight, List<Route> routes, double latencyMs,
      double errorShare, double newConnection, int requestBytes, int responseBytes) {

    String edge() {
      return client + "->" + server;
    }

    /** Expected flow events per conversation, so that conversation rates add up to the flow rate asked for. */
    double flowsPerConversation() {
      return switch (style) {
        case HTTP, GRPC -> 6 + 8 * newConnection;
        case TCP -> 4 + 8 * newConnection;
        case HTTPS_OUT -> 2 + 4 * newConnection;
        case HTTP_IN -> 4 + 4 * newConnection;
      };
    }
  }

  /** Addresses outside the cluster that workloads call by name (documentation address ranges, RFC 5737). */
  static final Map<String, String> EXTERNAL = Map.of(
      "api.stripe.com", "198.51.100.20",
      "www.googleapis.com", "198.51.100.31",
      "api.sendgrid.com", "198.51.100.42");

  /** The share of the background drops: a frontend occasionally knocks on catalog's admin port, denied by policy. */
  static final double DENIED_ADMIN_SHARE = 0.008;
  static final int ADMIN_PORT = 8081;

  private static Route get(String path) {
    return new Route("GET", path);
  }

  private static Route post(String path) {
    return new Route("POST", path);
  }

  static final List<Pattern> PATTERNS = List.of(
      new Pattern("world", "shop/frontend", Style.HTTP_IN, 0.12,
          List.of(get("/"), get("/products/{n}"), get("/products/{n}"), get("/cart"), post("/checkout"),
              get("/static/app.js")),
          12, 0.0, 0.3, 450, 9_000),
      new Pattern("shop/frontend", "shop/catalog", Style.HTTP, 0.14,
          List.of(get("/api/products/{n}"), get("/api/products?category={n}&page=1"), get("/api/categories")),
          6, 0.004, 0.02, 320, 4_200),
      new Pattern("shop/frontend", "shop/cart", Style.HTTP, 0.06,
          List.of(get("/api/cart/{n}"), post("/api/cart/{n}/items"), new Route("DELETE", "/api/cart/{n}/items/{n}")),
          4, 0.004, 0.02, 280, 900),
      new Pattern("shop/frontend", "shop/recommendations", Style.GRPC, 0.06,
          List.of(post("/shop.v1.Recommendations/ListRecommendations")),
          9, 0.002, 0.001, 120, 1_600),
      new Pattern("shop/frontend", "shop/checkout", Style.HTTP, 0.03,
          List.of(post("/api/orders"), get("/api/orders/{n}")),
          45, 0.004, 0.02, 900, 700),
      new Pattern("shop/frontend", "identity/auth", Style.HTTP, 0.05,
          List.of(post("/oauth/token"), get("/userinfo"), post("/session/refresh")),
          8, 0.004, 0.02, 400, 650),
      new Pattern("shop/checkout", "shop/cart", Style.HTTP, 0.02,
          List.of(get("/api/cart/{n}"), new Route("DELETE", "/api/cart/{n}")),
          4, 0.004, 0.02, 250, 900),
      new Pattern("shop/checkout", "payments/payments-api", Style.GRPC, 0.03,
          List.of(post("/payments.v1.Payments/Authorize"), post("/payments.v1.Payments/Capture")),
          80, 0.002, 0.001, 380, 240),
      new Pattern("shop/recommendations", "shop/catalog", Style.HTTP, 0.04,
          List.of(get("/api/products?ids={n},{n},{n}")),
          7, 0.004, 0.02, 260, 6_500),
      new Pattern("shop/cart", "shop/redis", Style.TCP, 0.08, List.of(), 0.4, 0, 0.005, 90, 400),
      new Pattern("shop/catalog", "shop/redis", Style.TCP, 0.06, List.of(), 0.3, 0, 0.005, 70, 2_400),
      new Pattern("payments/payments-api", "payments/fraud-check", Style.GRPC, 0.03,
          List.of(post("/payments.v1.FraudCheck/Score")),
          25, 0.002, 0.001, 600, 90),
      new Pattern("payments/payments-api", "payments/ledger", Style.GRPC, 0.03,
          List.of(post("/payments.v1.Ledger/RecordTransaction")),
          12, 0.002, 0.001, 420, 120),
      new Pattern("payments/ledger", "payments/payments-db", Style.TCP, 0.04, List.of(), 1.5, 0, 0.01, 260, 900),
      new Pattern("identity/auth", "identity/user-api", Style.GRPC, 0.04,
          List.of(post("/identity.v1.Users/GetUser"), post("/identity.v1.Users/VerifyPassword")),
          6, 0.002, 0.001, 150, 420),
      new Pattern("identity/user-api", "identity/identity-db", Style.TCP, 0.04, List.of(), 1.2, 0, 0.01, 180, 700),
      new Pattern("payments/payments-api", "api.stripe.com", Style.HTTPS_OUT, 0.02, List.of(), 140, 0, 0.3, 1_800,
          2_600),
      new Pattern("identity/auth", "www.googleapis.com", Style.HTTPS_OUT, 0.01, List.of(), 60, 0, 0.3, 700, 3_800),
      new Pattern("shop/checkout", "api.sendgrid.com", Style.HTTPS_OUT, 0.01, List.of(), 110, 0, 0.3, 2_400, 350));

  /** Whether normal traffic has {@code client} calling {@code server} (both {@code namespace/workload}). */
  static boolean hasEdge(String client, String server) {
    if (server.equals("kube-system/coredns") || client.startsWith("monitoring/")) {
      return true;
    }
    for (Pattern p : PATTERNS) {
      if (p.client.equals(client) && p.server.equals(server)) {
        return true;
      }
    }
    return false;
  }

  /** The pattern for {@code edge} ({@code client->server}); throws when there is none. */
  static int patternIndex(String edge) {
    for (int i = 0; i < PATTERNS.size(); i++) {
      if (PATTERNS.get(i).edge().equals(edge)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no traffic pattern " + edge);
  }
}
