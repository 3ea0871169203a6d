package io.networkvisualizer.flow;

/**
 * The protocol a user would name for a flow: the application protocol where it can be told (from the L7 record, or
 * from well-known ports), else the transport. gRPC is HTTP/2 with {@code /package.Service/Method} paths; HTTPS is
 * TCP to 443 or 8443; DNS is an L7 DNS record or port 53.
 */
public enum Protocol {
  HTTP,
  HTTPS,
  GRPC("gRPC"),
  DNS,
  KAFKA("Kafka"),
  TCP,
  UDP,
  ICMP,
  SCTP,
  OTHER;

  private final String label;

  Protocol() {
    this.label = name();
  }

  Protocol(String label) {
    this.label = label;
  }

  /** The name shown to users and in the API: {@code HTTP}, {@code gRPC}, {@code DNS}, ... */
  public String label() {
    return label;
  }

  public static Protocol of(Flow flow) {
    L7 l7 = flow.l7();
    if (l7 != null) {
      if (l7.http() != null) {
        return l7.http().isGrpc() ? GRPC : HTTP;
      }
      if (l7.dns() != null) {
        return DNS;
      }
      if (flow.type() == FlowType.L7 && flow.l4() == L4Protocol.NONE) {
        return KAFKA;
      }
    }
    int port = serverPort(flow);
    return switch (flow.l4()) {
      case TCP -> port == 443 || port == 8443 ? HTTPS : port == 53 ? DNS : TCP;
      case UDP -> port == 53 ? DNS : UDP;
      case ICMPV4, ICMPV6 -> ICMP;
      case SCTP -> SCTP;
      default -> OTHER;
    };
  }

  /** The server side's port: the destination's, or the source's on a reply. */
  private static int serverPort(Flow flow) {
    return Boolean.TRUE.equals(flow.isReply()) ? flow.sourcePort() : flow.destinationPort();
  }
}
