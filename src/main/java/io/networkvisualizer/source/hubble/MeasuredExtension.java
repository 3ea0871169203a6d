package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.WireInput.FIXED64;
import static io.networkvisualizer.source.hubble.WireInput.LEN;
import static io.networkvisualizer.source.hubble.WireInput.VARINT;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.hubble.proto.retina.RetinaMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The measured bytes and packets of a flow's {@code extensions} ({@code google.protobuf.Any}), read from the wire: a
 * Retina 1.1+ {@code Struct} or a Retina 1.0 {@code utils.RetinaMetadata} (see API-FACTS "Byte counts"); any other
 * type, or bytes that do not parse as the named type, measure nothing (the flow itself is still good).
 *
 * <p>A Struct is read straight from its bytes when it holds only plain values (the simulator's and Retina's); one with
 * nested structs or lists, or non-ASCII text, goes to {@link Struct#parseFrom}, so that validity is always decided
 * exactly as the generated parser decides it. Keeps one flow's state between {@link #clear} and {@link #measure}:
 * the fields of an {@code Any} occurring twice are last-wins, as protobuf merges them. Not thread-safe.
 */
final class MeasuredExtension {
  private static final int TYPE_URL = Any.TYPE_URL_FIELD_NUMBER << 3 | LEN;
  private static final int VALUE = Any.VALUE_FIELD_NUMBER << 3 | LEN;
  private static final int STRUCT_FIELDS = Struct.FIELDS_FIELD_NUMBER << 3 | LEN;
  /** A map entry's key and value: fields 1 and 2 of every map entry, by the protobuf spec (no generated constant). */
  private static final int ENTRY_KEY = 1 << 3 | LEN;
  private static final int ENTRY_VALUE = 2 << 3 | LEN;
  private static final int NULL_VALUE = Value.NULL_VALUE_FIELD_NUMBER << 3 | VARINT;
  private static final int NUMBER_VALUE = Value.NUMBER_VALUE_FIELD_NUMBER << 3 | FIXED64;
  private static final int STRING_VALUE = Value.STRING_VALUE_FIELD_NUMBER << 3 | LEN;
  private static final int BOOL_VALUE = Value.BOOL_VALUE_FIELD_NUMBER << 3 | VARINT;
  private static final int STRUCT_VALUE = Value.STRUCT_VALUE_FIELD_NUMBER << 3 | LEN;
  private static final int LIST_VALUE = Value.LIST_VALUE_FIELD_NUMBER << 3 | LEN;
  private static final int RETINA_BYTES = RetinaMetadata.BYTES_FIELD_NUMBER << 3 | VARINT;
  private static final int RETINA_PREVIOUS_BYTES = RetinaMetadata.PREVIOUSLY_OBSERVED_BYTES_FIELD_NUMBER << 3 | VARINT;
  private static final int RETINA_PREVIOUS_PACKETS =
      RetinaMetadata.PREVIOUSLY_OBSERVED_PACKETS_FIELD_NUMBER << 3 | VARINT;

  private static final byte[] STRUCT_TYPE = ascii(Struct.getDescriptor().getFullName());
  private static final byte[] RETINA_TYPE = ascii(RetinaMetadata.getDescriptor().getFullName());
  private static final String BYTES = "bytes";
  private static final String PREVIOUS_BYTES = "previously_observed_bytes";
  private static final String PREVIOUS_PACKETS = "previously_observed_packets";
  private static final byte[][] KEYS = {ascii(BYTES), ascii(PREVIOUS_BYTES), ascii(PREVIOUS_PACKETS)};
  /** A Struct key's value kind: the {@code Value.kind} oneof's field number, 0 when unset or the key is absent. */
  private final int[] kinds = new int[KEYS.length];
  private final double[] numbers = new double[KEYS.length];

  private boolean present;
  private byte[] typeUrlBytes;
  private int typeUrlOffset;
  private int typeUrlLength;
  private byte[] valueBytes;
  private int valueOffset;
  private int valueLength;
  /** The outcome of {@link #measure}: measured bytes and packets, or {@link Flow#UNMEASURED}. */
  long bytes;
  long packets;

  void clear() {
    present = false;
    typeUrlBytes = null;
    typeUrlLength = 0;
    valueBytes = null;
    valueLength = 0;
  }

  /** Reads one occurrence of the {@code extensions} field. */
  void read(WireInput input) throws IOException {
    present = true;
    int limit = input.enter();
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case TYPE_URL -> {
          input.range();
          WireStrings.checkUtf8(input.bytes, input.rangeOffset, input.rangeLength);
          typeUrlBytes = input.bytes;
          typeUrlOffset = input.rangeOffset;
          typeUrlLength = input.rangeLength;
        }
        case VALUE -> {
          input.range();
          valueBytes = input.bytes;
          valueOffset = input.rangeOffset;
          valueLength = input.rangeLength;
        }
        default -> input.skip(tag);
      }
    }
    input.exit(limit);
  }

  /** Sets {@link #bytes} and {@link #packets} from what was read. */
  void measure() {
    bytes = Flow.UNMEASURED;
    packets = Flow.UNMEASURED;
    if (!present) {
      return;
    }
    try {
      if (names(STRUCT_TYPE)) {
        if (!readPlainStruct()) {
          readParsedStruct();
        }
        measuredFromStruct();
      } else if (names(RETINA_TYPE)) {
        readRetina();
      }
    } catch (IOException e) {
      bytes = Flow.UNMEASURED; // not the type it names: measures nothing
      packets = Flow.UNMEASURED;
    }
  }

  /**
   * Whether the type URL names this message type: what follows its last '/', as {@code Any.is} reads it (a URL
   * without a '/' names nothing). Compared as bytes: the names are ASCII, which UTF-8 encodes as itself.
   */
  private boolean names(byte[] type) {
    int at = typeUrlLength - type.length;
    return at > 0 && typeUrlBytes[typeUrlOffset + at - 1] == '/'
        && Arrays.equals(typeUrlBytes, typeUrlOffset + at, typeUrlOffset + typeUrlLength, type, 0, type.length);
  }

  /** Retina 1.0: the counts as uint32 fields; all zero means nothing was measured. */
  private void readRetina() throws IOException {
    WireInput input = new WireInput(valueBytes, valueOffset, valueLength);
    int packetBytes = 0;
    int previousBytes = 0;
    int previousPackets = 0;
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case RETINA_BYTES -> packetBytes = input.in.readUInt32();
        case RETINA_PREVIOUS_BYTES -> previousBytes = input.in.readUInt32();
        case RETINA_PREVIOUS_PACKETS -> previousPackets = input.in.readUInt32();
        default -> input.skip(tag);
      }
    }
    long total = Integer.toUnsignedLong(packetBytes) + Integer.toUnsignedLong(previousBytes);
    if (total != 0) {
      bytes = total;
      packets = Integer.toUnsignedLong(previousPackets) + 1;
    }
  }

  /**
   * Reads the three keys of a Struct whose values are all plain (null, number, ASCII string, bool); false, having
   * decided nothing, when it holds anything else or does not parse.
   */
  private boolean readPlainStruct() {
    Arrays.fill(kinds, 0);
    try {
      WireInput input = new WireInput(valueBytes, valueOffset, valueLength);
      for (int tag; (tag = input.tag()) != 0; ) {
        if (tag != STRUCT_FIELDS) {
          input.skip(tag);
          continue;
        }
        int limit = input.enter();
        int keyOffset = 0;
        int keyLength = 0;
        int kind = 0;
        double number = 0;
        for (int t; (t = input.tag()) != 0; ) {
          if (t == ENTRY_KEY) {
            input.range();
            keyOffset = input.rangeOffset;
            keyLength = input.rangeLength;
            if (!isAscii(input.bytes, keyOffset, keyLength)) {
              return false;
            }
          } else if (t == ENTRY_VALUE) {
            int valueLimit = input.enter();
            for (int v; (v = input.tag()) != 0; ) {
              switch (v) {
                case NULL_VALUE -> {
                  input.in.readEnum();
                  kind = v >>> 3;
                }
                case BOOL_VALUE -> {
                  input.in.readBool();
                  kind = v >>> 3;
                }
                case NUMBER_VALUE -> {
                  number = input.in.readDouble();
                  kind = v >>> 3;
                }
                case STRING_VALUE -> {
                  input.range();
                  if (!isAscii(input.bytes, input.rangeOffset, input.rangeLength)) {
                    return false;
                  }
                  kind = v >>> 3;
                }
                case STRUCT_VALUE, LIST_VALUE -> {
                  return false;
                }
                default -> input.skip(v);
              }
            }
            input.exit(valueLimit);
          } else if (!input.in.skipField(t)) {
            return false; // a map entry skips its unknown fields with skipField, not as a message keeps them
          }
        }
        input.exit(limit);
        for (int k = 0; k < KEYS.length; k++) {
          if (Arrays.equals(input.bytes, keyOffset, keyOffset + keyLength, KEYS[k], 0, KEYS[k].length)) {
            kinds[k] = kind; // a map's last entry for a key wins
            numbers[k] = number;
          }
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The three keys as the generated parser reads them; throws when the Struct does not parse. */
  private void readParsedStruct() throws InvalidProtocolBufferException {
    Struct struct = Struct.parser().parseFrom(valueBytes, valueOffset, valueLength);
    for (int k = 0; k < KEYS.length; k++) {
      Value value = struct.getFieldsOrDefault(new String(KEYS[k], StandardCharsets.US_ASCII), null);
      kinds[k] = value == null ? 0 : value.getKindCase().getNumber();
      numbers[k] = value == null || value.getKindCase() != Value.KindCase.NUMBER_VALUE ? 0 : value.getNumberValue();
    }
  }

  /** Retina 1.1+: {@code bytes} is this packet, the {@code previously_observed_*} counts came before it. */
  private void measuredFromStruct() {
    long packetBytes = count(0);
    if (packetBytes < 0) {
      return;
    }
    bytes = packetBytes + Math.max(0, count(1));
    packets = Math.max(0, count(2)) + 1;
  }

  /** A Struct number as a count, or -1 when it is absent, not a number, negative or not finite. */
  private long count(int key) {
    if (kinds[key] != Value.NUMBER_VALUE_FIELD_NUMBER) {
      return -1;
    }
    double d = numbers[key];
    return Double.isFinite(d) && d >= 0 && d < 1e18 ? Math.round(d) : -1;
  }

  private static boolean isAscii(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
