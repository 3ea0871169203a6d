package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.FlowTags.*;
import static io.networkvisualizer.source.hubble.WireInput.LEN;
import static io.networkvisualizer.source.hubble.WireInput.VARINT;

import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.hubble.DecodedResponse.FlowMessage;
import io.networkvisualizer.source.hubble.DecodedResponse.Malformed;
import io.networkvisualizer.source.hubble.DecodedResponse.Other;
import io.networkvisualizer.source.hubble.proto.flow.IP;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.hubble.proto.flow.TCP;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the bytes of one {@code observer.GetFlowsResponse} straight from protobuf wire format into the product's
 * {@link Flow}, without building the generated message tree: the Hubble client's hot path, where decoding a
 * generated {@code Flow} (a builder per nested message, every label string of both endpoints decoded) and then
 * mapping it cost most of the source thread's time at 100,000 flows/s.
 *
 * <p>Gives the same {@link Flow} the generated parser followed by the old mapping gave (the test's
 * {@code ProtoFlowMapper}, its differential oracle): unknown enum numbers kept, missing messages neutral, the
 * deprecated {@code reply} and {@code drop_reason} as fallbacks, the response's {@code time} when the flow has none.
 * Fields it does not read are skipped unread; fields it reads are read as the generated parser reads them (last
 * occurrence wins, a message occurring twice merges, strings must be valid UTF-8). Endpoints, services and repeating
 * strings are interned by their bytes ({@link EndpointInterner}, {@link WireStrings}), so the usual flow decodes
 * few strings beyond its uuid. Responses that are not flows are rare and go to the generated parser.
 *
 * <p>Never throws on bad bytes: {@link #decode} returns {@link Malformed}. Keeps one flow's state between calls to
 * avoid allocating it: not thread-safe, one decoder per source thread.
 */
final class FlowWireDecoder {
  static final String NOT_A_RESPONSE = "a response that is not a valid GetFlowsResponse";
  static final String NOT_A_FLOW = "a flow that cannot be mapped";

  private static final int RESPONSE_FLOW = GetFlowsResponse.FLOW_FIELD_NUMBER << 3 | LEN;
  private static final int RESPONSE_NODE_STATUS = GetFlowsResponse.NODE_STATUS_FIELD_NUMBER << 3 | LEN;
  private static final int RESPONSE_LOST_EVENTS = GetFlowsResponse.LOST_EVENTS_FIELD_NUMBER << 3 | LEN;
  private static final int RESPONSE_TIME = GetFlowsResponse.TIME_FIELD_NUMBER << 3 | LEN;

  private static final int TIMESTAMP_SECONDS = Timestamp.SECONDS_FIELD_NUMBER << 3 | VARINT;
  private static final int TIMESTAMP_NANOS = Timestamp.NANOS_FIELD_NUMBER << 3 | VARINT;
  private static final int BOOL_VALUE = BoolValue.VALUE_FIELD_NUMBER << 3 | VARINT;
  private static final int IP_SOURCE = IP.SOURCE_FIELD_NUMBER << 3 | LEN;
  private static final int IP_DESTINATION = IP.DESTINATION_FIELD_NUMBER << 3 | LEN;
  private static final int L4_TCP = Layer4.TCP_FIELD_NUMBER << 3 | LEN;
  private static final int L4_UDP = Layer4.UDP_FIELD_NUMBER << 3 | LEN;
  private static final int L4_ICMPV4 = Layer4.ICMPV4_FIELD_NUMBER << 3 | LEN;
  private static final int L4_ICMPV6 = Layer4.ICMPV6_FIELD_NUMBER << 3 | LEN;
  private static final int L4_SCTP = Layer4.SCTP_FIELD_NUMBER << 3 | LEN;
  private static final int L4_VRRP = Layer4.VRRP_FIELD_NUMBER << 3 | LEN;
  private static final int L4_IGMP = Layer4.IGMP_FIELD_NUMBER << 3 | LEN;
  // TCP, UDP and SCTP number their ports alike, as ICMPv4 and ICMPv6 number their type.
  private static final int SOURCE_PORT = TCP.SOURCE_PORT_FIELD_NUMBER << 3 | VARINT;
  private static final int DESTINATION_PORT = TCP.DESTINATION_PORT_FIELD_NUMBER << 3 | VARINT;
  private static final int TCP_FLAGS = TCP.FLAGS_FIELD_NUMBER << 3 | LEN;
  private static final int ICMP_TYPE = io.networkvisualizer.source.hubble.proto.flow.ICMPv4.TYPE_FIELD_NUMBER << 3 | VARINT;
  private static final int POLICY_NAME = Policy.NAME_FIELD_NUMBER << 3 | LEN;
  private static final int POLICY_NAMESPACE = Policy.NAMESPACE_FIELD_NUMBER << 3 | LEN;
  /** Our bit for each {@code TCPFlags} field number. */
  private static final int[] FLAG_BITS = new int[TCPFlags.NS_FIELD_NUMBER + 1];

  static {
    FLAG_BITS[TCPFlags.FIN_FIELD_NUMBER] = TcpFlags.FIN;
    FLAG_BITS[TCPFlags.SYN_FIELD_NUMBER] = TcpFlags.SYN;
    FLAG_BITS[TCPFlags.RST_FIELD_NUMBER] = TcpFlags.RST;
    FLAG_BITS[TCPFlags.PSH_FIELD_NUMBER] = TcpFlags.PSH;
    FLAG_BITS[TCPFlags.ACK_FIELD_NUMBER] = TcpFlags.ACK;
    FLAG_BITS[TCPFlags.URG_FIELD_NUMBER] = TcpFlags.URG;
    FLAG_BITS[TCPFlags.ECE_FIELD_NUMBER] = TcpFlags.ECE;
    FLAG_BITS[TCPFlags.CWR_FIELD_NUMBER] = TcpFlags.CWR;
    FLAG_BITS[TCPFlags.NS_FIELD_NUMBER] = TcpFlags.NS;
  }

  private final WireStrings strings;
  private final EndpointInterner endpoints;
  private final L7WireDecoder l7;
  private final MeasuredExtension extension = new MeasuredExtension();

  // One response's state.
  private final Span flowBytes = new Span();
  private final Stamp responseTime = new Stamp();
  // One flow's state.
  private final Stamp time = new Stamp();
  private String uuid;
  private int verdict;
  private int legacyDropReason;
  private int dropReasonDesc;
  private String sourceIp;
  private String destinationIp;
  private L4Protocol l4;
  private int sourcePort;
  private int destinationPort;
  private int tcpFlags;
  private int icmpType;
  private final Span source = new Span();
  private final Span destination = new Span();
  private int type;
  private String nodeName;
  private final List<String> sourceNames = new ArrayList<>();
  private final List<String> destinationNames = new ArrayList<>();
  private boolean legacyReply;
  private final Span sourceService = new Span();
  private final Span destinationService = new Span();
  private int direction;
  private int observationPoint;
  private boolean hasIsReply;
  private boolean isReply;
  private final List<String> egressDeniedBy = new ArrayList<>();
  private final List<String> ingressDeniedBy = new ArrayList<>();

  FlowWireDecoder() {
    this(EndpointInterner.DEFAULT_CAPACITY, WireStrings.DEFAULT_CAPACITY);
  }

  FlowWireDecoder(int endpointCapacity, int stringCapacity) {
    this.strings = new WireStrings(stringCapacity);
    this.endpoints = new EndpointInterner(endpointCapacity);
    this.l7 = new L7WireDecoder(strings);
  }

  /** Decodes {@code bytes[offset, offset + length)}, one {@code GetFlowsResponse}; never throws on bad bytes. */
  DecodedResponse decode(byte[] bytes, int offset, int length) {
    try {
      return response(bytes, offset, length);
    } catch (IOException e) {
      return new Malformed(NOT_A_RESPONSE, e);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return new Malformed(NOT_A_FLOW, e);
    }
  }

  DecodedResponse decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** Endpoints forgotten by the interner because it was full. */
  long endpointsEvicted() {
    return endpoints.endpointsEvicted();
  }

  int endpointsInterned() {
    return endpoints.endpointsInterned();
  }

  /** Strings forgotten by the interner because it was full. */
  long stringsEvicted() {
    return strings.evicted();
  }

  private DecodedResponse response(byte[] bytes, int offset, int length) throws IOException {
    WireInput input = new WireInput(bytes, offset, length);
    flowBytes.clear();
    responseTime.clear();
    boolean isFlow = false;
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case RESPONSE_FLOW -> {
          if (!isFlow) {
            flowBytes.clear(); // another kind came between: the oneof starts afresh
            isFlow = true;
          }
          input.rangeInto(flowBytes);
        }
        case RESPONSE_NODE_STATUS, RESPONSE_LOST_EVENTS -> {
          isFlow = false;
          input.skip(tag);
        }
        case RESPONSE_TIME -> responseTime.read(input);
        default -> input.skip(tag);
      }
    }
    if (!isFlow) {
      return new Other(GetFlowsResponse.parser().parseFrom(bytes, offset, length));
    }
    Flow flow = flow(new WireInput(flowBytes));
    Object resumeKey = flow.uuid().isEmpty()
        ? ByteString.copyFrom(flowBytes.bytes, flowBytes.offset, flowBytes.length)
        : flow.uuid();
    return new FlowMessage(flow, resumeKey);
  }

  private Flow flow(WireInput input) throws IOException {
    clearFlow();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case TIME -> time.read(input);
        case UUID -> uuid = WireStrings.read(input);
        case VERDICT -> verdict = input.in.readEnum();
        case LEGACY_DROP_REASON -> legacyDropReason = input.in.readUInt32();
        case IP_FIELD -> ip(input);
        case L4 -> l4(input);
        case SOURCE -> input.rangeInto(source);
        case DESTINATION -> input.rangeInto(destination);
        case TYPE -> type = input.in.readEnum();
        case NODE_NAME -> nodeName = strings.intern(input);
        case SOURCE_NAMES -> sourceNames.add(strings.intern(input));
        case DESTINATION_NAMES -> destinationNames.add(strings.intern(input));
        case L7 -> l7.read(input);
        case LEGACY_REPLY -> legacyReply = input.in.readBool();
        case SOURCE_SERVICE -> input.rangeInto(sourceService);
        case DESTINATION_SERVICE -> input.rangeInto(destinationService);
        case TRAFFIC_DIRECTION -> direction = input.in.readEnum();
        case OBSERVATION_POINT -> observationPoint = input.in.readEnum();
        case DROP_REASON_DESC -> dropReasonDesc = input.in.readEnum();
        case IS_REPLY -> isReply(input);
        case EXTENSIONS -> extension.read(input);
        case EGRESS_DENIED_BY -> egressDeniedBy.add(policyName(input));
        case INGRESS_DENIED_BY -> ingressDeniedBy.add(policyName(input));
        default -> input.skip(tag);
      }
    }
    // Whatever can still fail to decode first, then the values the model may reject, as parse-then-map failed.
    Endpoint sourceEndpoint = endpoints.endpoint(source);
    Endpoint destinationEndpoint = endpoints.endpoint(destination);
    ServiceRef sourceServiceRef = endpoints.service(sourceService);
    ServiceRef destinationServiceRef = endpoints.service(destinationService);
    extension.measure();
    long fallbackTimeNanos = responseTime.present ? responseTime.nanos() : 0;
    // The deprecated reply bool cannot say "unknown": false is indistinguishable from unset, so only true is believed.
    Boolean reply = hasIsReply ? Boolean.valueOf(isReply) : legacyReply ? Boolean.TRUE : null;
    return new Flow(
        time.present ? time.nanos() : fallbackTimeNanos,
        uuid,
        Verdict.of(verdict),
        DropReason.of(dropReasonDesc != 0 ? dropReasonDesc : legacyDropReason),
        sourceEndpoint,
        destinationEndpoint,
        sourceIp,
        destinationIp,
        sourcePort,
        destinationPort,
        l4,
        tcpFlags,
        icmpType,
        TrafficDirection.ofNumber(direction),
        reply,
        FlowType.ofNumber(type),
        nodeName,
        sourceNames.isEmpty() ? List.of() : sourceNames,
        destinationNames.isEmpty() ? List.of() : destinationNames,
        sourceServiceRef,
        destinationServiceRef,
        l7.build(),
        deniedBy(),
        observationPoint(observationPoint),
        extension.bytes,
        extension.packets);
  }

  private void clearFlow() {
    time.clear();
    uuid = "";
    verdict = 0;
    legacyDropReason = 0;
    dropReasonDesc = 0;
    sourceIp = "";
    destinationIp = "";
    l4 = L4Protocol.NONE;
    sourcePort = 0;
    destinationPort = 0;
    tcpFlags = 0;
    icmpType = 0;
    source.clear();
    destination.clear();
    type = 0;
    nodeName = "";
    sourceNames.clear();
    destinationNames.clear();
    l7.clear();
    legacyReply = false;
    sourceService.clear();
    destinationService.clear();
    direction = 0;
    observationPoint = 0;
    hasIsReply = false;
    isReply = false;
    extension.clear();
    egressDeniedBy.clear();
    ingressDeniedBy.clear();
  }

  private void ip(WireInput input) throws IOException {
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case IP_SOURCE -> sourceIp = strings.intern(input);
        case IP_DESTINATION -> destinationIp = strings.intern(input);
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
  }

  private void l4(WireInput input) throws IOException {
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case L4_TCP -> ports(input, L4Protocol.TCP);
        case L4_UDP -> ports(input, L4Protocol.UDP);
        case L4_SCTP -> ports(input, L4Protocol.SCTP);
        case L4_ICMPV4 -> ports(input, L4Protocol.ICMPV4);
        case L4_ICMPV6 -> ports(input, L4Protocol.ICMPV6);
        case L4_VRRP -> ports(input, L4Protocol.VRRP);
        case L4_IGMP -> ports(input, L4Protocol.IGMP);
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
  }

  /**
   * One member of the {@code Layer4.protocol} oneof: another kind than the last starts from zero, the same kind
   * merges. Only the fields the protocol has are read (the ICMP code field shares a number with the ports).
   */
  private void ports(WireInput input, L4Protocol protocol) throws IOException {
    if (l4 != protocol) {
      l4 = protocol;
      sourcePort = 0;
      destinationPort = 0;
      tcpFlags = 0;
      icmpType = 0;
    }
    boolean hasPorts = protocol == L4Protocol.TCP || protocol == L4Protocol.UDP || protocol == L4Protocol.SCTP;
    boolean isIcmp = protocol == L4Protocol.ICMPV4 || protocol == L4Protocol.ICMPV6;
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      if (hasPorts && tag == SOURCE_PORT) {
        sourcePort = input.in.readUInt32();
      } else if (hasPorts && tag == DESTINATION_PORT) {
        destinationPort = input.in.readUInt32();
      } else if (protocol == L4Protocol.TCP && tag == TCP_FLAGS) {
        flags(input);
      } else if (isIcmp && tag == ICMP_TYPE) {
        icmpType = input.in.readUInt32();
      } else {
        input.skip(tag);
      }
    }
    input.exit(limit);
  }

  private void flags(WireInput input) throws IOException {
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      int field = tag >>> 3;
      if ((tag & 7) == VARINT && field < FLAG_BITS.length && FLAG_BITS[field] != 0) {
        tcpFlags = input.in.readBool() ? tcpFlags | FLAG_BITS[field] : tcpFlags & ~FLAG_BITS[field];
      } else {
        input.skip(tag);
      }
    }
    input.exit(limit);
  }

  private void isReply(WireInput input) throws IOException {
    hasIsReply = true;
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      if (tag == BOOL_VALUE) {
        isReply = input.in.readBool();
      } else {
        input.skip(tag);
      }
    }
    input.exit(limit);
  }

  private String policyName(WireInput input) throws IOException {
    String name = "";
    String namespace = "";
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case POLICY_NAME -> name = WireStrings.read(input);
        case POLICY_NAMESPACE -> namespace = WireStrings.read(input);
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  private List<String> deniedBy() {
    if (egressDeniedBy.isEmpty() && ingressDeniedBy.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(egressDeniedBy.size() + ingressDeniedBy.size());
    names.addAll(egressDeniedBy);
    names.addAll(ingressDeniedBy);
    return names;
  }

  private static String observationPoint(int number) {
    if (number == 0) {
      return "";
    }
    TraceObservationPoint point = TraceObservationPoint.forNumber(number);
    return point != null ? point.name() : "TRACE_OBSERVATION_POINT_" + number;
  }

  /** A {@code google.protobuf.Timestamp} being read; occurring twice, its fields are last-wins. */
  private static final class Stamp {
    boolean present;
    long seconds;
    int nanos;

    void clear() {
      present = false;
      seconds = 0;
      nanos = 0;
    }

    void read(WireInput input) throws IOException {
      present = true;
      int limit = input.enter();
      for (int tag; (tag = input.tag()) != 0; ) {
        switch (tag) {
          case TIMESTAMP_SECONDS -> seconds = input.in.readInt64();
          case TIMESTAMP_NANOS -> nanos = input.in.readInt32();
          default -> input.skip(tag);
        }
      }
      input.exit(limit);
    }

    /** Nanoseconds since the epoch; throws {@link ArithmeticException} beyond a long. */
    long nanos() {
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }
  }
}
