package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.WireInput.LEN;
import static io.networkvisualizer.source.hubble.WireInput.VARINT;

import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A flow's {@code l7} field ({@code flow.Layer7}) read from the wire into the product's {@link L7}: the HTTP or DNS
 * record, with repeating values (methods, protocols, DNS names and addresses) interned. Keeps the state of one flow
 * between {@link #clear} and {@link #build}, so that a field occurring twice merges as protobuf merges it: scalars
 * last-wins, lists appended, and the {@code record} oneof starting afresh when it switches kind. Not thread-safe.
 */
final class L7WireDecoder {
  private static final int TYPE = Layer7.TYPE_FIELD_NUMBER << 3 | VARINT;
  private static final int LATENCY = Layer7.LATENCY_NS_FIELD_NUMBER << 3 | VARINT;
  private static final int DNS_RECORD = Layer7.DNS_FIELD_NUMBER << 3 | LEN;
  private static final int HTTP_RECORD = Layer7.HTTP_FIELD_NUMBER << 3 | LEN;
  private static final int KAFKA_RECORD = Layer7.KAFKA_FIELD_NUMBER << 3 | LEN;
  private static final int HTTP_CODE = HTTP.CODE_FIELD_NUMBER << 3 | VARINT;
  private static final int HTTP_METHOD = HTTP.METHOD_FIELD_NUMBER << 3 | LEN;
  private static final int HTTP_URL = HTTP.URL_FIELD_NUMBER << 3 | LEN;
  private static final int HTTP_PROTOCOL = HTTP.PROTOCOL_FIELD_NUMBER << 3 | LEN;
  private static final int DNS_QUERY = DNS.QUERY_FIELD_NUMBER << 3 | LEN;
  private static final int DNS_IPS = DNS.IPS_FIELD_NUMBER << 3 | LEN;
  private static final int DNS_TTL = DNS.TTL_FIELD_NUMBER << 3 | VARINT;
  private static final int DNS_RCODE = DNS.RCODE_FIELD_NUMBER << 3 | VARINT;
  private static final int DNS_QTYPES = DNS.QTYPES_FIELD_NUMBER << 3 | LEN;

  private final WireStrings strings;

  private boolean present;
  private int type;
  private long latencyNanos;
  /** The {@code record} oneof's field number, 0 when unset. */
  private int record;
  private int httpCode;
  private String httpMethod;
  private String httpUrl;
  private String httpProtocol;
  private String dnsQuery;
  private final List<String> dnsIps = new ArrayList<>();
  private int dnsTtl;
  private int dnsRcode;
  private final List<String> dnsQtypes = new ArrayList<>();

  L7WireDecoder(WireStrings strings) {
    this.strings = strings;
  }

  void clear() {
    present = false;
    type = 0;
    latencyNanos = 0;
    record = 0;
    clearRecord();
  }

  /** Reads one occurrence of the {@code l7} field. */
  void read(WireInput input) throws IOException {
    present = true;
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case TYPE -> type = input.in.readEnum();
        case LATENCY -> latencyNanos = input.in.readUInt64();
        case HTTP_RECORD -> http(input);
        case DNS_RECORD -> dns(input);
        case KAFKA_RECORD -> {
          switchRecord(Layer7.KAFKA_FIELD_NUMBER);
          input.skip(tag);
        }
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
  }

  /** The flow's {@link L7}, or null when it had no {@code l7} field. */
  L7 build() {
    if (!present) {
      return null;
    }
    Http http = record == Layer7.HTTP_FIELD_NUMBER ? new Http(httpCode, httpMethod, httpUrl, httpProtocol) : null;
    Dns dns = record == Layer7.DNS_FIELD_NUMBER
        ? new Dns(dnsQuery, dnsIps, dnsRcode, dnsQtypes, dnsTtl < 0 ? Integer.MAX_VALUE : dnsTtl)
        : null; // a uint32 TTL above Integer.MAX_VALUE (Hubble's "no TTL", 2^32-1) saturates
    return new L7(L7.Type.ofNumber(type), latencyNanos, http, dns);
  }

  private void http(WireInput input) throws IOException {
    switchRecord(Layer7.HTTP_FIELD_NUMBER);
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case HTTP_CODE -> httpCode = input.in.readUInt32();
        case HTTP_METHOD -> httpMethod = strings.intern(input);
        case HTTP_URL -> httpUrl = WireStrings.read(input);
        case HTTP_PROTOCOL -> httpProtocol = strings.intern(input);
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
  }

  private void dns(WireInput input) throws IOException {
    switchRecord(Layer7.DNS_FIELD_NUMBER);
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case DNS_QUERY -> dnsQuery = strings.intern(input);
        case DNS_IPS -> dnsIps.add(strings.intern(input));
        case DNS_TTL -> dnsTtl = input.in.readUInt32();
        case DNS_RCODE -> dnsRcode = input.in.readUInt32();
        case DNS_QTYPES -> dnsQtypes.add(strings.intern(input));
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
  }

  /** A oneof member of another kind starts from its defaults; the same kind again merges into what is there. */
  private void switchRecord(int fieldNumber) {
    if (record != fieldNumber) {
      record = fieldNumber;
      clearRecord();
    }
  }

  private void clearRecord() {
    httpCode = 0;
    httpMethod = "";
    httpUrl = "";
    httpProtocol = "";
    dnsQuery = "";
    dnsIps.clear();
    dnsTtl = 0;
    dnsRcode = 0;
    dnsQtypes.clear();
  }
}
