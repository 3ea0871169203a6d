package io.networkvisualizer.telemetry;

/**
 * Cumulative totals of one workload-to-workload edge, as {@code /metrics} exports them: counters since the edge was
 * first seen (a new edge, or one evicted and seen again, starts from zero, which Prometheus reads as a counter reset).
 *
 * @param sourceWorkload the sending workload, e.g. {@code shop/frontend}
 * @param destWorkload the receiving workload, or an outside address or {@code world}
 * @param protocol the protocol as the API names it ({@code tcp}, {@code http}, {@code dns}, ...)
 * @param bytes measured bytes; 0 where the source measures none (plain Cilium; see {@code bytes_measured})
 * @param flows flow events
 * @param connections connection starts (TCP SYN without ACK; first flow of a UDP 5-tuple)
 * @param drops flows that were dropped
 */
public record EdgeSample(String sourceWorkload, String destWorkload, String protocol, long bytes, long flows,
    long connections, long drops) {

  public EdgeSample {
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
