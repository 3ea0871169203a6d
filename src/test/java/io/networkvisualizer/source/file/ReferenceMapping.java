package io.networkvisualizer.source.file;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping of a protobuf {@code Flow} to our {@link Flow} written out plainly from the specification, field by
 * field through the generated getters: the yardstick the streaming reader is compared with in conformance tests.
 */
final class ReferenceMapping {
  private ReferenceMapping() {}

  static Flow toFlow(GetFlowsResponse response) {
    var f = response.getFlow();
    long nanos = f.hasTime() ? f.getTime().getSeconds() * 1_000_000_000L + f.getTime().getNanos()
        : response.hasTime() ? response.getTime().getSeconds() * 1_000_000_000L + response.getTime().getNanos() : 0;
    return toFlow(f, nanos, response.getNodeName());
  }

  @SuppressWarnings("deprecation") // drop_reason and reply are deprecated in Hubble, and still the fallbacks
  static Flow toFlow(io.networkvisualizer.source.hubble.proto.flow.Flow f, long nanos, String envelopeNode) {
    Flow.Builder b = Flow.builder()
        .timeNanos(nanos)
        .uuid(f.getUuid())
        .verdict(Verdict.of(f.getVerdictValue()))
        .dropReason(f.getDropReasonDescValue() != 0 ? DropReason.of(f.getDropReasonDescValue())
            : DropReason.of(f.getDropReason()))
        .source(endpoint(f.getSource(), f.hasSource()))
        .destination(endpoint(f.getDestination(), f.hasDestination()))
        .sourceIp(f.getIP().getSource())
        .destinationIp(f.getIP().getDestination())
        .direction(TrafficDirection.ofNumber(f.getTrafficDirectionValue()))
        .isReply(f.hasIsReply() ? Boolean.valueOf(f.getIsReply().getValue()) : f.getReply() ? Boolean.TRUE : null)
        .type(FlowType.ofNumber(f.getTypeValue()))
        .nodeName(f.getNodeName().isEmpty() ? envelopeNode : f.getNodeName())
        .sourceNames(f.getSourceNamesList())
        .destinationNames(f.getDestinationNamesList())
        .sourceService(f.hasSourceService()
            ? new ServiceRef(f.getSourceService().getNamespace(), f.getSourceService().getName()) : null)
        .destinationService(f.hasDestinationService()
            ? new ServiceRef(f.getDestinationService().getNamespace(), f.getDestinationService().getName()) : null)
        .observationPoint(f.getTraceObservationPoint() == TraceObservationPoint.UNKNOWN_POINT
            || f.getTraceObservationPoint() == TraceObservationPoint.UNRECOGNIZED ? ""
            : f.getTraceObservationPoint().name());
    Layer4 l4 = f.getL4();
    switch (l4.getProtocolCase()) {
      case TCP -> b.l4(L4Protocol.TCP).sourcePort(l4.getTCP().getSourcePort())
          .destinationPort(l4.getTCP().getDestinationPort()).tcpFlags(flags(l4.getTCP().getFlags()));
      case UDP -> b.l4(L4Protocol.UDP).sourcePort(l4.getUDP().getSourcePort())
          .destinationPort(l4.getUDP().getDestinationPort());
      case SCTP -> b.l4(L4Protocol.SCTP).sourcePort(l4.getSCTP().getSourcePort())
          .destinationPort(l4.getSCTP().getDestinationPort());
      case ICMPV4 -> b.l4(L4Protocol.ICMPV4).icmpType(l4.getICMPv4().getType());
      case ICMPV6 -> b.l4(L4Protocol.ICMPV6).icmpType(l4.getICMPv6().getType());
      case VRRP -> b.l4(L4Protocol.VRRP);
      case IGMP -> b.l4(L4Protocol.IGMP);
      default -> b.l4(L4Protocol.NONE);
    }
    if (f.hasL7()) {
      var l7 = f.getL7();
      Http http = l7.hasHttp()
          ? new Http(l7.getHttp().getCode(), l7.getHttp().getMethod(), l7.getHttp().getUrl(), l7.getHttp().getProtocol())
          : null;
      Dns dns = l7.hasDns()
          ? new Dns(l7.getDns().getQuery(), l7.getDns().getIpsList(), l7.getDns().getRcode(), l7.getDns().getQtypesList(),
              l7.getDns().getTtl())
          : null;
      b.l7(new L7(L7.Type.ofNumber(l7.getTypeValue()), l7.getLatencyNs(), http, dns));
    }
    List<String> denied = new ArrayList<>();
    for (Policy p : f.getEgressDeniedByList()) {
      denied.add(p.getNamespace().isEmpty() ? p.getName() : p.getNamespace() + "/" + p.getName());
    }
    for (Policy p : f.getIngressDeniedByList()) {
      denied.add(p.getNamespace().isEmpty() ? p.getName() : p.getNamespace() + "/" + p.getName());
    }
    b.deniedBy(denied);
    if (f.hasExtensions() && f.getExtensions().is(Struct.class)) {
      try {
        Struct s = f.getExtensions().unpack(Struct.class);
        Value bytes = s.getFieldsOrDefault("bytes", null);
        if (bytes != null && bytes.hasNumberValue()) {
          b.bytes((long) bytes.getNumberValue() + (long) number(s, "previously_observed_bytes"));
          b.packets((long) number(s, "previously_observed_packets") + 1);
        }
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
    return b.build();
  }

  private static double number(Struct s, String key) {
    Value v = s.getFieldsOrDefault(key, null);
    return v == null ? 0 : v.getNumberValue();
  }

  private static Endpoint endpoint(io.networkvisualizer.source.hubble.proto.flow.Endpoint e, boolean present) {
    if (!present) {
      return Endpoint.UNKNOWN;
    }
    String workloadName = e.getWorkloadsCount() > 0 ? e.getWorkloads(0).getName() : "";
    String workloadKind = e.getWorkloadsCount() > 0 ? e.getWorkloads(0).getKind() : "";
    return new Endpoint(e.getID(), e.getIdentity(), e.getClusterName(), e.getNamespace(), e.getPodName(),
        e.getLabelsList(), workloadName, workloadKind);
  }

  private static int flags(TCPFlags f) {
    int bits = 0;
    bits |= f.getFIN() ? TcpFlags.FIN : 0;
    bits |= f.getSYN() ? TcpFlags.SYN : 0;
    bits |= f.getRST() ? TcpFlags.RST : 0;
    bits |= f.getPSH() ? TcpFlags.PSH : 0;
    bits |= f.getACK() ? TcpFlags.ACK : 0;
    bits |= f.getURG() ? TcpFlags.URG : 0;
    bits |= f.getECE() ? TcpFlags.ECE : 0;
    bits |= f.getCWR() ? TcpFlags.CWR : 0;
    bits |= f.getNS() ? TcpFlags.NS : 0;
    return bits;
  }
}
