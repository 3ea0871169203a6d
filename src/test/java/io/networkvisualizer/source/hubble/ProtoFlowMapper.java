package io.networkvisualizer.source.hubble;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ProtocolStringList;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.DropReason;
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
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.retina.RetinaMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Hubble's protobuf {@code flow.Flow} into the product's {@link Flow}. Tolerant by design: unknown enum numbers
 * are kept as numbers, missing messages become neutral values, and only a flow our model rejects outright (a port
 * above 65535, a negative time) makes {@link #map} throw, which the caller counts as malformed.
 *
 * <p>Endpoints, services and node names are interned in bounded caches, so the flows of one pod share one
 * {@link Endpoint}. Not thread-safe: one mapper per source thread.
 *
 * <p>Test code: the Hubble client's mapping before {@link FlowWireDecoder}, kept as that decoder's differential
 * oracle (generated parser, then this), and for tests and benchmarks elsewhere that map generated protos
 * ({@link TestProtoMapper}).
 */
final class ProtoFlowMapper {
  /** Endpoints kept for sharing; a cluster has far fewer distinct (pod, labels) pairs. */
  static final int DEFAULT_ENDPOINT_CAPACITY = 16_384;

  private static final String STRUCT_TYPE = Struct.getDescriptor().getFullName();
  private static final String RETINA_TYPE = RetinaMetadata.getDescriptor().getFullName();
  private static final String STRUCT_BYTES = "bytes";
  private static final String STRUCT_PREVIOUS_BYTES = "previously_observed_bytes";
  private static final String STRUCT_PREVIOUS_PACKETS = "previously_observed_packets";

  private final BoundedCache<EndpointKey, Endpoint> endpoints;
  private final BoundedCache<String, String> strings = new BoundedCache<>(4096);
  private final BoundedCache<ServiceRef, ServiceRef> services = new BoundedCache<>(4096);

  ProtoFlowMapper() {
    this(DEFAULT_ENDPOINT_CAPACITY);
  }

  ProtoFlowMapper(int endpointCapacity) {
    this.endpoints = new BoundedCache<>(endpointCapacity);
  }

  /**
   * Maps one flow.
   *
   * @param fallbackTimeNanos used when the flow has no {@code time}: the response's own {@code time}, or 0
   * @throws IllegalArgumentException when a value is outside what the model accepts
   */
  Flow map(io.networkvisualizer.source.hubble.proto.flow.Flow p, long fallbackTimeNanos) {
    long timeNanos = p.hasTime() ? nanos(p.getTime()) : fallbackTimeNanos;

    int sourcePort = 0;
    int destinationPort = 0;
    int tcpFlags = 0;
    int icmpType = 0;
    L4Protocol l4 = L4Protocol.NONE;
    if (p.hasL4()) {
      Layer4 layer4 = p.getL4();
      switch (layer4.getProtocolCase()) {
        case TCP -> {
          l4 = L4Protocol.TCP;
          sourcePort = layer4.getTCP().getSourcePort();
          destinationPort = layer4.getTCP().getDestinationPort();
          tcpFlags = layer4.getTCP().hasFlags() ? flags(layer4.getTCP().getFlags()) : 0;
        }
        case UDP -> {
          l4 = L4Protocol.UDP;
          sourcePort = layer4.getUDP().getSourcePort();
          destinationPort = layer4.getUDP().getDestinationPort();
        }
        case SCTP -> {
          l4 = L4Protocol.SCTP;
          sourcePort = layer4.getSCTP().getSourcePort();
          destinationPort = layer4.getSCTP().getDestinationPort();
        }
        case ICMPV4 -> {
          l4 = L4Protocol.ICMPV4;
          icmpType = layer4.getICMPv4().getType();
        }
        case ICMPV6 -> {
          l4 = L4Protocol.ICMPV6;
          icmpType = layer4.getICMPv6().getType();
        }
        case VRRP -> l4 = L4Protocol.VRRP;
        case IGMP -> l4 = L4Protocol.IGMP;
        default -> l4 = L4Protocol.NONE;
      }
    }

    Boolean isReply = p.hasIsReply() ? Boolean.valueOf(p.getIsReply().getValue()) : legacyReply(p);
    int dropReason = p.getDropReasonDescValue() != 0 ? p.getDropReasonDescValue() : legacyDropReason(p);

    long bytes = Flow.UNMEASURED;
    long packets = Flow.UNMEASURED;
    if (p.hasExtensions()) {
      long[] measured = measured(p.getExtensions());
      if (measured != null) {
        bytes = measured[0];
        packets = measured[1];
      }
    }

    return new Flow(
        timeNanos,
        p.getUuid(),
        Verdict.of(p.getVerdictValue()),
        DropReason.of(dropReason),
        p.hasSource() ? endpoint(p.getSource()) : Endpoint.UNKNOWN,
        p.hasDestination() ? endpoint(p.getDestination()) : Endpoint.UNKNOWN,
        p.hasIP() ? p.getIP().getSource() : "",
        p.hasIP() ? p.getIP().getDestination() : "",
        sourcePort,
        destinationPort,
        l4,
        tcpFlags,
        icmpType,
        TrafficDirection.ofNumber(p.getTrafficDirectionValue()),
        isReply,
        FlowType.ofNumber(p.getTypeValue()),
        intern(strings, p.getNodeName()),
        names(p.getSourceNamesList()),
        names(p.getDestinationNamesList()),
        p.hasSourceService() ? service(p.getSourceService()) : null,
        p.hasDestinationService() ? service(p.getDestinationService()) : null,
        p.hasL7() ? l7(p.getL7()) : null,
        deniedBy(p),
        observationPoint(p.getTraceObservationPointValue()),
        bytes,
        packets);
  }

  /** Nanoseconds since the epoch of a protobuf timestamp. */
  static long nanos(Timestamp t) {
    return Math.addExact(Math.multiplyExact(t.getSeconds(), 1_000_000_000L), t.getNanos());
  }

  /** Endpoints forgotten by the interner because it was full. */
  long endpointsEvicted() {
    return endpoints.evicted();
  }

  int endpointsInterned() {
    return endpoints.size();
  }

  @SuppressWarnings("deprecation")
  private static Boolean legacyReply(io.networkvisualizer.source.hubble.proto.flow.Flow p) {
    // The deprecated bool cannot say "unknown": false is indistinguishable from unset, so only true is believed.
    return p.getReply() ? Boolean.TRUE : null;
  }

  @SuppressWarnings("deprecation")
  private static int legacyDropReason(io.networkvisualizer.source.hubble.proto.flow.Flow p) {
    return p.getDropReason();
  }

  /**
   * The shared endpoint for a proto endpoint. Looked up by (id, identity, namespace, pod), which hashes a few short
   * strings instead of every label, then checked field by field against the cached one (string comparison is much
   * cheaper than hashing the labels again); built and cached anew when anything differs.
   */
  private Endpoint endpoint(io.networkvisualizer.source.hubble.proto.flow.Endpoint e) {
    EndpointKey key = new EndpointKey(e.getID(), e.getIdentity(), e.getNamespace(), e.getPodName());
    Endpoint cached = endpoints.get(key);
    if (cached != null && sameDetails(cached, e)) {
      return cached;
    }
    String workloadName = "";
    String workloadKind = "";
    if (e.getWorkloadsCount() > 0) {
      workloadName = e.getWorkloads(0).getName();
      workloadKind = e.getWorkloads(0).getKind();
    }
    Endpoint built = new Endpoint(e.getID(), e.getIdentity(), e.getClusterName(), e.getNamespace(), e.getPodName(),
        e.getLabelsCount() == 0 ? List.of() : List.copyOf(e.getLabelsList()), workloadName, workloadKind);
    if (built.equals(Endpoint.UNKNOWN)) {
      built = Endpoint.UNKNOWN;
    }
    endpoints.put(key, built);
    return built;
  }

  /** Whether {@code cached}, found by its key, also has {@code e}'s cluster, labels and workload. */
  private static boolean sameDetails(Endpoint cached, io.networkvisualizer.source.hubble.proto.flow.Endpoint e) {
    List<String> labels = cached.labels();
    int count = e.getLabelsCount();
    if (labels.size() != count || !cached.cluster().equals(e.getClusterName())) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!labels.get(i).equals(e.getLabels(i))) {
        return false;
      }
    }
    if (e.getWorkloadsCount() == 0) {
      return cached.workloadName().isEmpty() && cached.workloadKind().isEmpty();
    }
    return cached.workloadName().equals(e.getWorkloads(0).getName())
        && cached.workloadKind().equals(e.getWorkloads(0).getKind());
  }

  /** What endpoints are looked up by; the rest of an endpoint is compared, not hashed. */
  private record EndpointKey(int id, int identity, String namespace, String podName) {}

  private static <T> T intern(BoundedCache<T, T> cache, T value) {
    T existing = cache.get(value);
    if (existing != null) {
      return existing;
    }
    cache.put(value, value);
    return value;
  }

  private ServiceRef service(Service s) {
    if (s.getName().isEmpty() && s.getNamespace().isEmpty()) {
      return null;
    }
    return intern(services, new ServiceRef(s.getNamespace(), s.getName()));
  }

  private static List<String> names(ProtocolStringList names) {
    return names.isEmpty() ? List.of() : List.copyOf(names);
  }

  private static int flags(TCPFlags f) {
    int bits = 0;
    if (f.getFIN()) {
      bits |= TcpFlags.FIN;
    }
    if (f.getSYN()) {
      bits |= TcpFlags.SYN;
    }
    if (f.getRST()) {
      bits |= TcpFlags.RST;
    }
    if (f.getPSH()) {
      bits |= TcpFlags.PSH;
    }
    if (f.getACK()) {
      bits |= TcpFlags.ACK;
    }
    if (f.getURG()) {
      bits |= TcpFlags.URG;
    }
    if (f.getECE()) {
      bits |= TcpFlags.ECE;
    }
    if (f.getCWR()) {
      bits |= TcpFlags.CWR;
    }
    if (f.getNS()) {
      bits |= TcpFlags.NS;
    }
    return bits;
  }

  private static L7 l7(Layer7 l) {
    Http http = null;
    Dns dns = null;
    switch (l.getRecordCase()) {
      case HTTP -> {
        HTTP h = l.getHttp();
        http = new Http(h.getCode(), h.getMethod(), h.getUrl(), h.getProtocol());
      }
      case DNS -> {
        DNS d = l.getDns();
        dns = new Dns(d.getQuery(), names(d.getIpsList()), d.getRcode(), names(d.getQtypesList()), uint32(d.getTtl()));
      }
      default -> { }
    }
    return new L7(L7.Type.ofNumber(l.getTypeValue()), l.getLatencyNs(), http, dns);
  }

  /** A uint32 as a non-negative int; values above {@code Integer.MAX_VALUE} (Hubble's "no TTL", 2^32-1) saturate. */
  private static int uint32(int value) {
    return value < 0 ? Integer.MAX_VALUE : value;
  }

  private static List<String> deniedBy(io.networkvisualizer.source.hubble.proto.flow.Flow p) {
    int count = p.getEgressDeniedByCount() + p.getIngressDeniedByCount();
    if (count == 0) {
      return List.of();
    }
    List<String> names = new ArrayList<>(count);
    for (Policy policy : p.getEgressDeniedByList()) {
      names.add(policyName(policy));
    }
    for (Policy policy : p.getIngressDeniedByList()) {
      names.add(policyName(policy));
    }
    return names;
  }

  private static String policyName(Policy policy) {
    return policy.getNamespace().isEmpty() ? policy.getName() : policy.getNamespace() + "/" + policy.getName();
  }

  private static String observationPoint(int number) {
    if (number == 0) {
      return "";
    }
    TraceObservationPoint point = TraceObservationPoint.forNumber(number);
    return point != null ? point.name() : "TRACE_OBSERVATION_POINT_" + number;
  }

  /**
   * Measured {bytes, packets} from a Retina-style extension, or null when the extension measures nothing this build
   * reads (see API-FACTS "Byte counts").
   */
  static long[] measured(Any extension) {
    // Compares the type name itself: Any.is and Any.unpack look the default instance up by reflection on every
    // call, which cost more than the rest of the mapping on a flow stream carrying measured bytes.
    String url = extension.getTypeUrl();
    try {
      if (names(url, STRUCT_TYPE)) {
        return measured(Struct.parseFrom(extension.getValue()));
      }
      if (names(url, RETINA_TYPE)) {
        return measured(RetinaMetadata.parseFrom(extension.getValue()));
      }
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
    return null;
  }

  /**
   * Whether an {@code Any}'s type URL names this message type: what follows its last '/', as {@code Any.is} reads
   * it (a URL without a '/' names nothing).
   */
  private static boolean names(String typeUrl, String type) {
    int at = typeUrl.length() - type.length();
    return at > 0 && typeUrl.endsWith(type) && typeUrl.charAt(at - 1) == '/';
  }

  /** Retina 1.1+: {@code bytes} is this packet, the {@code previously_observed_*} counts came before it. */
  private static long[] measured(Struct s) {
    long bytes = count(s.getFieldsOrDefault(STRUCT_BYTES, null));
    if (bytes < 0) {
      return null;
    }
    long previousBytes = Math.max(0, count(s.getFieldsOrDefault(STRUCT_PREVIOUS_BYTES, null)));
    long previousPackets = Math.max(0, count(s.getFieldsOrDefault(STRUCT_PREVIOUS_PACKETS, null)));
    return new long[] {bytes + previousBytes, previousPackets + 1};
  }

  /** Retina 1.0: the same counts as uint32 fields; all zero means nothing was measured. */
  private static long[] measured(RetinaMetadata m) {
    long bytes = Integer.toUnsignedLong(m.getBytes()) + Integer.toUnsignedLong(m.getPreviouslyObservedBytes());
    if (bytes == 0) {
      return null;
    }
    return new long[] {bytes, Integer.toUnsignedLong(m.getPreviouslyObservedPackets()) + 1};
  }

  /** A Struct number as a count, or -1 when it is absent, not a number, negative or not finite. */
  private static long count(Value v) {
    if (v == null || v.getKindCase() != Value.KindCase.NUMBER_VALUE) {
      return -1;
    }
    double d = v.getNumberValue();
    return Double.isFinite(d) && d >= 0 && d < 1e18 ? Math.round(d) : -1;
  }
}
