package io.networkvisualizer.source.simulator;

import com.google.protobuf.ByteString;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated Kubernetes cluster: three nodes, five namespaces, the workloads and their pods with names, IPs,
 * labels, identities and services, all derived from the seed. Immutable once built; the prebuilt proto endpoints are
 * shared by every flow that names the pod.
 */
final class Cluster {
  static final String CLUSTER_NAME = "default";
  /** Alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alike characters). */
  private static final String K8S_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** A peer of a flow: a pod, or an address outside the cluster. */
  interface Peer {
    Endpoint endpoint();

    String ip();

    /** {@link #ip()} encoded, so that the flows naming it do not encode it again. */
    ByteString ipBytes();

    /** The node the peer runs on, or null outside the cluster. */
    Node node();

    /** The DNS name the peer was reached by, or null. */
    String fqdn();

    /** The service a client reached this peer through, or null. */
    Service service();
  }

  record Node(int index, String name, String ip, ByteString nameBytes) {
    Node(int index, String name, String ip) {
      this(index, name, ip, utf8(name));
    }
  }

  /** Strings of messages shared by many flows are kept encoded: protobuf then copies their bytes when it writes. */
  static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /** What a workload serves: plain HTTP, gRPC over HTTP/2, a TCP protocol without L7 visibility, or DNS. */
  enum Serves { HTTP, GRPC, TCP, DNS, NONE }

  /** A workload: a Deployment, StatefulSet or DaemonSet, its pods, and the Service in front of it. */
  static final class Workload {
    final int index;
    final String namespace;
    final String name;
    final String kind;
    final int identity;
    final String serviceName;
    final String clusterIp;
    final int port;
    final Serves serves;
    final int metricsPort;
    final Service service;
    final List<Pod> pods = new ArrayList<>();

    Workload(int index, String namespace, String name, String kind, int identity, String serviceName,
        String clusterIp, int port, Serves serves, int metricsPort) {
      this.index = index;
      this.namespace = namespace;
      this.name = name;
      this.kind = kind;
      this.identity = identity;
      this.serviceName = serviceName;
      this.clusterIp = clusterIp;
      this.port = port;
      this.serves = serves;
      this.metricsPort = metricsPort;
      this.service = Service.newBuilder().setNameBytes(utf8(serviceName)).setNamespaceBytes(utf8(namespace)).build();
    }

    /** {@code namespace/name}. */
    String id() {
      return namespace + "/" + name;
    }

    /** The in-cluster DNS name of the workload's Service, with the trailing dot DNS queries carry. */
    String serviceFqdn() {
      return serviceName + "." + namespace + ".svc.cluster.local.";
    }

    @Override
    public String toString() {
      return id();
    }
  }

  /** One pod of a workload, placed on a node. */
  static final class Pod implements Peer {
    final int index;
    final Workload workload;
    final String name;
    final Node node;
    final String ip;
    final int endpointId;
    final Endpoint endpoint;
    final ByteString ipBytes;

    Pod(int index, Workload workload, String name, Node node, String ip, int endpointId, List<String> labels) {
      this.index = index;
      this.workload = workload;
      this.name = name;
      this.node = node;
      this.ip = ip;
      this.endpointId = endpointId;
      Endpoint.Builder e = Endpoint.newBuilder()
          .setID(endpointId)
          .setIdentity(workload.identity)
          .setClusterNameBytes(utf8(CLUSTER_NAME))
          .setNamespaceBytes(utf8(workload.namespace))
          .setPodNameBytes(utf8(name))
          .addWorkloads(io.networkvisualizer.source.hubble.proto.flow.Workload.newBuilder()
              .setNameBytes(utf8(workload.name)).setKindBytes(utf8(workload.kind)));
      for (String label : labels) {
        e.addLabelsBytes(utf8(label));
      }
      this.endpoint = e.build();
      this.ipBytes = utf8(ip);
    }

