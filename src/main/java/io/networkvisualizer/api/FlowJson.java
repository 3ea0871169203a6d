package io.networkvisualizer.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import com.fasterxml.jackson.core.JsonEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes a flow in the JSON shape of {@code GET /api/flows} and {@code /ws/flows}: the spec's fields first, with
 * their names and meaning, then what the spec lacks and users need (namespace/pod split, drop reason, L7 details and
 * summary, {@code bytes_measured}). Streaming, since the live stream writes many flows per second.
 *
 * <p>{@code bytes_sent}/{@code packets_sent} are the measured counts, or 0 with {@code bytes_measured: false} when
 * the source (plain Cilium) measured none: they are never estimated.
 */
public final class FlowJson {
  private FlowJson() {}

  public static String toJson(Flow flow) {
    StringWriter out = new StringWriter(768);
    try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
      write(gen, flow);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The flow as UTF-8 JSON: what the live stream sends, encoded once and shared by every client that gets it. */
  public static byte[] toJsonBytes(Flow flow) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      write(gen, flow);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static void write(JsonGenerator gen, Flow f) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("id", f.uuid().isEmpty() ? Long.toString(f.timeNanos()) : f.uuid());
    gen.writeStringField("source_pod", name(f.source(), f.sourceIp()));
    gen.writeStringField("source_ip", f.sourceIp());
    gen.writeNumberField("source_port", f.sourcePort());
    gen.writeStringField("dest_pod", name(f.destination(), f.destinationIp()));
    gen.writeStringField("dest_ip", f.destinationIp());
    gen.writeNumberField("dest_port", f.destinationPort());
    gen.writeStringField("protocol", Protocol.of(f).label());
    gen.writeStringField("flow_type", flowType(f.type()));
    gen.writeNumberField("bytes_sent", Math.max(0, f.bytes()));
    gen.writeNumberField("packets_sent", Math.max(0, f.packets()));
    gen.writeStringField("direction", direction(f.direction()));
    gen.writeStringField("verdict", f.verdict().name());
    gen.writeStringField("timestamp", f.time().toString());

    gen.writeBooleanField("bytes_measured", f.bytesMeasured());
    gen.writeStringField("l4_protocol", f.l4().label());
    endpoint(gen, "source", f.source(), f.sourceService(), f.sourceNames());
    endpoint(gen, "dest", f.destination(), f.destinationService(), f.destinationNames());
    if (f.dropReason().isPresent()) {
      gen.writeStringField("drop_reason", f.dropReason().name());
    }
    if (!f.deniedBy().isEmpty()) {
      stringArray(gen, "denied_by", f.deniedBy());
    }
    if (f.isReply() != null) {
      gen.writeBooleanField("is_reply", f.isReply());
    }
    if (f.tcpFlags() != 0) {
      gen.writeStringField("tcp_flags", TcpFlags.format(f.tcpFlags()));
    }
    if (f.l4().isIcmp()) {
      gen.writeNumberField("icmp_type", f.icmpType());
    }
    if (!f.nodeName().isEmpty()) {
      gen.writeStringField("node_name", f.nodeName());
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

  private static void endpoint(JsonGenerator gen, String prefix, Endpoint e, ServiceRef service, List<String> names)
      throws IOException {
    if (!e.namespace().isEmpty()) {
      gen.writeStringField(prefix + "_namespace", e.namespace());
    }
    if (e.isPod()) {
      gen.writeStringField(prefix + "_pod_name", e.podName());
    }
    if (!e.workloadName().isEmpty()) {
      gen.writeStringField(prefix + "_workload", e.workloadName());
    }
    if (e.identity() != 0) {
      gen.writeNumberField(prefix + "_identity", e.identity());
    }
    if (!e.labels().isEmpty()) {
      stringArray(gen, prefix + "_labels", e.labels());
    }
    if (service != null && !service.name().isEmpty()) {
      gen.writeStringField(prefix + "_service", service.namespace().isEmpty() ? service.name()
          : service.namespace() + "/" + service.name());
    }
    if (!names.isEmpty()) {
      stringArray(gen, prefix + "_names", names);
    }
  }

  private static void l7(JsonGenerator gen, L7 l7) throws IOException {
    gen.writeStringField("l7_summary", l7.summary());
    gen.writeObjectFieldStart("l7");
    gen.writeStringField("type", l7.type().name());
    if (l7.latencyNanos() > 0) {
      gen.writeNumberField("latency_ms", l7.latencyNanos() / 1_000_000.0);
    }
    if (l7.http() != null) {
      gen.writeObjectFieldStart("http");
      gen.writeStringField("method", l7.http().method());
      gen.writeStringField("url", l7.http().url());
      gen.writeNumberField("code", l7.http().code());
      gen.writeStringField("protocol", l7.http().protocol());
      gen.writeEndObject();
    }
    if (l7.dns() != null) {
      gen.writeObjectFieldStart("dns");
      gen.writeStringField("query", l7.dns().query());
      stringArray(gen, "ips", l7.dns().ips());
      gen.writeStringField("rcode", l7.dns().rcodeName());
      stringArray(gen, "qtypes", l7.dns().qtypes());
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private static void stringArray(JsonGenerator gen, String field, List<String> values) throws IOException {
    gen.writeArrayFieldStart(field);
    for (String v : values) {
      gen.writeString(v);
    }
    gen.writeEndArray();
  }

  static String flowType(FlowType type) {
    return type == FlowType.UNKNOWN ? "unknown" : type.name().toLowerCase(Locale.ROOT);
  }

  static String direction(TrafficDirection d) {
    return d.name().toLowerCase(Locale.ROOT);
  }
}
