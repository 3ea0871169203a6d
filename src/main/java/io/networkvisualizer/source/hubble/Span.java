package io.networkvisualizer.source.hubble;

/**
 * The bytes of an embedded message field: a range of the input, or, when the field occurred more than once, the
 * concatenation of its occurrences, which protobuf defines to parse exactly as their merge. Reused: {@link #clear}
 * before each message.
 */
final class Span {
  byte[] bytes;
  int offset;
  int length;
  boolean present;

  void clear() {
    bytes = null;
    offset = 0;
    length = 0;
    present = false;
  }

  void add(byte[] source, int from, int count) {
    if (!present) {
      bytes = source;
      offset = from;
      length = count;
      present = true;
      return;
    }
    byte[] joined = new byte[length + count];
    System.arraycopy(bytes, offset, joined, 0, length);
    System.arraycopy(source, from, joined, length, count);
    bytes = joined;
    offset = 0;
    length = joined.length;
  }
}