    /** {@code namespace/pod}. */
    String id() {
      return workload.namespace + "/" + name;
    }

    @Override
    public Endpoint endpoint() {
      return endpoint;
    }

    @Override
    public String ip() {
      return ip;
    }

    @Override
    public ByteString ipBytes() {
      return ipBytes;
    }

    @Override
    public Node node() {
      return node;
    }

    @Override
    public String fqdn() {
      return null;
    }

    @Override
    public Service service() {
      return workload.service;
    }

    @Override
    public String toString() {
      return id();
    }
  }

  /** An address outside the cluster ({@code reserved:world}, identity 2), optionally known by a DNS name. */
  record World(String ip, String fqdn, ByteString ipBytes) implements Peer {
    static final Endpoint ENDPOINT = Endpoint.newBuilder().setIdentity(2).addLabelsBytes(utf8("reserved:world")).build();

    World(String ip, String fqdn) {
      this(ip, fqdn, utf8(ip));
    }

    @Override
    public Endpoint endpoint() {
      return ENDPOINT;
    }

    @Override
    public Node node() {
      return null;
    }

    @Override
    public Service service() {
      return null;
    }

    @Override
    public String toString() {
      return fqdn == null ? ip : ip + " (" + fqdn + ")";
    }
  }

  private record Spec(String namespace, String name, String kind, int replicas, int port, Serves serves,
      int metricsPort, String serviceName) {}

  private static final List<Spec> SPECS = List.of(
      new Spec("shop", "frontend", "Deployment", 3, 8080, Serves.HTTP, 8080, "frontend"),
      new Spec("shop", "catalog", "Deployment", 3, 8080, Serves.HTTP, 8080, "catalog"),
      new Spec("shop", "cart", "Deployment", 2, 8080, Serves.HTTP, 8080, "cart"),
      new Spec("shop", "checkout", "Deployment", 2, 8080, Serves.HTTP, 8080, "checkout"),
      new Spec("shop", "recommendations", "Deployment", 2, 50051, Serves.GRPC, 9090, "recommendations"),
      new Spec("shop", "redis", "StatefulSet", 1, 6379, Serves.TCP, 9121, "redis"),
      new Spec("payments", "payments-api", "Deployment", 2, 50051, Serves.GRPC, 9090, "payments-api"),
      new Spec("payments", "fraud-check", "Deployment", 2, 50051, Serves.GRPC, 9090, "fraud-check"),
      new Spec("payments", "ledger", "Deployment", 2, 50051, Serves.GRPC, 9090, "ledger"),
      new Spec("payments", "payments-db", "StatefulSet", 1, 5432, Serves.TCP, 9187, "payments-db"),
      new Spec("identity", "auth", "Deployment", 2, 8080, Serves.HTTP, 8080, "auth"),
      new Spec("identity", "user-api", "Deployment", 2, 50051, Serves.GRPC, 9090, "user-api"),
      new Spec("identity", "identity-db", "StatefulSet", 1, 5432, Serves.TCP, 9187, "identity-db"),
      new Spec("kube-system", "coredns", "Deployment", 2, 53, Serves.DNS, 9153, "kube-dns"),
      new Spec("monitoring", "prometheus", "StatefulSet", 1, 9090, Serves.HTTP, 9090, "prometheus"),
      new Spec("monitoring", "blackbox-exporter", "Deployment", 1, 9115, Serves.HTTP, 9115, "blackbox-exporter"),
      new Spec("monitoring", "node-exporter", "DaemonSet", 3, 9100, Serves.HTTP, 9100, "node-exporter"));

  final List<Node> nodes;
  final List<Workload> workloads;
  final List<Pod> pods;
  final List<String> namespaces;
  private final Map<String, Workload> byId = new LinkedHashMap<>();

