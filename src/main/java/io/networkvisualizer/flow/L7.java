package io.networkvisualizer.flow;

/**
 * The application-layer record of an L7 flow: an HTTP or DNS exchange (other L7 kinds such as Kafka carry neither).
 *
 * @param latencyNanos request-to-response time, on responses only
 * @param http present for HTTP (and gRPC) records, else null
 * @param dns present for DNS records, else null
 */
public record L7(Type type, long latencyNanos, Http http, Dns dns) {
  /** Hubble's {@code L7FlowType}. */
  public enum Type {
    UNKNOWN,
    REQUEST,
    RESPONSE,
    SAMPLE;

    public static Type ofNumber(int number) {
      return switch (number) {
        case 1 -> REQUEST;
        case 2 -> RESPONSE;
        case 3 -> SAMPLE;
        default -> UNKNOWN;
      };
    }
  }

  public L7 {
    if (type == null) {
      type = Type.UNKNOWN;
    }
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latencyNanos must be >= 0 (was " + latencyNanos + ")");
    }
  }

  /**
   * One line a person reads: {@code GET /api/cart 200 12ms}, {@code GET /api/cart} on a request,
   * {@code A checkout.shop.svc. -> NOERROR}, or the kind alone for other records.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    if (http != null) {
      sb.append(http.method().isEmpty() ? "HTTP" : http.method()).append(' ').append(http.url());
      if (http.code() != 0) {
        sb.append(' ').append(http.code());
      }
    } else if (dns != null) {
      sb.append(dns.qtypes().isEmpty() ? "DNS" : String.join(",", dns.qtypes())).append(' ').append(dns.query());
      if (type == Type.RESPONSE) {
        sb.append(" -> ").append(dns.rcodeName());
        if (!dns.ips().isEmpty()) {
          sb.append(' ').append(String.join(",", dns.ips()));
        }
      }
    } else {
      sb.append("L7 ").append(type.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (latencyNanos > 0) {
      sb.append(' ').append(Math.round(latencyNanos / 1_000_000.0)).append("ms");
    }
    return sb.toString();
  }
}
