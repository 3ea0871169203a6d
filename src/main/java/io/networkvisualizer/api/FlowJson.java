package io.networkvisualizer.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.live.FlowDetail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a flow in the JSON shape of {@code GET /api/flows} and {@code /ws/flows}: the spec's fields first, with
 * their names and meaning, then what the spec lacks and users need (namespace/pod split, drop reason, L7 details and
 * summary, {@code bytes_measured}), and the endpoints' label lists when the caller asks for them
 * ({@link FlowDetail}). Streaming, since the live stream writes many flows per second.
 *
 * <p>{@code bytes_sent}/{@code packets_sent} are the measured counts, or 0 with {@code bytes_measured: false} when
 * the source (plain Cilium) measured none: they are never estimated.
 */
public final class FlowJson {
  private FlowJson() {}

  public static String toJson(Flow flow, FlowDetail detail) {
    StringWriter out = new StringWriter(768);
    try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
      write(gen, flow, detail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The flow as UTF-8 JSON: what the live stream sends, encoded once per detail and shared by every client that
   * gets it in that detail. Each
   * thread keeps one generator over one growable buffer, so a flow costs its own bytes and little else.
   */
  public static byte[] toJsonBytes(Flow flow, FlowDetail detail) {
    Encoder encoder = ENCODERS.get();
    try {
      return encoder.encode(flow, detail);
    } catch (IOException | RuntimeException e) {
      ENCODERS.remove(); // the generator may be half-way through an object: start the next flow on a fresh one
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** One thread's reusable generator and buffer, its endpoints' fragments and its timestamp formatter. */
  private static final class Encoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    private final EndpointFragments fragments = new EndpointFragments();
    private final IsoTimestamps timestamps = new IsoTimestamps();
    private final JsonGenerator gen;

    Encoder() {
      try {
        gen = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      gen.setRootValueSeparator(null); // one flow per call, nothing between them
    }

    byte[] encode(Flow flow, FlowDetail detail) throws IOException {
      out.reset();
      write(gen, flow, detail, fragments, timestamps);
      gen.flush();
      return out.toByteArray();
    }
  }

  private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

  /** Field names encoded once: Jackson writes a {@link SerializedString}'s cached bytes instead of encoding it. */
  private static final SerializedString ID = name("id");
  private static final SerializedString SOURCE_POD = name("source_pod");
  private static final SerializedString SOURCE_IP = name("source_ip");
  private static final SerializedString SOURCE_PORT = name("source_port");
  private static final SerializedString DEST_POD = name("dest_pod");
  private static final SerializedString DEST_IP = name("dest_ip");
  private static final SerializedString DEST_PORT = name("dest_port");
  private static final SerializedString PROTOCOL = name("protocol");
  private static final SerializedString FLOW_TYPE = name("flow_type");
  private static final SerializedString BYTES_SENT = name("bytes_sent");
  private static final SerializedString PACKETS_SENT = name("packets_sent");
  private static final SerializedString DIRECTION = name("direction");
  private static final SerializedString VERDICT = name("verdict");
  private static final SerializedString TIMESTAMP = name("timestamp");
  private static final SerializedString BYTES_MEASURED = name("bytes_measured");
  private static final SerializedString L4_PROTOCOL = name("l4_protocol");
  private static final SerializedString DROP_REASON = name("drop_reason");
  private static final SerializedString DENIED_BY = name("denied_by");
  private static final SerializedString IS_REPLY = name("is_reply");
  private static final SerializedString TCP_FLAGS = name("tcp_flags");
  private static final SerializedString ICMP_TYPE = name("icmp_type");
  private static final SerializedString NODE_NAME = name("node_name");
  private static final SerializedString L7_SUMMARY = name("l7_summary");
  private static final SerializedString L7_FIELD = name("l7");
  private static final SerializedString L7_TYPE = name("type");
  private static final SerializedString L7_LATENCY_MS = name("latency_ms");
  private static final SerializedString L7_HTTP = name("http");
  private static final SerializedString HTTP_METHOD = name("method");
  private static final SerializedString HTTP_URL = name("url");
  private static final SerializedString HTTP_CODE = name("code");
  private static final SerializedString HTTP_PROTOCOL = name("protocol");
  private static final SerializedString L7_DNS = name("dns");
  private static final SerializedString DNS_QUERY = name("query");
  private static final SerializedString DNS_IPS = name("ips");
  private static final SerializedString DNS_RCODE = name("rcode");
  private static final SerializedString DNS_QTYPES = name("qtypes");
  static final EndpointFields SOURCE = new EndpointFields("source");
  static final EndpointFields DEST = new EndpointFields("dest");
  private static final ThreadLocal<IsoTimestamps> TIMESTAMPS = ThreadLocal.withInitial(IsoTimestamps::new);

  /** The names of one side's fields ({@code source_namespace}, {@code dest_namespace}, ...). */
  record EndpointFields(SerializedString namespace, SerializedString podName, SerializedString workload,
      SerializedString identity, SerializedString labels, SerializedString service, SerializedString names) {
    EndpointFields(String prefix) {
      this(name(prefix + "_namespace"), name(prefix + "_pod_name"), name(prefix + "_workload"),
          name(prefix + "_identity"), name(prefix + "_labels"), name(prefix + "_service"), name(prefix + "_names"));
    }
  }

  private static SerializedString name(String field) {
    return new SerializedString(field);
  }

  public static void write(JsonGenerator gen, Flow f, FlowDetail detail) throws IOException {
    write(gen, f, detail, null, TIMESTAMPS.get());
  }

  /**
   * @param fragments the endpoints' encoded fragments, for a thread that writes many flows (the live stream), or
   *     null to encode every field (a request thread)
   */
  private static void write(JsonGenerator gen, Flow f, FlowDetail detail, EndpointFragments fragments,
      IsoTimestamps timestamps) throws IOException {
    boolean labels = detail.labels();
    EndpointFragments.Fragment source = fragments == null ? null : fragments.of(f.source());
    EndpointFragments.Fragment dest = fragments == null ? null : fragments.of(f.destination());
    gen.writeStartObject();
    field(gen, ID, f.uuid().isEmpty() ? Long.toString(f.timeNanos()) : f.uuid());
    podName(gen, SOURCE_POD, f.source(), f.sourceIp(), source);
    ip(gen, SOURCE_IP, f.sourceIp(), fragments);
    field(gen, SOURCE_PORT, f.sourcePort());
    podName(gen, DEST_POD, f.destination(), f.destinationIp(), dest);
    ip(gen, DEST_IP, f.destinationIp(), fragments);
    field(gen, DEST_PORT, f.destinationPort());
    field(gen, PROTOCOL, EncodedValues.protocol(Protocol.of(f)));
    field(gen, FLOW_TYPE, EncodedValues.flowType(f.type()));
    field(gen, BYTES_SENT, Math.max(0, f.bytes()));
    field(gen, PACKETS_SENT, Math.max(0, f.packets()));
    field(gen, DIRECTION, EncodedValues.direction(f.direction()));
    field(gen, VERDICT, EncodedValues.verdict(f.verdict()));
    field(gen, TIMESTAMP, timestamps.format(f.timeNanos()));

    gen.writeFieldName(BYTES_MEASURED);
    gen.writeBoolean(f.bytesMeasured());
    field(gen, L4_PROTOCOL, EncodedValues.l4(f.l4()));
    endpoint(gen, SOURCE, f.source(), labels, source == null ? null : source.fields(SOURCE, labels),
        f.sourceService(), f.sourceNames());
    endpoint(gen, DEST, f.destination(), labels, dest == null ? null : dest.fields(DEST, labels),
        f.destinationService(), f.destinationNames());
    if (f.dropReason().isPresent()) {
      field(gen, DROP_REASON, f.dropReason().name());
    }
    if (!f.deniedBy().isEmpty()) {
      stringArray(gen, DENIED_BY, f.deniedBy());
    }
    if (f.isReply() != null) {
      gen.writeFieldName(IS_REPLY);
      gen.writeBoolean(f.isReply());
    }
    if (f.tcpFlags() != 0) {
      field(gen, TCP_FLAGS, EncodedValues.tcpFlags(f.tcpFlags()));
    }
    if (f.l4().isIcmp()) {
      field(gen, ICMP_TYPE, f.icmpType());
    }
    if (!f.nodeName().isEmpty()) {
      field(gen, NODE_NAME, f.nodeName());
    }
    if (f.l7() != null) {
      l7(gen, f.l7());
    }
    gen.writeEndObject();
  }

  /** {@code namespace/pod} for pods; for other endpoints the reserved identity ({@code reserved:world}) or the IP. */
  static String name(Endpoint e, String ip) {
    if (e.isPod()) {
      return e.namespacedPod();
    }
    String reserved = e.reservedIdentity();
    return reserved.isEmpty() ? ip : "reserved:" + reserved;
  }

  private static void podName(JsonGenerator gen, SerializedString field, Endpoint e, String ip,
      EndpointFragments.Fragment fragment) throws IOException {
    gen.writeFieldName(field);
    if (fragment != null && fragment.podName() != null) {
      gen.writeString(fragment.podName());
    } else {
      gen.writeString(name(e, ip));
    }
  }

  /** One side's fields: the endpoint's own (from its encoded fragment when there is one), then this flow's. */
  private static void endpoint(JsonGenerator gen, EndpointFields fields, Endpoint e, boolean labels,
      SerializedString encoded, ServiceRef service, List<String> names) throws IOException {
    if (encoded != null) {
      gen.writeRaw(encoded);
    } else {
      endpointFields(gen, fields, e, labels);
    }
    if (service != null && !service.name().isEmpty()) {
      field(gen, fields.service(), service.namespace().isEmpty() ? service.name()
          : service.namespace() + "/" + service.name());
    }
    if (!names.isEmpty()) {
      stringArray(gen, fields.names(), names);
    }
  }

  /** The fields that depend on the endpoint alone; {@link EndpointFragments} encodes them once per endpoint. */
  static void endpointFields(JsonGenerator gen, EndpointFields fields, Endpoint e, boolean labels)
      throws IOException {
    if (!e.namespace().isEmpty()) {
      field(gen, fields.namespace(), e.namespace());
    }
    if (e.isPod()) {
      field(gen, fields.podName(), e.podName());
    }
    if (!e.workloadName().isEmpty()) {
      field(gen, fields.workload(), e.workloadName());
    }
    if (e.identity() != 0) {
      field(gen, fields.identity(), e.identity());
    }
    if (labels && !e.labels().isEmpty()) {
      stringArray(gen, fields.labels(), e.labels());
    }
  }

  private static void field(JsonGenerator gen, SerializedString name, String value) throws IOException {
    gen.writeFieldName(name);
    gen.writeString(value);
  }

  private static void field(JsonGenerator gen, SerializedString name, SerializedString value) throws IOException {
    gen.writeFieldName(name);
    gen.writeString(value);
  }

  private static void ip(JsonGenerator gen, SerializedString name, String ip, EndpointFragments fragments)
      throws IOException {
    gen.writeFieldName(name);
    if (fragments != null) {
      gen.writeString(fragments.ip(ip));
    } else {
      gen.writeString(ip);
    }
  }

  private static void field(JsonGenerator gen, SerializedString name, long value) throws IOException {
    gen.writeFieldName(name);
    gen.writeNumber(value);
  }

  private static void l7(JsonGenerator gen, L7 l7) throws IOException {
    field(gen, L7_SUMMARY, l7.summary());
    gen.writeFieldName(L7_FIELD);
    gen.writeStartObject();
    field(gen, L7_TYPE, l7.type().name());
    if (l7.latencyNanos() > 0) {
      gen.writeFieldName(L7_LATENCY_MS);
      gen.writeNumber(l7.latencyNanos() / 1_000_000.0);
    }
    if (l7.http() != null) {
      gen.writeFieldName(L7_HTTP);
      gen.writeStartObject();
      field(gen, HTTP_METHOD, l7.http().method());
      field(gen, HTTP_URL, l7.http().url());
      field(gen, HTTP_CODE, l7.http().code());
      field(gen, HTTP_PROTOCOL, l7.http().protocol());
      gen.writeEndObject();
    }
    if (l7.dns() != null) {
      gen.writeFieldName(L7_DNS);
      gen.writeStartObject();
      field(gen, DNS_QUERY, l7.dns().query());
      stringArray(gen, DNS_IPS, l7.dns().ips());
      field(gen, DNS_RCODE, l7.dns().rcodeName());
      stringArray(gen, DNS_QTYPES, l7.dns().qtypes());
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private static void stringArray(JsonGenerator gen, SerializedString field, List<String> values) throws IOException {
    gen.writeFieldName(field);
    gen.writeStartArray();
    for (String v : values) {
      gen.writeString(v);
    }
    gen.writeEndArray();
  }
}
