package io.networkvisualizer.flow;

import java.util.Map;

/**
 * Why Cilium dropped a packet, as Hubble's {@code DropReason} number (130-205 in Cilium 1.19). Numbers this build does
 * not name are kept and shown as {@code DROP_REASON_<n>}.
 */
public record DropReason(int number) {
  public static final DropReason NONE = new DropReason(0);

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(0, "DROP_REASON_UNKNOWN"),
      Map.entry(130, "INVALID_SOURCE_MAC"),
      Map.entry(131, "INVALID_DESTINATION_MAC"),
      Map.entry(132, "INVALID_SOURCE_IP"),
      Map.entry(133, "POLICY_DENIED"),
      Map.entry(134, "INVALID_PACKET_DROPPED"),
      Map.entry(135, "CT_TRUNCATED_OR_INVALID_HEADER"),
      Map.entry(136, "CT_MISSING_TCP_ACK_FLAG"),
      Map.entry(137, "CT_UNKNOWN_L4_PROTOCOL"),
      Map.entry(139, "UNSUPPORTED_L3_PROTOCOL"),
      Map.entry(140, "MISSED_TAIL_CALL"),
      Map.entry(141, "ERROR_WRITING_TO_PACKET"),
      Map.entry(142, "UNKNOWN_L4_PROTOCOL"),
      Map.entry(151, "STALE_OR_UNROUTABLE_IP"),
      Map.entry(158, "SERVICE_BACKEND_NOT_FOUND"),
      Map.entry(169, "FIB_LOOKUP_FAILED"),
      Map.entry(171, "INVALID_IDENTITY"),
      Map.entry(181, "POLICY_DENY"),
      Map.entry(189, "AUTH_REQUIRED"),
      Map.entry(196, "TTL_EXCEEDED"),
      Map.entry(198, "DROP_RATE_LIMITED"));

  public DropReason {
    if (number < 0) {
      throw new IllegalArgumentException("drop reason must be >= 0 (was " + number + ")");
    }
  }

  public static DropReason of(int number) {
    return number == 0 ? NONE : new DropReason(number);
  }

  /** The reason for a Hubble enum name such as {@code "POLICY_DENIED"}; unknown names map to {@link #NONE}. */
  public static DropReason ofName(String name) {
    for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
      if (e.getValue().equals(name)) {
        return of(e.getKey());
      }
    }
    return NONE;
  }

  public boolean isPresent() {
    return number != 0;
  }

  public String name() {
    String known = NAMES.get(number);
    return known != null ? known : "DROP_REASON_" + number;
  }

  @Override
  public String toString() {
    return name();
  }
}