  private Cluster(List<Node> nodes, List<Workload> workloads, List<Pod> pods) {
    this.nodes = List.copyOf(nodes);
    this.workloads = List.copyOf(workloads);
    this.pods = List.copyOf(pods);
    Set<String> ns = new TreeSet<>();
    for (Workload w : workloads) {
      byId.put(w.id(), w);
      ns.add(w.namespace);
    }
    this.namespaces = List.copyOf(ns);
  }

  /** The workload {@code namespace/name}; throws when there is none (a bug in the traffic plan). */
  Workload workload(String id) {
    Workload w = byId.get(id);
    if (w == null) {
      throw new IllegalArgumentException("no workload " + id);
    }
    return w;
  }

  /** Builds the cluster from a seed: names, IPs, identities and placement differ by seed, the shape does not. */
  static Cluster build(long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(new Node(i, "sim-node-" + (i + 1), "172.18.0." + (i + 2)));
    }
    Set<Integer> identities = new HashSet<>();
    Set<String> clusterIps = new HashSet<>(Set.of("10.96.0.1", "10.96.0.10"));
    Set<String> names = new HashSet<>();
    List<Set<Integer>> usedHosts = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    List<Set<Integer>> usedEndpointIds = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    List<Workload> workloads = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (Spec spec : SPECS) {
      int identity;
      do {
        identity = 10_000 + random.nextInt(55_000);
      } while (!identities.add(identity));
      String clusterIp;
      if (spec.serves == Serves.DNS) {
        clusterIp = "10.96.0.10";
      } else {
        do {
          clusterIp = "10.96." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254));
        } while (!clusterIps.add(clusterIp));
      }
      Workload w = new Workload(workloads.size(), spec.namespace, spec.name, spec.kind, identity, spec.serviceName,
          clusterIp, spec.port, spec.serves, spec.metricsPort);
      workloads.add(w);
      String template = spec.kind.equals("Deployment") ? suffix(random, 9 + random.nextInt(2)) : "";
      int nodeOffset = random.nextInt(nodes.size());
      List<String> labels = labels(spec);
      for (int r = 0; r < spec.replicas; r++) {
        String name;
        do {
          name = switch (spec.kind) {
            case "Deployment" -> spec.name + "-" + template + "-" + suffix(random, 5);
            case "StatefulSet" -> spec.name + "-" + r;
            default -> spec.name + "-" + suffix(random, 5);
          };
        } while (!names.add(name));
        Node node = spec.kind.equals("DaemonSet") ? nodes.get(r) : nodes.get((nodeOffset + r) % nodes.size());
        int host;
        do {
          host = 2 + random.nextInt(252);
        } while (!usedHosts.get(node.index()).add(host));
        int endpointId;
        do {
          endpointId = 1 + random.nextInt(4095);
        } while (!usedEndpointIds.get(node.index()).add(endpointId));
        Pod pod = new Pod(pods.size(), w, name, node, "10.244." + node.index() + "." + host, endpointId, labels);
        w.pods.add(pod);
        pods.add(pod);
      }
    }
    return new Cluster(nodes, workloads, pods);
  }

  private static List<String> labels(Spec spec) {
    List<String> labels = new ArrayList<>();
    if (spec.serves == Serves.DNS) {
      labels.add("k8s:k8s-app=kube-dns");
    } else {
      labels.add("k8s:app=" + spec.name);
    }
    labels.add("k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=" + spec.namespace);
    labels.add("k8s:io.cilium.k8s.policy.cluster=" + CLUSTER_NAME);
    labels.add("k8s:io.cilium.k8s.policy.serviceaccount=" + (spec.serves == Serves.DNS ? "coredns" : spec.name));
    labels.add("k8s:io.kubernetes.pod.namespace=" + spec.namespace);
    Collections.sort(labels);
    return List.copyOf(labels);
  }

  private static String suffix(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = K8S_ALPHABET.charAt(random.nextInt(K8S_ALPHABET.length()));
    }
    return new String(chars);
  }
}
