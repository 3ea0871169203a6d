package io.networkvisualizer.flow;

import java.util.List;

/**
 * A DNS query or answer seen by Cilium's DNS proxy.
 *
 * @param query the name asked, as Hubble writes it (with the trailing dot)
 * @param ips the addresses in the answer
 * @param rcode the DNS response code (0 = NOERROR, 3 = NXDOMAIN)
 * @param qtypes query types such as {@code A}, {@code AAAA}
 */
public record Dns(String query, List<String> ips, int rcode, List<String> qtypes, int ttl) {
  private static final String[] RCODES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"
  };

  public Dns {
    query = Strings.orEmpty(query);
    ips = ips == null ? List.of() : List.copyOf(ips);
    qtypes = qtypes == null ? List.of() : List.copyOf(qtypes);
  }

  public String rcodeName() {
    return rcode >= 0 && rcode < RCODES.length ? RCODES[rcode] : "RCODE_" + rcode;
  }
}
