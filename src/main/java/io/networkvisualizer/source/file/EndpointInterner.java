package io.networkvisualizer.source.file;

import io.networkvisualizer.flow.Endpoint;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded interner of {@link Endpoint}s, fed one endpoint's fields at a time straight from the parser's character
 * buffer, so that the many flows of one pod share one instance and a line whose endpoints were seen before allocates
 * no strings for them at all.
 *
 * <p>The fields are appended to a key (a tag, a length and the characters of each field, in arrival order) that stands
 * for exactly the values the endpoint is built from: equal keys always give equal endpoints. The table is open-addressed
 * with a fixed capacity; when a short probe finds no free slot, the home slot is replaced and the replacement counted,
 * so memory never grows past the capacity. Not thread-safe: one per reader.
 */
final class EndpointInterner {
  /** Keys longer than this (an endpoint with huge labels) are built every time and not cached. */
  static final int MAX_KEY_CHARS = 16_384;
  private static final int PROBES = 8;

  private final char[][] keys;
  private final int[] hashes;
  private final Endpoint[] values;
  private final int mask;
  private final TextInterner texts;
  private int size;
  private long replaced;

  // The endpoint being built.
  private char[] key = new char[1024];
  private int keyLength;
  private int id;
  private int identity;
  private int clusterAt = -1;
  private int namespaceAt = -1;
  private int podAt = -1;
  private int workloadNameAt = -1;
  private int workloadKindAt = -1;
  private int[] labelsAt = new int[16];
  private int labelCount;

  /**
   * @param capacity most endpoints held, rounded up to a power of two
   * @param texts where the strings of a new endpoint are interned (labels recur across pods)
   */
  EndpointInterner(int capacity, TextInterner texts) {
    if (capacity < PROBES || capacity > (1 << 20)) {
      throw new IllegalArgumentException("endpoint interner capacity must be " + PROBES + "..1048576 (was " + capacity + ")");
    }
    int tableSize = Integer.highestOneBit(capacity - 1) << 1;
    this.keys = new char[tableSize][];
    this.hashes = new int[tableSize];
    this.values = new Endpoint[tableSize];
    this.mask = tableSize - 1;
    this.texts = texts;
  }

  /** Starts a new endpoint, forgetting the fields of the previous one. */
  void begin() {
    if (key.length > MAX_KEY_CHARS) {
      key = new char[1024]; // let one huge endpoint's buffer go
    }
    keyLength = 0;
    id = 0;
    identity = 0;
    clusterAt = namespaceAt = podAt = workloadNameAt = workloadKindAt = -1;
    labelCount = 0;
  }

  void id(int value) {
    id = value;
    appendInt('I', value);
  }

  void identity(int value) {
    identity = value;
    appendInt('D', value);
  }

  void cluster(char[] chars, int off, int len) {
    clusterAt = append('C', chars, off, len);
  }

  void namespace(char[] chars, int off, int len) {
    namespaceAt = append('N', chars, off, len);
  }

  void podName(char[] chars, int off, int len) {
    podAt = append('P', chars, off, len);
  }

  void workloadName(char[] chars, int off, int len) {
    workloadNameAt = append('W', chars, off, len);
  }

  void workloadKind(char[] chars, int off, int len) {
    workloadKindAt = append('K', chars, off, len);
  }

  void label(char[] chars, int off, int len) {
    if (labelCount == labelsAt.length) {
      labelsAt = Arrays.copyOf(labelsAt, labelCount * 2);
    }
    labelsAt[labelCount++] = append('L', chars, off, len);
  }

  int labelCount() {
    return labelCount;
  }

  /** The endpoint of the fields given since {@link #begin()}: a shared instance when one with the same fields is held. */
  Endpoint end() {
    if (keyLength == 0) {
      return Endpoint.UNKNOWN;
    }
    if (keyLength > MAX_KEY_CHARS) {
      return build();
    }
    int h = 0;
    char[] k = key;
    for (int i = 0; i < keyLength; i++) {
      h = 31 * h + k[i];
    }
    h ^= h >>> 16;
    int home = h & mask;
    int free = -1;
    for (int p = 0; p < PROBES; p++) {
      int slot = (home + p) & mask;
      char[] held = keys[slot];
      if (held == null) {
        free = slot;
        break;
      }
      if (hashes[slot] == h && Arrays.equals(held, 0, held.length, k, 0, keyLength)) {
        return values[slot];
      }
    }
    Endpoint endpoint = build();
    int slot;
    if (free >= 0) {
      slot = free;
      size++;
    } else {
      slot = home;
      replaced++;
    }
    keys[slot] = Arrays.copyOf(k, keyLength);
    hashes[slot] = h;
    values[slot] = endpoint;
    return endpoint;
  }

  /** Endpoints held. */
  int size() {
    return size;
  }

  /** Endpoints dropped from the table to make room for others. */
  long replaced() {
    return replaced;
  }

  private Endpoint build() {
    List<String> labels;
    if (labelCount == 0) {
      labels = List.of();
    } else {
      String[] values = new String[labelCount];
      for (int i = 0; i < labelCount; i++) {
        values[i] = text(labelsAt[i]);
      }
      labels = List.of(values);
    }
    return new Endpoint(id, identity, text(clusterAt), text(namespaceAt), text(podAt), labels, text(workloadNameAt),
        text(workloadKindAt));
  }

  /** The string of a field appended at {@code at} (the position of its tag), or empty when absent. */
  private String text(int at) {
    if (at < 0) {
      return "";
    }
    int len = (key[at + 1] << 16) | key[at + 2];
    return texts.intern(key, at + 3, len);
  }

  private int append(char tag, char[] chars, int off, int len) {
    ensure(3 + len);
    int at = keyLength;
    key[at] = tag;
    key[at + 1] = (char) (len >>> 16);
    key[at + 2] = (char) len;
    System.arraycopy(chars, off, key, at + 3, len);
    keyLength = at + 3 + len;
    return at;
  }

  private void appendInt(char tag, int value) {
    ensure(3);
    key[keyLength] = tag;
    key[keyLength + 1] = (char) (value >>> 16);
    key[keyLength + 2] = (char) value;
    keyLength += 3;
  }

  private void ensure(int more) {
    if (keyLength + more > key.length) {
      key = Arrays.copyOf(key, Math.max(key.length * 2, keyLength + more));
    }
  }
}
