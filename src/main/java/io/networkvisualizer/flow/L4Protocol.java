package io.networkvisualizer.flow;

/** The transport protocol of a flow, from Hubble's {@code Layer4} oneof. */
public enum L4Protocol {
  NONE,
  TCP,
  UDP,
  ICMPV4,
  ICMPV6,
  SCTP,
  VRRP,
  IGMP;

  public boolean isIcmp() {
    return this == ICMPV4 || this == ICMPV6;
  }

  /** The name users read: {@code TCP}, {@code UDP}, {@code ICMP}, ... */
  public String label() {
    return isIcmp() ? "ICMP" : name();
  }
}
