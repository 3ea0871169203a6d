package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.WireInput.LEN;
import static io.networkvisualizer.source.hubble.WireInput.VARINT;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.ServiceRef;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared {@link Endpoint} (or {@link ServiceRef}) for the wire bytes of a {@code flow.Endpoint} (or
 * {@code flow.Service}). A cluster has a few thousand endpoints and every flow names two of them, always encoded the
 * same way: looking the bytes up costs a hash and a comparison of a few hundred bytes, where decoding them costs a
 * string per label. Only bytes not seen recently are decoded. Bounded, with evictions counted. Not thread-safe.
 */
final class EndpointInterner {
  /** Endpoints kept for sharing; a cluster has far fewer distinct (pod, labels) pairs. */
  static final int DEFAULT_CAPACITY = 16_384;
  private static final int SERVICE_CAPACITY = 4096;

  private static final int ID = io.networkvisualizer.source.hubble.proto.flow.Endpoint.ID_FIELD_NUMBER << 3 | VARINT;
  private static final int IDENTITY =
      io.networkvisualizer.source.hubble.proto.flow.Endpoint.IDENTITY_FIELD_NUMBER << 3 | VARINT;
  private static final int CLUSTER =
      io.networkvisualizer.source.hubble.proto.flow.Endpoint.CLUSTER_NAME_FIELD_NUMBER << 3 | LEN;
  private static final int NAMESPACE =
      io.networkvisualizer.source.hubble.proto.flow.Endpoint.NAMESPACE_FIELD_NUMBER << 3 | LEN;
  private static final int LABELS = io.networkvisualizer.source.hubble.proto.flow.Endpoint.LABELS_FIELD_NUMBER << 3 | LEN;
  private static final int POD = io.networkvisualizer.source.hubble.proto.flow.Endpoint.POD_NAME_FIELD_NUMBER << 3 | LEN;
  private static final int WORKLOADS =
      io.networkvisualizer.source.hubble.proto.flow.Endpoint.WORKLOADS_FIELD_NUMBER << 3 | LEN;
  private static final int WORKLOAD_NAME = Workload.NAME_FIELD_NUMBER << 3 | LEN;
  private static final int WORKLOAD_KIND = Workload.KIND_FIELD_NUMBER << 3 | LEN;
  private static final int SERVICE_NAME = Service.NAME_FIELD_NUMBER << 3 | LEN;
  private static final int SERVICE_NAMESPACE = Service.NAMESPACE_FIELD_NUMBER << 3 | LEN;

  /** Cached for a Service without name and namespace, which maps to no service at all; compared by identity. */
  private static final ServiceRef NO_SERVICE = new ServiceRef("", "");

  private final BytesCache<Endpoint> endpoints;
  private final BytesCache<ServiceRef> services = new BytesCache<>(SERVICE_CAPACITY);

  EndpointInterner(int capacity) {
    this.endpoints = new BytesCache<>(capacity);
  }

  /** The endpoint an embedded {@code Endpoint} field stands for; {@link Endpoint#UNKNOWN} when absent or empty. */
  Endpoint endpoint(Span span) throws IOException {
    if (!span.present || span.length == 0) {
      return Endpoint.UNKNOWN;
    }
    Endpoint cached = endpoints.get(span.bytes, span.offset, span.length);
    if (cached != null) {
      return cached;
    }
    Endpoint decoded = decodeEndpoint(new WireInput(span));
    endpoints.put(span.bytes, span.offset, span.length, decoded);
    return decoded;
  }

  /** The service an embedded {@code Service} field stands for; null when absent or without name and namespace. */
  ServiceRef service(Span span) throws IOException {
    if (!span.present || span.length == 0) {
      return null;
    }
    ServiceRef cached = services.get(span.bytes, span.offset, span.length);
    if (cached == null) {
      cached = decodeService(new WireInput(span));
      services.put(span.bytes, span.offset, span.length, cached);
    }
    return cached == NO_SERVICE ? null : cached;
  }

  private static Endpoint decodeEndpoint(WireInput input) throws IOException {
    int id = 0;
    int identity = 0;
    String cluster = "";
    String namespace = "";
    String pod = "";
    List<String> labels = new ArrayList<>();
    String workloadName = "";
    String workloadKind = "";
    boolean firstWorkload = true;
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case ID -> id = input.in.readUInt32();
        case IDENTITY -> identity = input.in.readUInt32();
        case CLUSTER -> cluster = WireStrings.read(input);
        case NAMESPACE -> namespace = WireStrings.read(input);
        case LABELS -> labels.add(WireStrings.read(input));
        case POD -> pod = WireStrings.read(input);
        case WORKLOADS -> {
          // Only the first workload is kept, but every one must be valid for the flow to be.
          int limit = input.enter();
          for (int t; (t = input.tag()) != 0; ) {
            switch (t) {
              case WORKLOAD_NAME -> {
                String name = WireStrings.read(input);
                if (firstWorkload) {
                  workloadName = name;
                }
              }
              case WORKLOAD_KIND -> {
                String kind = WireStrings.read(input);
                if (firstWorkload) {
                  workloadKind = kind;
                }
              }
              default -> input.skip(t);
            }
          }
          input.exit(limit);
          firstWorkload = false;
        }
        default -> input.skip(tag);
      }
    }
    Endpoint endpoint = new Endpoint(id, identity, cluster, namespace, pod, labels, workloadName, workloadKind);
    return endpoint.equals(Endpoint.UNKNOWN) ? Endpoint.UNKNOWN : endpoint;
  }

  private static ServiceRef decodeService(WireInput input) throws IOException {
    String name = "";
    String namespace = "";
    for (int tag; (tag = input.tag()) != 0; ) {
      switch (tag) {
        case SERVICE_NAME -> name = WireStrings.read(input);
        case SERVICE_NAMESPACE -> namespace = WireStrings.read(input);
        default -> input.skip(tag);
      }
    }
    return name.isEmpty() && namespace.isEmpty() ? NO_SERVICE : new ServiceRef(namespace, name);
  }

  int endpointsInterned() {
    return endpoints.size();
  }

  /** Endpoints forgotten because the interner was full. */
  long endpointsEvicted() {
    return endpoints.evicted();
  }
}
