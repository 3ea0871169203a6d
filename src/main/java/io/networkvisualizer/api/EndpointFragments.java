package io.networkvisualizer.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.networkvisualizer.flow.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The parts of a flow's JSON that depend on one endpoint alone (its {@code namespace/pod} name, and the
 * {@code namespace}, {@code pod_name}, {@code workload}, {@code identity} and, for clients that ask for them,
 * {@code labels} fields of either side) and the IPs, encoded once per endpoint and then copied as bytes. Labels are
 * most of a labelled flow's text, and the same few thousand endpoints recur on every flow: without this, the live
 * stream's one encoder thread spent half its time escaping and encoding the same strings again.
 *
 * <p>Keyed by identity, which works because sources intern their endpoints; an endpoint built anew only costs one
 * more entry. Bounded: when full, the cache starts over. One per encoding thread (not thread-safe).
 */
final class EndpointFragments {
  /**
   * Endpoints (and, apart, IPs) kept per encoding thread. A labelled endpoint's fragments take ~1-2 KB, so the live
   * stream's threads (the broadcaster and two senders per core) hold at most some tens of MB between them; a cluster
   * with more endpoints in its flows than this costs periodic re-encoding, not memory.
   */
  static final int DEFAULT_CAPACITY = 4096;

  /**
   * One endpoint's fragments; a side's fields start with their comma, or are empty when it has none. Each side's
   * fields, with or without labels, are encoded when a flow first needs them.
   */
  static final class Fragment {
    private final Endpoint endpoint;
    private final EndpointFragments owner;
    private final SerializedString podName;
    /** The side's fields: source without labels, source with, destination without, destination with. */
    private final SerializedString[] fields = new SerializedString[4];

    private Fragment(Endpoint endpoint, EndpointFragments owner) {
      this.endpoint = endpoint;
      this.owner = owner;
      this.podName = endpoint.isPod() ? new SerializedString(endpoint.namespacedPod()) : null;
    }

    /** {@code namespace/pod}, or null for an endpoint that is not a pod. */
    SerializedString podName() {
      return podName;
    }

    /** The endpoint's fields on that side of a flow ({@link FlowJson#SOURCE} or {@link FlowJson#DEST}). */
    SerializedString fields(FlowJson.EndpointFields side, boolean labels) {
      int slot = (side == FlowJson.SOURCE ? 0 : 2) + (labels ? 1 : 0);
      if (fields[slot] == null) {
        fields[slot] = owner.fields(endpoint, side, labels);
      }
      return fields[slot];
    }
  }

  private final int capacity;
  private final Map<Endpoint, Fragment> cache = new IdentityHashMap<>();
  /** IPs, by identity too: sources intern them, and a pod's IP is on every flow it sends or receives. */
  private final Map<String, SerializedString> ips = new IdentityHashMap<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
  private final JsonGenerator gen;
  private long restarts;

  EndpointFragments() {
    this(DEFAULT_CAPACITY);
  }

  EndpointFragments(int capacity) {
    this.capacity = capacity;
    try {
      gen = Json.MAPPER.getFactory().createGenerator(buffer, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gen.setRootValueSeparator(null);
  }

  Fragment of(Endpoint e) {
    Fragment f = cache.get(e);
    if (f == null) {
      if (cache.size() >= capacity) {
        cache.clear();
        restarts++;
      }
      f = new Fragment(e, this);
      cache.put(e, f);
    }
    return f;
  }

  SerializedString ip(String ip) {
    SerializedString encoded = ips.get(ip);
    if (encoded == null) {
      if (ips.size() >= capacity) {
        ips.clear();
        restarts++;
      }
      encoded = new SerializedString(ip);
      ips.put(ip, encoded);
    }
    return encoded;
  }

  int size() {
    return cache.size();
  }

  /** Times the cache was full and started over. */
  long restarts() {
    return restarts;
  }

  /** The side's fields as the generator writes them inside an object, with a leading comma. */
  private SerializedString fields(Endpoint e, FlowJson.EndpointFields side, boolean labels) {
    buffer.reset();
    try {
      gen.writeStartObject();
      FlowJson.endpointFields(gen, side, e, labels);
      gen.writeEndObject();
      gen.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    String object = buffer.toString(StandardCharsets.UTF_8);
    String inside = object.substring(1, object.length() - 1);
    return new SerializedString(inside.isEmpty() ? "" : "," + inside);
  }
}
