package io.networkvisualizer.metrics;

/**
 * Cumulative totals of one workload-to-workload edge and protocol, as {@code /metrics} exports them: counters since
 * the workload edge was first seen, which do not go down while its pod-level edges come and go. They start from zero
 * again (a counter reset to Prometheus) only for an edge that was gone (no traffic of that protocol for
 * {@code edgeExpiry}) and is seen again, or whose retired totals were dropped by their cap ({@code maxEdges}).
 *
 * @param sourceWorkload the client's node at the workload level, as {@code /api/graph?level=workload} names it, e.g.
 *     {@code workload/shop/frontend}
 * @param destWorkload the server's node at that level, e.g. {@code workload/shop/cart}, {@code world/example.com}
 * @param protocol the protocol as the API names it ({@code TCP}, {@code HTTP}, {@code gRPC}, {@code DNS}, ...)
 * @param bytes measured bytes; 0 where the source measures none (plain Cilium; see {@code bytes_measured})
 * @param flows flow events
 * @param connections connection starts (TCP SYN without ACK; first flow of a UDP 5-tuple)
 * @param drops flows that were dropped or errored (verdict {@code DROPPED} or {@code ERROR})
 */
public record EdgeTotals(String sourceWorkload, String destWorkload, String protocol, long bytes, long flows,
    long connections, long drops) {

  public EdgeTotals {
    sourceWorkload = required("sourceWorkload", sourceWorkload);
    destWorkload = required("destWorkload", destWorkload);
    protocol = required("protocol", protocol);
    if (bytes < 0 || flows < 0 || connections < 0 || drops < 0) {
      throw new IllegalArgumentException("edge totals must be >= 0 (was bytes=" + bytes + ", flows=" + flows
          + ", connections=" + connections + ", drops=" + drops + ")");
    }
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank (was '" + value + "')");
    }
    return value;
  }
}
