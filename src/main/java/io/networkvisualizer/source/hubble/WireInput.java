package io.networkvisualizer.source.hubble;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * One protobuf buffer being read field by field: a {@link CodedInputStream} over a byte array, plus where its bytes
 * lie, so that a length-delimited field can be taken as a range of the array ({@link #range}) instead of a copy.
 * Tags are compared whole (field number and wire type), as the generated parsers compare them: a known field number
 * with an unexpected wire type is an unknown field, skipped.
 */
final class WireInput {
  static final int VARINT = WireFormat.WIRETYPE_VARINT;
  static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
  static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int START_GROUP = WireFormat.WIRETYPE_START_GROUP;
  private static final int END_GROUP = WireFormat.WIRETYPE_END_GROUP;
  private static final int TAG_TYPE_MASK = 7;
  /** Nested groups walked; protobuf's own limit on nesting. */
  private static final int MAX_GROUP_DEPTH = 100;

  final byte[] bytes;
  final CodedInputStream in;
  private final int base;
  /** Where the last {@link #range} lies in {@link #bytes}. */
  int rangeOffset;
  int rangeLength;

  WireInput(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.base = offset;
    this.in = CodedInputStream.newInstance(bytes, offset, length);
  }

  WireInput(Span span) {
    this(span.bytes, span.offset, span.length);
  }

  /** The next tag, or 0 at the end of the buffer or of the current {@link #enter}ed message. */
  int tag() throws IOException {
    return in.readTag();
  }

  /** Reads a length-delimited field's length and steps over its bytes, leaving them in {@link #rangeOffset}. */
  void range() throws IOException {
    int length = in.readRawVarint32();
    int at = base + in.getTotalBytesRead();
    in.skipRawBytes(length);
    rangeOffset = at;
    rangeLength = length;
  }

  /** Adds the next length-delimited field's bytes to {@code span}. */
  void rangeInto(Span span) throws IOException {
    range();
    span.add(bytes, rangeOffset, rangeLength);
  }

  /** Steps into an embedded message; returns what {@link #exit} restores. */
  int enter() throws IOException {
    return in.pushLimit(in.readRawVarint32());
  }

  void exit(int oldLimit) {
    in.popLimit(oldLimit);
  }

  /**
   * Skips a field this decoder does not read, accepting exactly what a generated parser accepts as an unknown field:
   * it reads a varint as a 64-bit value, which tolerates a tenth byte that {@link CodedInputStream#skipField} rejects,
   * and walks groups the same way. An end-group tag where no group began is malformed.
   */
  void skip(int tag) throws IOException {
    skip(tag, 0);
  }

  private void skip(int tag, int depth) throws IOException {
    switch (tag & TAG_TYPE_MASK) {
      case VARINT -> in.readRawVarint64();
      case START_GROUP -> {
        if (depth >= MAX_GROUP_DEPTH) {
          throw new InvalidProtocolBufferException("Protocol message had too many levels of nesting.");
        }
        int end = (tag & ~TAG_TYPE_MASK) | END_GROUP;
        for (int t = in.readTag(); t != end; t = in.readTag()) {
          if (t == 0 || (t & TAG_TYPE_MASK) == END_GROUP) {
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
          }
          skip(t, depth + 1);
        }
      }
      case END_GROUP ->
          throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
      default -> in.skipField(tag); // bytes and fixed-size values; throws on an invalid wire type
    }
  }
}
