package io.networkvisualizer.metrics;

import com.google.protobuf.util.JsonFormat;
import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Hubble jsonpb sample files into {@link Flow}s for tests, through protobuf's own {@link JsonFormat} (slow but
 * exact) and a converter of just the fields the metrics read. Test scope only: the product's mappers live in the
 * source packages.
 */
final class SampleFlows {
  private SampleFlows() {}

  static List<Flow> read(Path file) throws IOException {
    List<Flow> flows = new ArrayList<>();
    JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      GetFlowsResponse.Builder response = GetFlowsResponse.newBuilder();
      parser.merge(line, response);
      if (response.hasFlow()) {
        flows.add(convert(response.getFlow()));
      }
    }
    return flows;
  }

  @SuppressWarnings("deprecation") // older captures say "reply" instead of "is_reply"
  static Flow convert(io.networkvisualizer.source.hubble.proto.flow.Flow p) {
    Flow.Builder b = Flow.builder()
        .timeNanos(p.getTime().getSeconds() * 1_000_000_000L + p.getTime().getNanos())
        .uuid(p.getUuid())
        .verdict(Verdict.of(p.getVerdictValue()))
        .dropReason(DropReason.of(p.getDropReasonDescValue()))
        .source(endpoint(p.getSource()))
        .destination(endpoint(p.getDestination()))
        .sourceIp(p.getIP().getSource())
        .destinationIp(p.getIP().getDestination())
        .type(FlowType.ofNumber(p.getTypeValue()))
        .nodeName(p.getNodeName())
        .sourceNames(p.getSourceNamesList())
        .destinationNames(p.getDestinationNamesList())
        .direction(TrafficDirection.ofNumber(p.getTrafficDirectionValue()))
        .observationPoint(p.getTraceObservationPointValue() == 0 ? "" : p.getTraceObservationPoint().name())
        .isReply(p.hasIsReply() ? Boolean.valueOf(p.getIsReply().getValue()) : p.getReply() ? Boolean.TRUE : null);
    Layer4 l4 = p.getL4();
    switch (l4.getProtocolCase()) {
      case TCP -> b.l4(L4Protocol.TCP).sourcePort(l4.getTCP().getSourcePort())
          .destinationPort(l4.getTCP().getDestinationPort()).tcpFlags(flags(l4.getTCP().getFlags()));
      case UDP -> b.l4(L4Protocol.UDP).sourcePort(l4.getUDP().getSourcePort())
          .destinationPort(l4.getUDP().getDestinationPort());
      case SCTP -> b.l4(L4Protocol.SCTP).sourcePort(l4.getSCTP().getSourcePort())
          .destinationPort(l4.getSCTP().getDestinationPort());
      case ICMPV4 -> b.l4(L4Protocol.ICMPV4).icmpType(l4.getICMPv4().getType());
      case ICMPV6 -> b.l4(L4Protocol.ICMPV6).icmpType(l4.getICMPv6().getType());
      default -> b.l4(L4Protocol.NONE);
    }
    if (p.hasL7()) {
      Layer7 l7 = p.getL7();
      Http http = l7.hasHttp() ? new Http(l7.getHttp().getCode(), l7.getHttp().getMethod(), l7.getHttp().getUrl(),
          l7.getHttp().getProtocol()) : null;
      Dns dns = l7.hasDns() ? new Dns(l7.getDns().getQuery(), l7.getDns().getIpsList(), l7.getDns().getRcode(),
          l7.getDns().getQtypesList(), l7.getDns().getTtl()) : null;
      b.l7(new L7(L7.Type.ofNumber(l7.getTypeValue()), l7.getLatencyNs(), http, dns));
    }
    return b.build();
  }

  private static Endpoint endpoint(io.networkvisualizer.source.hubble.proto.flow.Endpoint e) {
    Workload w = e.getWorkloadsCount() > 0 ? e.getWorkloads(0) : Workload.getDefaultInstance();
    return new Endpoint(e.getID(), e.getIdentity(), e.getClusterName(), e.getNamespace(), e.getPodName(),
        e.getLabelsList(), w.getName(), w.getKind());
  }

  private static int flags(TCPFlags f) {
    int flags = 0;
    flags |= f.getFIN() ? TcpFlags.FIN : 0;
    flags |= f.getSYN() ? TcpFlags.SYN : 0;
    flags |= f.getRST() ? TcpFlags.RST : 0;
    flags |= f.getPSH() ? TcpFlags.PSH : 0;
    flags |= f.getACK() ? TcpFlags.ACK : 0;
    flags |= f.getURG() ? TcpFlags.URG : 0;
    return flags;
  }
}
