package io.networkvisualizer.source.hubble;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Proto3 {@code string} fields read from wire bytes as the generated parsers read them (invalid UTF-8 is malformed),
 * with an interner for the strings that repeat on every flow (node names, IPs, HTTP methods, DNS names): a string
 * seen before is found by its bytes and neither decoded nor allocated again. Not thread-safe.
 */
final class WireStrings {
  /** Distinct repeating strings kept; a cluster's node names and pod IPs fit many times over. */
  static final int DEFAULT_CAPACITY = 16_384;

  private final BytesCache<String> cache;

  WireStrings(int capacity) {
    this.cache = new BytesCache<>(capacity);
  }

  /** The next length-delimited field of {@code input} as a string, decoded anew (for unique values: uuids, URLs). */
  static String read(WireInput input) throws IOException {
    input.range();
    return decode(input.bytes, input.rangeOffset, input.rangeLength);
  }

  /** The next length-delimited field of {@code input} as a shared string. */
  String intern(WireInput input) throws IOException {
    input.range();
    return intern(input.bytes, input.rangeOffset, input.rangeLength);
  }

  String intern(byte[] bytes, int offset, int length) throws InvalidProtocolBufferException {
    if (length == 0) {
      return "";
    }
    String cached = cache.get(bytes, offset, length);
    if (cached != null) {
      return cached; // the same bytes were valid UTF-8 when cached
    }
    String decoded = decode(bytes, offset, length);
    cache.put(bytes, offset, length, decoded);
    return decoded;
  }

  /** UTF-8 to a string, with a fast path for ASCII (every uuid, label and name Hubble sends). */
  static String decode(byte[] bytes, int offset, int length) throws InvalidProtocolBufferException {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] < 0) {
        checkUtf8(bytes, offset, length);
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
      }
    }
    return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }

  /** Rejects what protobuf's own string decoding rejects. */
  static void checkUtf8(byte[] bytes, int offset, int length) throws InvalidProtocolBufferException {
    if (!UnsafeByteOperations.unsafeWrap(bytes, offset, length).isValidUtf8()) {
      throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
    }
  }

  int size() {
    return cache.size();
  }

  long evicted() {
    return cache.evicted();
  }
}
