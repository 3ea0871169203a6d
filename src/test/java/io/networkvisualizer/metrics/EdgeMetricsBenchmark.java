package io.networkvisualizer.metrics;

import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.DropReason;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.EventClock;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.metrics.GraphQuery.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per flow of the metrics stage ({@link EdgeMetrics#onFlow}), over a realistic mix on a few thousand edges: 384
 * pods (12 namespaces, 8 workloads of 4 replicas, each workload calling 3 others), TCP requests and replies, the
 * server-side doubles that are skipped, DNS to coredns (UDP, half with L7 records), HTTP L7 records, HTTPS to 200
 * outside names, kubelet probes from the host, 1% drops, and measured sizes on half the flows. Flows arrive at
 * 100,000/s of event time; each invocation feeds {@value #BATCH} flows whose times follow the previous batch's. Also
 * measures a graph snapshot, and (with argument {@code memory}) the heap held per edge.
 *
 * <p>Run: {@code scripts/bench-metrics.sh} (memory per edge, then JMH; JMH options may follow, e.g.
 * {@code scripts/bench-metrics.sh -wi 2 -i 3 -f 1}), or by hand:
 * <pre>
 * ./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *     -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     org.openjdk.jmh.Main EdgeMetricsBenchmark
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.networkvisualizer.metrics.EdgeMetricsBenchmark memory
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EdgeMetricsBenchmark {
  static final int BATCH = 1 << 16;
  static final long FLOW_INTERVAL_NANOS = 10_000; // 100,000 flows/s
  static final long START_NANOS = 1_704_207_845_000_000_000L;

  /** A clock the benchmark sets to each flow's time, as {@code FlowTimeClock} would. */
  static final class ManualClock implements EventClock {
    long now;

    @Override
    public long nowNanos() {
      return now;
    }
  }

  /** An engine fed batch after batch; each invocation of {@link #onFlow} feeds the next batch. */
  @State(Scope.Thread)
  public static class Feed {
    final ManualClock clock = new ManualClock();
    EdgeMetrics metrics;
    Flow[] template;
    Flow[] batch;
    long offset;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void setUp() {
      template = mix(BATCH, new Random(42));
      batch = new Flow[BATCH];
      metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());
      offset = 0;
      for (int round = 0; round < 4; round++) { // fill the edges and windows before measuring
        nextBatch();
        feed();
      }
    }

    /**
     * The template's flows, moved on in time so they follow the last batch, with new client ports on connection
     * starts (SYNs, UDP) so that the connection table sees new 5-tuples as a live cluster's would (not timed).
     */
    @Setup(org.openjdk.jmh.annotations.Level.Invocation)
    public void nextBatch() {
      long base = START_NANOS + offset;
      int shift = (int) (offset / (BATCH * FLOW_INTERVAL_NANOS)) * 7919;
      for (int i = 0; i < BATCH; i++) {
        Flow t = template[i];
        Flow.Builder b = t.toBuilder().timeNanos(base + i * FLOW_INTERVAL_NANOS);
        if (!Boolean.TRUE.equals(t.isReply())
            && (t.l4() == L4Protocol.UDP || TcpFlags.isConnectionStart(t.tcpFlags()))) {
          b.sourcePort(32768 + (t.sourcePort() - 32768 + shift) % 28_000);
        }
        batch[i] = b.build();
      }
      offset += BATCH * FLOW_INTERVAL_NANOS;
    }

    void feed() {
      ManualClock c = clock;
      EdgeMetrics m = metrics;
      for (Flow f : batch) {
        c.now = f.timeNanos();
        m.onFlow(f);
      }
    }
  }

  /** An engine holding the mix's edges, for snapshots. */
  @State(Scope.Thread)
  public static class Graph {
    EdgeMetrics metrics;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void setUp() {
      Feed feed = new Feed();
      feed.setUp();
      metrics = feed.metrics;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void onFlow(Feed feed) {
    feed.feed();
  }

  /** One {@code /api/graph?level=workload} snapshot of the mix's edges (about 7,700 pod-level edges). */
  @Benchmark
  public void snapshotWorkloadLevel(Graph graph, Blackhole bh) {
    bh.consume(graph.metrics.snapshot(GraphQuery.all(Level.WORKLOAD)));
  }

  /** {@code n} flows of the mix described above, with times to be set by the caller. */
  static Flow[] mix(int n, Random random) {
    List<Endpoint[]> workloads = new ArrayList<>();
    for (int ns = 0; ns < 12; ns++) {
      for (int w = 0; w < 8; w++) {
        Endpoint[] replicas = new Endpoint[4];
        for (int r = 0; r < 4; r++) {
          String workload = "svc" + w;
          replicas[r] = new Endpoint(1000 + ns * 100 + w * 4 + r, 20_000 + ns * 10 + w, "default", "ns" + ns,
              workload + "-7d4b9c6f5-" + "bcdfg".charAt(r) + "x2k4", List.of("k8s:app=" + workload,
                  "k8s:io.kubernetes.pod.namespace=ns" + ns, "k8s:io.cilium.k8s.policy.cluster=default"),
              workload, "Deployment");
        }
        workloads.add(replicas);
      }
    }
    int[][] calls = new int[workloads.size()][3];
    for (int[] c : calls) {
      for (int k = 0; k < 3; k++) {
        c[k] = random.nextInt(workloads.size());
      }
    }
    Endpoint[] coredns = {
        new Endpoint(1, 500, "default", "kube-system", "coredns-558bd4d5db-w2m67",
            List.of("k8s:k8s-app=kube-dns"), "coredns", "Deployment"),
        new Endpoint(2, 500, "default", "kube-system", "coredns-558bd4d5db-9grjv",
            List.of("k8s:k8s-app=kube-dns"), "coredns", "Deployment")};
    Endpoint world = new Endpoint(0, 2, "default", "", "", List.of("reserved:world"), "", "");
    Endpoint host = new Endpoint(0, 1, "default", "", "", List.of("reserved:host"), "", "");

    Flow[] flows = new Flow[n];
    for (int i = 0; i < n; i++) {
      int w = random.nextInt(workloads.size());
      Endpoint client = workloads.get(w)[random.nextInt(4)];
      Endpoint server = workloads.get(calls[w][random.nextInt(3)])[random.nextInt(4)];
      String clientIp = ip(client);
      String serverIp = ip(server);
      int clientPort = 32768 + random.nextInt(28_000);
      String node = "node-" + (client.id() % 6);
      int kind = random.nextInt(100);
      Flow.Builder b = Flow.builder().verdict(Verdict.FORWARDED).l4(L4Protocol.TCP).nodeName(node)
          .direction(TrafficDirection.EGRESS).type(FlowType.L3_L4).observationPoint("TO_ENDPOINT");
      if (kind < 55) { // request
        b.source(client).destination(server).sourceIp(clientIp).destinationIp(serverIp).sourcePort(clientPort)
            .destinationPort(8080).isReply(false)
            .tcpFlags(kind < 3 ? TcpFlags.SYN : TcpFlags.ACK | TcpFlags.PSH);
      } else if (kind < 75) { // reply
        b.source(server).destination(client).sourceIp(serverIp).destinationIp(clientIp).sourcePort(8080)
            .destinationPort(clientPort).isReply(true).tcpFlags(TcpFlags.ACK | TcpFlags.PSH);
      } else if (kind < 83) { // the server side's report of a request: skipped as a double
        b.source(client).destination(server).sourceIp(clientIp).destinationIp(serverIp).sourcePort(clientPort)
            .destinationPort(8080).isReply(false).tcpFlags(TcpFlags.ACK).direction(TrafficDirection.INGRESS);
      } else if (kind < 90) { // DNS
        Endpoint dns = coredns[random.nextInt(2)];
        b.source(client).destination(dns).sourceIp(clientIp).destinationIp(ip(dns)).sourcePort(clientPort)
            .destinationPort(53).isReply(false).l4(L4Protocol.UDP);
        if (kind % 2 == 0) {
          b.type(FlowType.L7).observationPoint("").l7(new L7(L7.Type.REQUEST, 0, null,
              new Dns("svc" + random.nextInt(8) + ".ns" + random.nextInt(12) + ".svc.cluster.local.", List.of(), 0,
                  List.of("A"), 0)));
        }
      } else if (kind < 94) { // HTTP L7
        boolean response = kind % 2 == 0;
        Http http = new Http(response ? (random.nextInt(50) == 0 ? 503 : 200) : 0, "GET",
            "/api/items/" + random.nextInt(20), "HTTP/1.1");
        b.type(FlowType.L7).observationPoint("").l7(new L7(response ? L7.Type.RESPONSE : L7.Type.REQUEST,
            response ? 2_000_000 : 0, http, null)).tcpFlags(0);
        if (response) {
          b.source(server).destination(client).sourceIp(serverIp).destinationIp(clientIp).sourcePort(8080)
              .destinationPort(clientPort).isReply(true);
        } else {
          b.source(client).destination(server).sourceIp(clientIp).destinationIp(serverIp).sourcePort(clientPort)
              .destinationPort(8080).isReply(false);
        }
      } else if (kind < 97) { // HTTPS to an outside name
        int site = random.nextInt(200);
        b.source(client).destination(world).sourceIp(clientIp).destinationIp("203.0." + (site / 250) + "." + site)
            .destinationNames(List.of("site" + site + ".example.com")).sourcePort(clientPort).destinationPort(443)
            .isReply(false).tcpFlags(TcpFlags.ACK).observationPoint("TO_STACK");
      } else if (kind < 99) { // kubelet probe
        b.source(host).destination(client).sourceIp("172.18.0." + (client.id() % 6)).destinationIp(clientIp)
            .sourcePort(clientPort).destinationPort(8080).isReply(false).tcpFlags(TcpFlags.ACK)
            .direction(TrafficDirection.INGRESS);
      } else { // policy drop
        b.source(client).destination(server).sourceIp(clientIp).destinationIp(serverIp).sourcePort(clientPort)
            .destinationPort(5432).isReply(false).tcpFlags(TcpFlags.SYN).verdict(Verdict.DROPPED)
            .dropReason(DropReason.ofName("POLICY_DENIED")).observationPoint("");
      }
      if (random.nextBoolean()) {
        b.bytes(64 + random.nextInt(1400)).packets(1 + random.nextInt(3));
      }
      flows[i] = b.build();
    }
    return flows;
  }

  private static String ip(Endpoint e) {
    return "10.244." + (e.id() / 250) + "." + (e.id() % 250);
  }

  /**
   * With argument {@code memory}: the heap held per edge (with its share of the nodes), measured by creating 20,000
   * edges (200 clients x 100 servers) with and without measured sizes and comparing the used heap after collections
   * (the connection table's fixed 4 MiB is left out); else runs JMH.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("memory")) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    for (boolean measured : new boolean[] {false, true}) {
      ManualClock clock = new ManualClock();
      clock.now = START_NANOS;
      EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults()); // its fixed 4 MiB not counted
      Endpoint[] pods = new Endpoint[300];
      for (int p = 0; p < pods.length; p++) {
        pods[p] = new Endpoint(p, 20_000 + p, "default", "ns" + p % 10, "pod-" + p + "-7d4b9c6f5-bcdfg",
            List.of("k8s:app=app" + p, "k8s:io.kubernetes.pod.namespace=ns" + p % 10), "app" + p, "Deployment");
      }
      long before = usedHeap();
      int edges = 0;
      for (int c = 0; c < 200; c++) {
        for (int s = 200; s < 300; s++) {
          Flow.Builder f = Flow.builder().timeNanos(clock.now).source(pods[c]).destination(pods[s])
              .sourceIp(ip(pods[c])).destinationIp(ip(pods[s])).sourcePort(40_000).destinationPort(8080)
              .l4(L4Protocol.TCP).tcpFlags(TcpFlags.ACK).verdict(Verdict.FORWARDED)
              .direction(TrafficDirection.EGRESS).isReply(false);
          if (measured) {
            f.bytes(100).packets(1);
          }
          metrics.onFlow(f.build());
          edges++;
        }
      }
      long after = usedHeap();
      System.out.printf("memory per edge (%s sizes): %d bytes, over %d edges and %d nodes%n",
          measured ? "with measured" : "without", (after - before) / edges, metrics.stats().edges(),
          metrics.stats().nodes());
      if (metrics.stats().edges() != edges) {
        throw new IllegalStateException("expected " + edges + " edges");
      }
    }
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
