package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;

/**
 * How a flow event maps onto a connection: which side is the client, and whether the event is a second report of a
 * packet that another event already reports (a "double observation"), which must not be counted again.
 *
 * <h2>Double observations</h2>
 * Hubble reports one packet at every Cilium endpoint it passes, with {@code traffic_direction} relative to the
 * <em>connection</em> at that endpoint: at the client's endpoint every packet of the connection (requests and replies)
 * is {@code EGRESS}, at the server's endpoint every packet is {@code INGRESS}. A pod-to-pod packet is therefore
 * reported twice: {@code EGRESS} on the client pod's node and {@code INGRESS} on the server pod's node (the same node
 * for local traffic), with the same 5-tuple and direction of travel, microseconds apart. The real Istio bookinfo
 * samples show three more doubles: a {@code REDIRECTED} policy-verdict event (no observation point) followed by the
 * {@code TO_PROXY} trace of the same SYN; the L7 proxy's upstream leg, leaving the node at {@code TO_OVERLAY} with no
 * traffic direction (often labelled {@code reserved:remote-node} or with the client's identity but the node's IP); and
 * the server's replies to that proxy leg ({@code INGRESS}, reply, to {@code reserved:host}), whose client-side twins
 * are the replies the proxy hands back to the client pod.
 *
 * <p>The rule is stateless: O(1) per flow, no memory (a cache of recent 5-tuples to de-duplicate would hold an entry
 * per packet in flight, and Relay may deliver the two reports in either order, some time apart). An event is counted
 * unless it is:
 * <ol>
 *   <li>an L3/L4 {@code REDIRECTED} verdict without observation point (the policy-verdict twin of a {@code TO_PROXY}
 *       trace);
 *   <li>an {@code INGRESS} observation whose client is a Cilium-managed endpoint (a pod, or a cluster identity): that
 *       client's own node reports the same packet as {@code EGRESS}, which is the one counted;
 *   <li>an {@code INGRESS} reply whose client is {@code reserved:host}: the server side of a proxied connection (the
 *       proxy runs in the host), whose reply the client side already reports;
 *   <li>a transit observation with no traffic direction ({@code TO_OVERLAY}, {@code TO_STACK}, {@code FROM_NETWORK},
 *       ...) that has a Cilium-managed endpoint on either side, whose endpoint reports it with a direction.
 * </ol>
 * Dropped and errored events, and L7 records (one per request or response, written by the proxy, not a packet
 * trace), are always counted: a drop is where a packet's fate is decided, reported once. Consequences: a packet
 * forwarded by the client's node and dropped by the server's ingress policy counts as two flows, one failed; traffic
 * from a pod on a node whose Hubble is not observed (a single agent's Hubble server instead of Relay) is not seen;
 * replies to kubelet probes from the host are not counted (the probe requests are).
 */
final class Observations {
  private Observations() {}

  /**
   * Whether {@code flow} reports a packet that another event of the stream already reports; {@code reply} is
   * {@link #isReply}'s answer for it.
   */
  static boolean isDouble(Flow flow, boolean reply) {
    if (flow.verdict().isFailure() || flow.l7() != null || flow.type() == FlowType.L7) {
      return false;
    }
    String point = flow.observationPoint();
    boolean noPoint = point.isEmpty() || point.equals("UNKNOWN_POINT");
    if (noPoint && flow.verdict().equals(Verdict.REDIRECTED)) {
      return true;
    }
    TrafficDirection direction = flow.direction();
    if (direction == TrafficDirection.INGRESS) {
      Endpoint client = reply ? flow.destination() : flow.source();
      if (isManaged(client)) {
        return true;
      }
      return reply && reservedName(client).equals("host");
    }
    if (direction == TrafficDirection.UNKNOWN && !noPoint && isTransit(point)) {
      return isManaged(flow.source()) || isManaged(flow.destination());
    }
    return false;
  }

  /**
   * Whether {@code flow} travels from server to client: Hubble's {@code is_reply} where it says; else a TCP SYN
   * without ACK opens (request) and SYN+ACK answers (reply); else ICMP echo request or reply; else ports: an ephemeral
   * source port (>= 32768) towards a lower one is a request and the reverse a reply, then a well-known port (< 1024)
   * marks the server. When nothing tells, the flow is taken as a request (source = client).
   */
  static boolean isReply(Flow flow) {
    Boolean reply = flow.isReply();
    if (reply != null) {
      return reply;
    }
    L4Protocol l4 = flow.l4();
    if (l4 == L4Protocol.TCP && TcpFlags.has(flow.tcpFlags(), TcpFlags.SYN)) {
      return TcpFlags.has(flow.tcpFlags(), TcpFlags.ACK);
    }
    if (l4 == L4Protocol.ICMPV4) {
      return flow.icmpType() == 0;
    }
    if (l4 == L4Protocol.ICMPV6) {
      return flow.icmpType() == 129;
    }
    int src = flow.sourcePort();
    int dst = flow.destinationPort();
    if (src == 0 || dst == 0) {
      return false;
    }
    if (src >= 32768 && dst < 32768) {
      return false;
    }
    if (dst >= 32768 && src < 32768) {
      return true;
    }
    return src < 1024 && dst >= 1024;
  }

  /** A TCP connection start: SYN without ACK travelling from client to server. */
  static boolean isTcpOpen(Flow flow, boolean reply) {
    return !reply && flow.l4() == L4Protocol.TCP && TcpFlags.isConnectionStart(flow.tcpFlags());
  }

  /**
   * Whether an endpoint has its own Cilium endpoint, whose node reports its traffic with a direction: a pod or a
   * cluster identity, but not a reserved identity (world, host, remote-node, kube-apiserver, unmanaged) nor an
   * address Hubble knows nothing of. {@code reserved:health} and {@code reserved:ingress} are Cilium endpoints too.
   */
  static boolean isManaged(Endpoint e) {
    String reserved = reservedName(e);
    if (!reserved.isEmpty()) {
      return reserved.equals("health") || reserved.equals("ingress") || reserved.equals("init");
    }
    return e.isPod() || !e.namespace().isEmpty() || (e.identity() >= 256 && !e.labels().isEmpty());
  }

  /**
   * The reserved identity's name ({@code world}, {@code host}, ...), or empty for a cluster identity. Identities
   * from 256 are cluster identities and from 2^24 local (CIDR, FQDN) ones, which are outside the cluster: those two
   * cases need no look at the labels.
   */
  static String reservedName(Endpoint e) {
    int identity = e.identity();
    if (identity >= 256) {
      return identity >= (1 << 24) ? "world" : "";
    }
    String name = e.reservedIdentity();
    return name.startsWith("world") ? "world" : name;
  }

  private static boolean isTransit(String point) {
    switch (point) {
      case "TO_OVERLAY", "FROM_OVERLAY", "TO_STACK", "FROM_STACK", "TO_HOST", "FROM_HOST", "TO_NETWORK",
          "FROM_NETWORK", "TO_CRYPTO", "FROM_CRYPTO" -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
