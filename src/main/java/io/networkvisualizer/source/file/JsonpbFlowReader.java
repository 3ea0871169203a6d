package io.networkvisualizer.source.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.flow.Strings;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one line of a Hubble flow log, in the form {@code hubble observe -o jsonpb} and Hubble's exporter write
 * ({@code {"flow":{...},"node_name":"...","time":"..."}}, or {@code lost_events} / {@code node_status} in place of
 * {@code flow}) or the bare flow objects of older CLIs, into a {@link Flow}.
 *
 * <p>It parses with Jackson's streaming parser, token by token, straight from the line's bytes: no tree, no protobuf
 * {@code JsonFormat} (about ten times slower), and endpoints and recurring strings are interned through bounded tables
 * so that a line whose pods were seen before allocates little more than the flow itself. The mapping is the one the
 * protobuf path applies, field for field: keys are proto field names (their lowerCamelCase JSON names are accepted
 * too), enums come by name or number, 64-bit integers as strings or numbers, absent fields mean defaults.
 *
 * <p>Bad input never throws: unknown keys are skipped, unknown enum names and numbers keep what can be kept and are
 * counted ({@link #unknownEnumValues()}), and a line that cannot be read comes back as a {@link MalformedLine} with its
 * line number and a short reason. Not thread-safe: one reader per thread (its interners are its own).
 */
public final class JsonpbFlowReader {
  /** Most items kept from one repeated field (labels, names, DNS answers, policies); the rest are counted and dropped. */
  public static final int MAX_LIST_ITEMS = 128;
  /** Endpoints interned by default: distinct pods and identities a reader keeps shared instances for. */
  public static final int DEFAULT_ENDPOINT_CAPACITY = 4096;

  static final String STRUCT_TYPE_URL = "type.googleapis.com/google.protobuf.Struct";

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_REASON_CHARS = 120;
  private static final int MAX_INTERNED_CHARS = 256;

  private static final String[] VERDICTS = {
    "VERDICT_UNKNOWN", "FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED"
  };
  private static final String[] FLOW_TYPES = {"UNKNOWN_TYPE", "L3_L4", "L7", "SOCK"};
  private static final String[] DIRECTIONS = {"TRAFFIC_DIRECTION_UNKNOWN", "INGRESS", "EGRESS"};
  private static final String[] L7_TYPES = {"UNKNOWN_L7_TYPE", "REQUEST", "RESPONSE", "SAMPLE"};
  private static final String[] OBSERVATION_POINTS = {
    "UNKNOWN_POINT", "TO_PROXY", "TO_HOST", "TO_STACK", "TO_OVERLAY", "FROM_ENDPOINT", "FROM_PROXY", "FROM_HOST",
    "FROM_STACK", "FROM_OVERLAY", "FROM_NETWORK", "TO_NETWORK", "FROM_CRYPTO", "TO_CRYPTO", "TO_ENDPOINT"
  };
  private static final int[] OBSERVATION_POINT_NUMBERS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 101};
  private static final String[] NODE_STATES = {
    "UNKNOWN_NODE_STATE", "NODE_CONNECTED", "NODE_UNAVAILABLE", "NODE_GONE", "NODE_ERROR"
  };
  private static final String[] LOST_EVENT_SOURCES = {
    "UNKNOWN_LOST_EVENT_SOURCE", "PERF_EVENT_RING_BUFFER", "OBSERVER_EVENTS_QUEUE", "HUBBLE_RING_BUFFER"
  };
  private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
  /** Drop reason names the flow model knows, to their numbers. */
  private static final Map<String, Integer> DROP_REASONS = dropReasonNames();
  private static final DropReason[] DROP_REASON_CACHE = new DropReason[256];

  static {
    for (int i = 0; i < DROP_REASON_CACHE.length; i++) {
      DROP_REASON_CACHE[i] = DropReason.of(i);
    }
  }

  /** What one line of a flow log holds. */
  public sealed interface Line permits FlowLine, LostEventsLine, NodeStatusLine, MalformedLine, SkippedLine {}

  /** A flow. */
  public record FlowLine(Flow flow) implements Line {
    public FlowLine {
      Objects.requireNonNull(flow, "flow");
    }
  }

  /**
   * Hubble's report that it lost flows (its buffers overflowed).
   *
   * @param numEventsLost flows lost, 0 when Hubble did not say
   * @param source which buffer overflowed, e.g. {@code PERF_EVENT_RING_BUFFER}; empty when not given
   */
  public record LostEventsLine(long numEventsLost, String source) implements Line {
    public LostEventsLine {
      if (numEventsLost < 0) {
        throw new IllegalArgumentException("numEventsLost must be >= 0 (was " + numEventsLost + ")");
      }
      source = Strings.orEmpty(source);
    }
  }

  /**
   * Relay's report that nodes connected, became unavailable or failed.
   *
   * @param state the {@code NodeState} name, e.g. {@code NODE_CONNECTED}
   */
  public record NodeStatusLine(String state, List<String> nodeNames, String message) implements Line {
    public NodeStatusLine {
      state = Strings.orEmpty(state);
      nodeNames = nodeNames == null ? List.of() : List.copyOf(nodeNames);
      message = Strings.orEmpty(message);
    }
  }

  /**
   * A line that could not be read as a flow log line.
   *
   * @param lineNumber 1-based line number in its file
   * @param reason why, in a few words (never the line itself)
   */
  public record MalformedLine(long lineNumber, String reason) implements Line {
    public MalformedLine {
      if (lineNumber < 1) {
        throw new IllegalArgumentException("lineNumber must be >= 1 (was " + lineNumber + ")");
      }
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A line that holds no flow and nothing to count: a blank line, or an export file's {@code agent_event} or
   * {@code debug_event}.
   *
   * @param what {@code blank}, {@code agent_event} or {@code debug_event}
   */
  public record SkippedLine(String what) implements Line {
    static final SkippedLine BLANK = new SkippedLine("blank");
  }

  /** A value that makes its line unreadable; the message names the field. Carries no stack trace. */
  private static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message, null, false, false);
    }
  }

  private final TextInterner texts;
  private final EndpointInterner endpoints;
  private final RawEndpointCache rawEndpoints;
  /** The bytes of the line being read, and what to add to the parser's offsets to index them. */
  private byte[] lineBytes;
  private long lineOffset;
  private long unknownEnumValues;
  private long truncatedLists;
  private long unmeasuredExtensions;
  private final String[] listScratch = new String[MAX_LIST_ITEMS];

  // The line being read: reset by reset().
  private boolean sawFlow;
  private boolean sawBareFlowField;
  private boolean sawLostEvents;
  private boolean sawNodeStatus;
  private String otherEvent;
  private long envelopeTime;
  private String envelopeNode;
  private long time;
  private String uuid;
  private int verdict;
  private int dropReasonDesc;
  private int dropReasonLegacy;
  private Endpoint source;
  private Endpoint destination;
  private String sourceIp;
  private String destinationIp;
  private int sourcePort;
  private int destinationPort;
  private L4Protocol l4;
  private int tcpFlags;
  private int icmpType;
  private int direction;
  private Boolean isReply;
  private boolean replyLegacy;
  private int flowType;
  private String nodeName;
  private List<String> sourceNames;
  private List<String> destinationNames;
  private ServiceRef sourceService;
  private ServiceRef destinationService;
  private L7 l7;
  private List<String> egressDeniedBy;
  private List<String> ingressDeniedBy;
  private String observationPoint;
  private long bytes;
  private long packets;
  private boolean sawExtensions;
  private long lostCount;
  private String lostSource;
  private String nodeState;
  private List<String> nodeNames;
  private String nodeMessage;

  /** A reader with the default endpoint interner capacity. */
  public JsonpbFlowReader() {
    this(DEFAULT_ENDPOINT_CAPACITY);
  }

  /** @param endpointCapacity distinct endpoints kept shared (rounded up to a power of two, 8..1048576) */
  public JsonpbFlowReader(int endpointCapacity) {
    this.texts = new TextInterner(Math.max(4096, endpointCapacity), MAX_INTERNED_CHARS);
    this.endpoints = new EndpointInterner(endpointCapacity, texts);
    this.rawEndpoints = new RawEndpointCache(endpointCapacity);
  }

  /** Reads one line given as text (tests, cold paths). */
  public Line read(String line, long lineNumber) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return read(bytes, 0, bytes.length, lineNumber);
  }

  /**
   * Reads the line in {@code buf[offset, offset+length)}, UTF-8 without its line terminator.
   *
   * @param lineNumber 1-based number of the line in its file, for {@link MalformedLine}
   */
  public Line read(byte[] buf, int offset, int length, long lineNumber) {
    int end = offset + length;
    int start = offset;
    if (length >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB && buf[start + 2] == (byte) 0xBF) {
      start += 3; // a UTF-8 byte order mark, as the first line of a file written on Windows may have
    }
    while (start < end && isWhitespace(buf[start])) {
      start++;
    }
    if (start == end) {
      return SkippedLine.BLANK;
    }
    reset();
    try (JsonParser p = JSON.createParser(buf, start, end - start)) {
      lineBytes = buf;
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new MalformedLine(lineNumber, "not a JSON object");
      }
      lineOffset = start - p.currentTokenLocation().getByteOffset();
      return parseLine(p, lineNumber);
    } catch (JsonEOFException e) {
      return new MalformedLine(lineNumber, "line ends inside its JSON (truncated?)");
    } catch (JsonProcessingException e) {
      return new MalformedLine(lineNumber, invalidJson(e));
    } catch (IOException e) {
      return new MalformedLine(lineNumber, shorten("unreadable: " + e.getMessage()));
    } catch (BadLine e) {
      return new MalformedLine(lineNumber, e.getMessage());
    } catch (IllegalArgumentException e) {
      // a value our model refuses (its message names the value)
      return new MalformedLine(lineNumber, shorten(e.getMessage()));
    }
  }

  /** Enum names or numbers this build does not know, seen so far (kept as far as possible, never fatal). */
  public long unknownEnumValues() {
    return unknownEnumValues;
  }

  /** Repeated fields cut at {@link #MAX_LIST_ITEMS}, seen so far. */
  public long truncatedLists() {
    return truncatedLists;
  }

  /** Flows whose {@code extensions} were not a Retina-style Struct with byte counts, left unmeasured. */
  public long unmeasuredExtensions() {
    return unmeasuredExtensions;
  }

  /** Distinct endpoints currently interned. */
  public int internedEndpoints() {
    return endpoints.size();
  }

  /** Endpoints evicted from the full interners to make room for new ones. */
  public long endpointsReplaced() {
    return endpoints.replaced() + rawEndpoints.replaced();
  }

  // ---------------------------------------------------------------- line

  private void reset() {
    sawFlow = sawBareFlowField = sawLostEvents = sawNodeStatus = sawExtensions = false;
    otherEvent = null;
    envelopeTime = -1;
    envelopeNode = "";
    time = -1;
    uuid = "";
    verdict = 0;
    dropReasonDesc = 0;
    dropReasonLegacy = 0;
    source = destination = Endpoint.UNKNOWN;
    sourceIp = destinationIp = "";
    sourcePort = destinationPort = 0;
    l4 = L4Protocol.NONE;
    tcpFlags = icmpType = 0;
    direction = 0;
    isReply = null;
    replyLegacy = false;
    flowType = 0;
    nodeName = "";
    sourceNames = destinationNames = List.of();
    sourceService = destinationService = null;
    l7 = null;
    egressDeniedBy = ingressDeniedBy = List.of();
    observationPoint = "";
    bytes = packets = Flow.UNMEASURED;
    lostCount = 0;
    lostSource = "";
    nodeState = "";
    nodeNames = List.of();
    nodeMessage = "";
  }

  /** Reads the line's object; the parser is on its first token. */
  private Line parseLine(JsonParser p, long lineNumber) throws IOException, BadLine {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "flow" -> {
          if (value != JsonToken.VALUE_NULL) {
            expect(p, JsonToken.START_OBJECT, "flow", "an object");
            sawFlow = true;
            parseFlow(p);
          }
        }
        case "lost_events", "lostEvents" -> {
          if (value != JsonToken.VALUE_NULL) {
            sawLostEvents = true;
            parseLostEvents(p);
          }
        }
        case "node_status", "nodeStatus" -> {
          if (value != JsonToken.VALUE_NULL) {
            sawNodeStatus = true;
            parseNodeStatus(p);
          }
        }
        case "node_name", "nodeName" -> envelopeNode = internedString(p, "node_name");
        case "time" -> envelopeTime = timestamp(p, "time");
        case "agent_event", "agentEvent", "debug_event", "debugEvent" -> {
          otherEvent = name.startsWith("agent") ? "agent_event" : "debug_event";
          p.skipChildren();
        }
        default -> {
          // A bare flow object (hubble observe -o json before 0.11) has the flow's fields at the top.
          if (flowField(name, p)) {
            sawBareFlowField = true;
          }
        }
      }
    }
    if (p.nextToken() != null) {
      return new MalformedLine(lineNumber, "content after the JSON object");
    }
    if (sawFlow || sawBareFlowField) {
      return new FlowLine(buildFlow());
    }
    if (sawLostEvents) {
      return new LostEventsLine(lostCount, lostSource);
    }
    if (sawNodeStatus) {
      return new NodeStatusLine(nodeState, nodeNames, nodeMessage);
    }
    if (otherEvent != null) {
      return new SkippedLine(otherEvent);
    }
    return new MalformedLine(lineNumber, "no flow, lost_events or node_status in the object");
  }

  private Flow buildFlow() {
    long nanos = time >= 0 ? time : envelopeTime >= 0 ? envelopeTime : 0;
    DropReason drop = dropReasonDesc != 0 ? dropReason(dropReasonDesc) : dropReason(dropReasonLegacy);
    Boolean reply = isReply != null ? isReply : replyLegacy ? Boolean.TRUE : null;
    String node = nodeName.isEmpty() ? envelopeNode : nodeName;
    List<String> deniedBy;
    if (ingressDeniedBy.isEmpty()) {
      deniedBy = egressDeniedBy;
    } else if (egressDeniedBy.isEmpty()) {
      deniedBy = ingressDeniedBy;
    } else {
      List<String> both = new ArrayList<>(egressDeniedBy);
      both.addAll(ingressDeniedBy);
      deniedBy = both;
    }
    if (sawExtensions && bytes == Flow.UNMEASURED) {
      unmeasuredExtensions++;
    }
    return new Flow(nanos, uuid, Verdict.of(verdict), drop, source, destination, sourceIp, destinationIp, sourcePort,
        destinationPort, l4, tcpFlags, icmpType, TrafficDirection.ofNumber(direction), reply,
        FlowType.ofNumber(flowType), node, sourceNames, destinationNames, sourceService, destinationService, l7,
        deniedBy, observationPoint, bytes, packets);
  }

  // ---------------------------------------------------------------- flow

  private void parseFlow(JsonParser p) throws IOException, BadLine {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      flowField(name, p);
    }
  }

  /**
   * Reads the value of the flow field {@code name} (the parser is on its first token); skips unknown ones.
   *
   * @return whether {@code name} is a field of Flow
   */
  private boolean flowField(String name, JsonParser p) throws IOException, BadLine {
    switch (name) {
      case "time" -> time = timestamp(p, "flow.time");
      case "uuid" -> uuid = string(p, "flow.uuid");
      case "verdict" -> {
        int n = enumNumber(p, "flow.verdict", VERDICTS);
        verdict = Math.max(n, 0);
      }
      case "drop_reason", "dropReason" -> {
        int n = uint32(p, "flow.drop_reason");
        if (n < 0) {
          unknownEnumValues++; // above 2^31: no drop reason has such a number
          n = 0;
        }
        dropReasonLegacy = n;
      }
      case "drop_reason_desc", "dropReasonDesc" -> dropReasonDesc = dropReasonDesc(p);
      case "IP" -> parseIp(p);
      case "l4" -> parseL4(p);
      case "source" -> source = endpoint(p, "flow.source");
      case "destination" -> destination = endpoint(p, "flow.destination");
      case "Type" -> flowType = knownOrZero(enumNumber(p, "flow.Type", FLOW_TYPES), FLOW_TYPES);
      case "node_name", "nodeName" -> nodeName = internedString(p, "flow.node_name");
      case "source_names", "sourceNames" -> sourceNames = strings(p, "flow.source_names");
      case "destination_names", "destinationNames" -> destinationNames = strings(p, "flow.destination_names");
      case "l7" -> parseL7(p);
      case "reply" -> replyLegacy = bool(p, "flow.reply") == Boolean.TRUE;
      case "is_reply", "isReply" -> isReply = bool(p, "flow.is_reply");
      case "source_service", "sourceService" -> sourceService = service(p, "flow.source_service");
      case "destination_service", "destinationService" -> destinationService = service(p, "flow.destination_service");
      case "traffic_direction", "trafficDirection" ->
          direction = knownOrZero(enumNumber(p, "flow.traffic_direction", DIRECTIONS), DIRECTIONS);
      case "trace_observation_point", "traceObservationPoint" -> observationPoint = observationPoint(p);
      case "egress_denied_by", "egressDeniedBy" -> egressDeniedBy = policies(p, "flow.egress_denied_by");
      case "ingress_denied_by", "ingressDeniedBy" -> ingressDeniedBy = policies(p, "flow.ingress_denied_by");
      case "extensions" -> parseExtensions(p);
      case "ethernet", "event_type", "eventType", "policy_match_type", "policyMatchType", "interface", "proxy_port",
          "proxyPort", "socket_cookie", "socketCookie", "cgroup_id", "cgroupId", "trace_reason", "traceReason",
          "node_labels", "nodeLabels", "Summary", "egress_allowed_by", "egressAllowedBy", "ingress_allowed_by",
          "ingressAllowedBy", "policy_log", "policyLog", "auth_type", "authType", "tunnel", "ip_trace_id", "ipTraceId",
          "emitter", "debug_capture_point", "debugCapturePoint", "trace_context", "traceContext", "sock_xlate_point",
          "sockXlatePoint", "file", "aggregate" -> p.skipChildren();
      default -> {
        p.skipChildren();
        return false;
      }
    }
    return true;
  }

  private void parseIp(JsonParser p) throws IOException, BadLine {
    if (!startObject(p, "flow.IP")) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "source" -> sourceIp = internedString(p, "flow.IP.source");
        case "destination" -> destinationIp = internedString(p, "flow.IP.destination");
        default -> p.skipChildren();
      }
    }
  }

  private void parseL4(JsonParser p) throws IOException, BadLine {
    if (!startObject(p, "flow.l4")) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "TCP" -> {
          l4 = L4Protocol.TCP;
          parsePorts(p, "flow.l4.TCP", true);
        }
        case "UDP" -> {
          l4 = L4Protocol.UDP;
          parsePorts(p, "flow.l4.UDP", false);
        }
        case "SCTP" -> {
          l4 = L4Protocol.SCTP;
          parsePorts(p, "flow.l4.SCTP", false);
        }
        case "ICMPv4" -> {
          l4 = L4Protocol.ICMPV4;
          parseIcmp(p, "flow.l4.ICMPv4");
        }
        case "ICMPv6" -> {
          l4 = L4Protocol.ICMPV6;
          parseIcmp(p, "flow.l4.ICMPv6");
        }
        case "VRRP" -> {
          l4 = L4Protocol.VRRP;
          p.skipChildren();
        }
        case "IGMP" -> {
          l4 = L4Protocol.IGMP;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
  }

  private void parsePorts(JsonParser p, String field, boolean tcp) throws IOException, BadLine {
    expect(p, JsonToken.START_OBJECT, field, "an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "source_port", "sourcePort" -> sourcePort = port(p, field);
        case "destination_port", "destinationPort" -> destinationPort = port(p, field);
        case "flags" -> {
          if (tcp) {
            tcpFlags = tcpFlags(p, field + ".flags");
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private int port(JsonParser p, String field) throws IOException, BadLine {
    long port = uint64(p, field);
    if (port > 65535) {
      throw new BadLine(field + ": port " + port + " is out of range 0..65535");
    }
    return (int) port;
  }

  private int tcpFlags(JsonParser p, String field) throws IOException, BadLine {
    if (!startObject(p, field)) {
      return 0;
    }
    int flags = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      int bit = 0;
      for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
        if (TCP_FLAG_NAMES[i].equals(name)) {
          bit = 1 << i;
          break;
        }
      }
      if (bit == 0) {
        p.skipChildren();
      } else if (bool(p, field) == Boolean.TRUE) {
        flags |= bit;
      }
    }
    return flags;
  }

  private void parseIcmp(JsonParser p, String field) throws IOException, BadLine {
    expect(p, JsonToken.START_OBJECT, field, "an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("type")) {
        icmpType = uint32(p, field + ".type");
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * The endpoint object the parser is on. Fast path: the object's raw bytes were seen before, and it is skipped without
   * decoding its strings; else it is read field by field from its bytes and remembered.
   */
  private Endpoint endpoint(JsonParser p, String field) throws IOException, BadLine {
    if (!startObject(p, field)) {
      return Endpoint.UNKNOWN;
    }
    int from = (int) (p.currentTokenLocation().getByteOffset() + lineOffset);
    p.skipChildren();
    int to = (int) (p.currentTokenLocation().getByteOffset() + lineOffset) + 1;
    byte[] buf = lineBytes;
    if (from < 0 || to > buf.length || from >= to || buf[from] != '{' || buf[to - 1] != '}') {
      throw new BadLine(field + ": cannot locate the object in the line"); // never expected: Jackson's offsets moved
    }
    Endpoint known = rawEndpoints.get(buf, from, to);
    if (known != null) {
      return known;
    }
    Endpoint read;
    try (JsonParser object = JSON.createParser(buf, from, to - from)) {
      object.nextToken();
      read = endpointFields(object, field);
      if (object.nextToken() != null) {
        throw new BadLine(field + ": content after the object");
      }
    }
    rawEndpoints.put(buf, from, to, read);
    return read;
  }

  /** Reads an endpoint field by field through the interner; the parser is on the object's start. */
  private Endpoint endpointFields(JsonParser p, String field) throws IOException, BadLine {
    EndpointInterner e = endpoints;
    e.begin();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "ID" -> e.id(uint32(p, field));
        case "identity" -> e.identity(uint32(p, field));
        case "namespace" -> {
          if (isString(value, field)) {
            e.namespace(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          }
        }
        case "pod_name", "podName" -> {
          if (isString(value, field)) {
            e.podName(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          }
        }
        case "cluster_name", "clusterName" -> {
          if (isString(value, field)) {
            e.cluster(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          }
        }
        case "labels" -> {
          if (startArray(p, field)) {
            boolean truncated = false;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (!isString(p.currentToken(), field + ".labels")) {
                throw new BadLine(field + ".labels: expected strings");
              }
              if (e.labelCount() < MAX_LIST_ITEMS) {
                e.label(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
              } else {
                truncated = true;
              }
            }
            if (truncated) {
              truncatedLists++;
            }
          }
        }
        case "workloads" -> parseWorkloads(p, field + ".workloads");
        default -> p.skipChildren();
      }
    }
    return e.end();
  }

  private void parseWorkloads(JsonParser p, String field) throws IOException, BadLine {
    if (!startArray(p, field)) {
      return;
    }
    boolean first = true;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw new BadLine(field + ": expected objects");
      }
      if (!first) {
        p.skipChildren();
        continue;
      }
      first = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("name") && isString(value, field)) {
          endpoints.workloadName(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        } else if (name.equals("kind") && isString(value, field)) {
          endpoints.workloadKind(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private ServiceRef service(JsonParser p, String field) throws IOException, BadLine {
    if (!startObject(p, field)) {
      return null;
    }
    String name = "";
    String namespace = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      switch (key) {
        case "name" -> name = internedString(p, field);
        case "namespace" -> namespace = internedString(p, field);
        default -> p.skipChildren();
      }
    }
    return new ServiceRef(namespace, name);
  }

  /** {@code namespace/name} of each policy; the name alone for a policy without namespace (cluster-wide). */
  private List<String> policies(JsonParser p, String field) throws IOException, BadLine {
    if (!startArray(p, field)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw new BadLine(field + ": expected objects");
      }
      String name = "";
      String namespace = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        switch (key) {
          case "name" -> name = string(p, field);
          case "namespace" -> namespace = string(p, field);
          default -> p.skipChildren();
        }
      }
      if (out.size() < MAX_LIST_ITEMS) {
        out.add(Strings.orEmpty(namespace.isEmpty() ? name : namespace + "/" + name));
      } else if (out.size() == MAX_LIST_ITEMS) {
        truncatedLists++;
      }
    }
    return out;
  }

  private void parseL7(JsonParser p) throws IOException, BadLine {
    if (!startObject(p, "flow.l7")) {
      return;
    }
    int type = 0;
    long latency = 0;
    Http http = null;
    Dns dns = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "type" -> type = knownOrZero(enumNumber(p, "flow.l7.type", L7_TYPES), L7_TYPES);
        case "latency_ns", "latencyNs" -> latency = uint64(p, "flow.l7.latency_ns");
        case "http" -> http = http(p);
        case "dns" -> dns = dns(p);
        default -> p.skipChildren();
      }
    }
    l7 = new L7(L7.Type.ofNumber(type), latency, http, dns);
  }

  private Http http(JsonParser p) throws IOException, BadLine {
    if (!startObject(p, "flow.l7.http")) {
      return null;
    }
    int code = 0;
    String method = "";
    String url = "";
    String protocol = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "code" -> code = uint32(p, "flow.l7.http.code");
        case "method" -> method = internedString(p, "flow.l7.http.method");
        case "url" -> url = string(p, "flow.l7.http.url");
        case "protocol" -> protocol = internedString(p, "flow.l7.http.protocol");
        default -> p.skipChildren();
      }
    }
    return new Http(code, method, url, protocol);
  }

  private Dns dns(JsonParser p) throws IOException, BadLine {
    if (!startObject(p, "flow.l7.dns")) {
      return null;
    }
    String query = "";
    List<String> ips = List.of();
    int rcode = 0;
    List<String> qtypes = List.of();
    int ttl = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "query" -> query = internedString(p, "flow.l7.dns.query");
        case "ips" -> ips = strings(p, "flow.l7.dns.ips");
        case "rcode" -> rcode = uint32(p, "flow.l7.dns.rcode");
        case "qtypes" -> qtypes = strings(p, "flow.l7.dns.qtypes");
        case "ttl" -> ttl = uint32(p, "flow.l7.dns.ttl");
        default -> p.skipChildren();
      }
    }
    return new Dns(query, ips, rcode, qtypes, ttl);
  }

  /**
   * Measured size from a Retina-style {@code Any} of {@code google.protobuf.Struct}: bytes = {@code bytes +
   * previously_observed_bytes}, packets = {@code previously_observed_packets + 1}. Any other extension, or a Struct
   * without a usable {@code bytes} number, leaves the flow unmeasured.
   */
  private void parseExtensions(JsonParser p) throws IOException, BadLine {
    if (!startObject(p, "flow.extensions")) {
      return;
    }
    sawExtensions = true;
    boolean struct = false;
    double b = Double.NaN;
    double previousBytes = 0;
    double previousPackets = 0;
    boolean valid = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("@type")) {
        struct = value == JsonToken.VALUE_STRING && p.getText().equals(STRUCT_TYPE_URL);
      } else if (name.equals("value") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          boolean number = v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT;
          switch (key) {
            case "bytes" -> b = number ? p.getDoubleValue() : Double.NaN;
            case "previously_observed_bytes" -> {
              previousBytes = number ? p.getDoubleValue() : Double.NaN;
              valid &= number;
            }
            case "previously_observed_packets" -> {
              previousPackets = number ? p.getDoubleValue() : Double.NaN;
              valid &= number;
            }
            default -> p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    if (struct && valid && isCount(b) && isCount(previousBytes) && isCount(previousPackets)) {
      bytes = saturatedAdd((long) b, (long) previousBytes);
      packets = saturatedAdd((long) previousPackets, 1);
    }
  }

  private static boolean isCount(double d) {
    return d >= 0 && !Double.isInfinite(d); // false for NaN too
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private int dropReasonDesc(JsonParser p) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      Integer n = DROP_REASONS.get(p.getText());
      if (n == null) {
        unknownEnumValues++; // the deprecated numeric drop_reason, when present, still tells the reason
        return 0;
      }
      return n;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
      if (n < 0 || n > Integer.MAX_VALUE) {
        unknownEnumValues++;
        return 0;
      }
      if (!DROP_REASONS.containsValue((int) n)) {
        unknownEnumValues++;
      }
      return (int) n;
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    throw new BadLine("flow.drop_reason_desc: expected an enum name or number");
  }

  private String observationPoint(JsonParser p) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      int i = indexOf(OBSERVATION_POINTS, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      if (i == 0) {
        return "";
      }
      if (i > 0) {
        return OBSERVATION_POINTS[i];
      }
      unknownEnumValues++; // a point newer than this build: keep its name
      return Strings.orEmpty(texts.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
      for (int i = 0; i < OBSERVATION_POINT_NUMBERS.length; i++) {
        if (OBSERVATION_POINT_NUMBERS[i] == n) {
          return i == 0 ? "" : OBSERVATION_POINTS[i];
        }
      }
      unknownEnumValues++;
      return "";
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    throw new BadLine("flow.trace_observation_point: expected an enum name or number");
  }

  // ---------------------------------------------------------------- lost events, node status

  private void parseLostEvents(JsonParser p) throws IOException, BadLine {
    expect(p, JsonToken.START_OBJECT, "lost_events", "an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "num_events_lost", "numEventsLost" -> lostCount = uint64(p, "lost_events.num_events_lost");
        case "source" -> lostSource = enumName(p, "lost_events.source", LOST_EVENT_SOURCES);
        default -> p.skipChildren();
      }
    }
  }

  private void parseNodeStatus(JsonParser p) throws IOException, BadLine {
    expect(p, JsonToken.START_OBJECT, "node_status", "an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "state_change", "stateChange" -> nodeState = enumName(p, "node_status.state_change", NODE_STATES);
        case "node_names", "nodeNames" -> nodeNames = strings(p, "node_status.node_names");
        case "message" -> nodeMessage = string(p, "node_status.message");
        default -> p.skipChildren();
      }
    }
  }

  /** An enum's name, from its name or number; an unknown name is kept as given, an unknown number as its digits. */
  private String enumName(JsonParser p, String field, String[] names) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      String name = p.getText();
      if (indexOf(names, p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) < 0) {
        unknownEnumValues++;
      }
      return name;
    }
    int n = enumNumber(p, field, names);
    return n >= 0 && n < names.length ? names[n] : String.valueOf(n);
  }

  // ---------------------------------------------------------------- values

  /**
   * The number of an enum given by name (its index in {@code names}) or by number; -1 for an unknown name or a
   * negative number. Counts names and numbers outside {@code names}.
   */
  private int enumNumber(JsonParser p, String field, String[] names) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      int i = indexOf(names, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      if (i < 0) {
        unknownEnumValues++;
      }
      return i;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      long n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
      if (n < 0 || n >= names.length) {
        unknownEnumValues++;
      }
      return n < 0 || n > Integer.MAX_VALUE ? -1 : (int) n;
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    throw new BadLine(field + ": expected an enum name or number");
  }

  /** {@code n} when {@code names} knows it, else 0 (the enum's unknown value); counted by {@link #enumNumber}. */
  private static int knownOrZero(int n, String[] names) {
    return n >= 0 && n < names.length ? n : 0;
  }

  private static int indexOf(String[] names, char[] chars, int off, int len) {
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      if (name.length() == len) {
        int j = 0;
        while (j < len && name.charAt(j) == chars[off + j]) {
          j++;
        }
        if (j == len) {
          return i;
        }
      }
    }
    return -1;
  }

  private long timestamp(JsonParser p, String field) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return -1;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new BadLine(field + ": expected an RFC 3339 timestamp string");
    }
    try {
      return Rfc3339.parseNanos(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    } catch (Rfc3339.BadTimestamp e) {
      throw new BadLine(field + ": " + e.getMessage());
    }
  }

  private static String string(JsonParser p, String field) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    throw new BadLine(field + ": expected a string");
  }

  private String internedString(JsonParser p, String field) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return texts.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    throw new BadLine(field + ": expected a string");
  }

  /** True for a string; false for null (the field's default); a {@link BadLine} for anything else. */
  private static boolean isString(JsonToken t, String field) throws BadLine {
    if (t == JsonToken.VALUE_STRING) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw new BadLine(field + ": expected a string");
  }

  /** The strings of a repeated string field, interned, at most {@link #MAX_LIST_ITEMS}. */
  private List<String> strings(JsonParser p, String field) throws IOException, BadLine {
    if (!startArray(p, field)) {
      return List.of();
    }
    String[] items = listScratch;
    int n = 0;
    boolean truncated = false;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw new BadLine(field + ": expected strings");
      }
      if (n < items.length) {
        items[n++] = Strings.orEmpty(texts.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
      } else {
        truncated = true;
      }
    }
    if (truncated) {
      truncatedLists++;
    }
    return switch (n) {
      case 0 -> List.of();
      case 1 -> List.of(items[0]);
      case 2 -> List.of(items[0], items[1]);
      default -> List.of(Arrays.copyOf(items, n));
    };
  }

  private static Boolean bool(JsonParser p, String field) throws BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new BadLine(field + ": expected true or false");
  }

  private static int uint32(JsonParser p, String field) throws IOException, BadLine {
    long v = uint64(p, field);
    if (v > 0xFFFF_FFFFL) {
      throw new BadLine(field + ": " + v + " is out of range for uint32");
    }
    return (int) v;
  }

  /**
   * An unsigned integer given as a JSON number or, as protobuf writes 64-bit integers, a string of digits. Values above
   * {@code Long.MAX_VALUE} (possible for uint64) saturate there.
   */
  private static long uint64(JsonParser p, String field) throws IOException, BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return saturated(p.getBigIntegerValue(), field);
      }
      long v = p.getLongValue();
      if (v < 0) {
        throw new BadLine(field + ": " + v + " is negative");
      }
      return v;
    }
    if (t == JsonToken.VALUE_STRING) {
      return digits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), field);
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (d >= 0 && d == Math.rint(d) && !Double.isInfinite(d)) {
        return (long) d;
      }
      throw new BadLine(field + ": expected an unsigned integer");
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    throw new BadLine(field + ": expected an unsigned integer");
  }

  private static long digits(char[] chars, int off, int len, String field) throws BadLine {
    if (len == 0 || len > 20) {
      throw new BadLine(field + ": expected an unsigned integer string");
    }
    long v = 0;
    for (int i = off; i < off + len; i++) {
      int d = chars[i] - '0';
      if (d < 0 || d > 9) {
        throw new BadLine(field + ": expected an unsigned integer string");
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        return saturated(new BigInteger(new String(chars, off, len)), field);
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static long saturated(BigInteger v, String field) throws BadLine {
    if (v.signum() < 0 || v.bitLength() > 64) {
      throw new BadLine(field + ": " + v + " is out of range for uint64");
    }
    return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
  }

  /** True on an object's start; false on null (the field's default); a {@link BadLine} for anything else. */
  private static boolean startObject(JsonParser p, String field) throws BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw new BadLine(field + ": expected an object");
  }

  private static boolean startArray(JsonParser p, String field) throws BadLine {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_ARRAY) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw new BadLine(field + ": expected an array");
  }

  private static void expect(JsonParser p, JsonToken token, String field, String what) throws BadLine {
    if (p.currentToken() != token) {
      throw new BadLine(field + ": expected " + what);
    }
  }

  private static DropReason dropReason(int number) {
    return number >= 0 && number < DROP_REASON_CACHE.length ? DROP_REASON_CACHE[number] : DropReason.of(number);
  }

  private static Map<String, Integer> dropReasonNames() {
    Map<String, Integer> names = new HashMap<>();
    for (int n = 0; n < 1024; n++) {
      String name = DropReason.of(n).name();
      if (n == 0 || !name.equals("DROP_REASON_" + n)) {
        names.put(name, n);
      }
    }
    return Map.copyOf(names);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static String invalidJson(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    int expecting = message.indexOf(" was expecting");
    if (expecting > 0) {
      message = message.substring(0, expecting).replaceAll("[:,;\\s]+$", "");
    }
    String at = e.getLocation() != null && e.getLocation().getColumnNr() > 0
        ? " at column " + e.getLocation().getColumnNr() : "";
    return shorten("invalid JSON" + at + ": " + message);
  }

  private static String shorten(String s) {
    if (s == null) {
      return "unreadable";
    }
    return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS) + "...";
  }
}
