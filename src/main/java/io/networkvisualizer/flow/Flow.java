package io.networkvisualizer.flow;

import java.time.Instant;
import java.util.List;

/**
 * One observed network flow event, in the product's own compact form: what every consumer (store, metrics, anomaly
 * detection, live stream) reads. Sources build it from Hubble's protobuf or jsonpb; proto types never leave them.
 *
 * <p>{@code bytes} and {@code packets} are only set when the source really measured them (Retina-style
 * {@code extensions}, or the simulator that writes the same form); Cilium's own flows carry no byte counts and leave
 * them at {@link #UNMEASURED}.
 *
 * @param timeNanos event time, nanoseconds since the epoch
 * @param uuid Hubble's flow id, empty when the source gave none
 * @param isReply true for the reply direction of a connection, false for the original direction, null when unknown
 * @param icmpType ICMP type for ICMP flows, else 0
 * @param deniedBy names of the network policies that denied this flow ({@code namespace/name})
 * @param observationPoint Hubble's trace observation point name, empty when unknown
 * @param bytes measured bytes this event stands for, or {@link #UNMEASURED}
 * @param packets measured packets this event stands for, or {@link #UNMEASURED}
 */
public record Flow(
    long timeNanos,
    String uuid,
    Verdict verdict,
    DropReason dropReason,
    Endpoint source,
    Endpoint destination,
    String sourceIp,
    String destinationIp,
    int sourcePort,
    int destinationPort,
    L4Protocol l4,
    int tcpFlags,
    int icmpType,
    TrafficDirection direction,
    Boolean isReply,
    FlowType type,
    String nodeName,
    List<String> sourceNames,
    List<String> destinationNames,
    ServiceRef sourceService,
    ServiceRef destinationService,
    L7 l7,
    List<String> deniedBy,
    String observationPoint,
    long bytes,
    long packets) {

  /** Marks a byte or packet count that the source did not measure. */
  public static final long UNMEASURED = -1;

  public Flow {
    if (timeNanos < 0) {
      throw new IllegalArgumentException("timeNanos must be >= 0 (was " + timeNanos + ")");
    }
    uuid = Strings.orEmpty(uuid);
    verdict = verdict == null ? Verdict.UNKNOWN : verdict;
    dropReason = dropReason == null ? DropReason.NONE : dropReason;
    source = source == null ? Endpoint.UNKNOWN : source;
    destination = destination == null ? Endpoint.UNKNOWN : destination;
    sourceIp = Strings.orEmpty(sourceIp);
    destinationIp = Strings.orEmpty(destinationIp);
    checkPort("sourcePort", sourcePort);
    checkPort("destinationPort", destinationPort);
    l4 = l4 == null ? L4Protocol.NONE : l4;
    direction = direction == null ? TrafficDirection.UNKNOWN : direction;
    type = type == null ? FlowType.UNKNOWN : type;
    nodeName = Strings.orEmpty(nodeName);
    sourceNames = sourceNames == null ? List.of() : List.copyOf(sourceNames);
    destinationNames = destinationNames == null ? List.of() : List.copyOf(destinationNames);
    deniedBy = deniedBy == null ? List.of() : List.copyOf(deniedBy);
    observationPoint = Strings.orEmpty(observationPoint);
    if (bytes < UNMEASURED || packets < UNMEASURED) {
      throw new IllegalArgumentException("bytes and packets must be >= 0 or UNMEASURED (was " + bytes + ", " + packets + ")");
    }
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0..65535 (was " + port + ")");
    }
  }

  public Instant time() {
    return Instant.ofEpochSecond(timeNanos / 1_000_000_000L, timeNanos % 1_000_000_000L);
  }

  public long timeMillis() {
    return timeNanos / 1_000_000L;
  }

  /** Whether the source measured this flow's size. */
  public boolean bytesMeasured() {
    return bytes != UNMEASURED;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds flows field by field; every field has a neutral default. */
  public static final class Builder {
    private long timeNanos;
    private String uuid = "";
    private Verdict verdict = Verdict.UNKNOWN;
    private DropReason dropReason = DropReason.NONE;
    private Endpoint source = Endpoint.UNKNOWN;
    private Endpoint destination = Endpoint.UNKNOWN;
    private String sourceIp = "";
    private String destinationIp = "";
    private int sourcePort;
    private int destinationPort;
    private L4Protocol l4 = L4Protocol.NONE;
    private int tcpFlags;
    private int icmpType;
    private TrafficDirection direction = TrafficDirection.UNKNOWN;
    private Boolean isReply;
    private FlowType type = FlowType.UNKNOWN;
    private String nodeName = "";
    private List<String> sourceNames = List.of();
    private List<String> destinationNames = List.of();
    private ServiceRef sourceService;
    private ServiceRef destinationService;
    private L7 l7;
    private List<String> deniedBy = List.of();
    private String observationPoint = "";
    private long bytes = UNMEASURED;
    private long packets = UNMEASURED;

    private Builder() {}

    private Builder(Flow f) {
      timeNanos = f.timeNanos;
      uuid = f.uuid;
      verdict = f.verdict;
      dropReason = f.dropReason;
      source = f.source;
      destination = f.destination;
      sourceIp = f.sourceIp;
      destinationIp = f.destinationIp;
      sourcePort = f.sourcePort;
      destinationPort = f.destinationPort;
      l4 = f.l4;
      tcpFlags = f.tcpFlags;
      icmpType = f.icmpType;
      direction = f.direction;
      isReply = f.isReply;
      type = f.type;
      nodeName = f.nodeName;
      sourceNames = f.sourceNames;
      destinationNames = f.destinationNames;
      sourceService = f.sourceService;
      destinationService = f.destinationService;
      l7 = f.l7;
      deniedBy = f.deniedBy;
      observationPoint = f.observationPoint;
      bytes = f.bytes;
      packets = f.packets;
    }

    public Builder timeNanos(long v) { timeNanos = v; return this; }
    public Builder time(Instant t) { timeNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano(); return this; }
    public Builder uuid(String v) { uuid = v; return this; }
    public Builder verdict(Verdict v) { verdict = v; return this; }
    public Builder dropReason(DropReason v) { dropReason = v; return this; }
    public Builder source(Endpoint v) { source = v; return this; }
    public Builder destination(Endpoint v) { destination = v; return this; }
    public Builder sourceIp(String v) { sourceIp = v; return this; }
    public Builder destinationIp(String v) { destinationIp = v; return this; }
    public Builder sourcePort(int v) { sourcePort = v; return this; }
    public Builder destinationPort(int v) { destinationPort = v; return this; }
    public Builder l4(L4Protocol v) { l4 = v; return this; }
    public Builder tcpFlags(int v) { tcpFlags = v; return this; }
    public Builder icmpType(int v) { icmpType = v; return this; }
    public Builder direction(TrafficDirection v) { direction = v; return this; }
    public Builder isReply(Boolean v) { isReply = v; return this; }
    public Builder type(FlowType v) { type = v; return this; }
    public Builder nodeName(String v) { nodeName = v; return this; }
    public Builder sourceNames(List<String> v) { sourceNames = v; return this; }
    public Builder destinationNames(List<String> v) { destinationNames = v; return this; }
    public Builder sourceService(ServiceRef v) { sourceService = v; return this; }
    public Builder destinationService(ServiceRef v) { destinationService = v; return this; }
    public Builder l7(L7 v) { l7 = v; return this; }
    public Builder deniedBy(List<String> v) { deniedBy = v; return this; }
    public Builder observationPoint(String v) { observationPoint = v; return this; }
    public Builder bytes(long v) { bytes = v; return this; }
    public Builder packets(long v) { packets = v; return this; }

    public Flow build() {
      return new Flow(timeNanos, uuid, verdict, dropReason, source, destination, sourceIp, destinationIp,
          sourcePort, destinationPort, l4, tcpFlags, icmpType, direction, isReply, type, nodeName, sourceNames,
          destinationNames, sourceService, destinationService, l7, deniedBy, observationPoint, bytes, packets);
    }
  }
}
