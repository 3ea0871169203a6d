package io.networkvisualizer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.metrics.GraphQuery.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph of the real Hubble samples (Istio bookinfo on kind, one node's view, through Cilium's L7 proxy) has the
 * edges one would draw by hand: productpage calls details and the three reviews versions, reviews-v2 calls ratings,
 * the ratings pod (used as the traffic generator) calls productpage, and the pods resolve names through coredns; and
 * none of the proxy's own legs show up as extra edges.
 */
class HubbleSamplesGraphTest {
  static Path samples = Path.of(System.getProperty("hubble.samples", "../shared/fixtures/hubble"));

  @BeforeEach
  void needsTheSamples() {
    assumeTrue(Files.isDirectory(samples),
        "Hubble samples test not run: folder " + samples.toAbsolutePath() + " is absent (set -Dhubble.samples)");
  }

  /** Replays a sample file the way the product replays a flow log: the clock is the flows' own time. */
  static EdgeMetrics replay(String file) throws IOException {
    FlowTimeClock clock = FlowTimeClock.replay();
    EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());
    for (Flow flow : SampleFlows.read(samples.resolve(file))) {
      clock.onFlow(flow);
      metrics.onFlow(flow);
    }
    return metrics;
  }

  static Map<String, GraphSnapshot.Edge> edges(EdgeMetrics metrics, Level level) {
    return metrics.snapshot(GraphQuery.all(level)).edges().stream()
        .collect(Collectors.toMap(GraphSnapshot.Edge::id, Function.identity()));
  }

  @Test
  void tcpSampleHasTheBookinfoCallGraph() throws IOException {
    EdgeMetrics metrics = replay("basic-sample-400-tcp-flows.json");
    Map<String, GraphSnapshot.Edge> edges = edges(metrics, Level.WORKLOAD);

    String productpage = "workload/bookinfo/productpage-v1";
    assertThat(edges).containsKeys(
        productpage + "->workload/bookinfo/details-v1",
        productpage + "->workload/bookinfo/reviews-v1",
        productpage + "->workload/bookinfo/reviews-v2",
        productpage + "->workload/bookinfo/reviews-v3",
        "workload/bookinfo/reviews-v2->workload/bookinfo/ratings-v1",
        "workload/bookinfo/ratings-v1->" + productpage);
    // No edge from the proxy's legs: neither the identity-only upstream side nor its replies to the host.
    assertThat(edges.keySet()).noneMatch(id -> id.startsWith("workload/bookinfo/ratings->"));
    assertThat(edges.keySet()).noneMatch(id -> id.startsWith("host/kind-control-plane->" + productpage));
    assertThat(edges.keySet()).noneMatch(id -> id.endsWith("->workload/bookinfo/productpage-v1")
        && !id.startsWith("workload/bookinfo/ratings-v1"));

    GraphSnapshot.FlowData details = edges.get(productpage + "->workload/bookinfo/details-v1").flowData();
    assertThat(details.protocol()).isEqualTo("HTTP");
    assertThat(details.protocols()).containsExactly("HTTP", "TCP");
    assertThat(details.direction()).isEqualTo("bidirectional");
    assertThat(details.connectionCount()).isPositive();
    assertThat(details.bytesMeasured()).isFalse();
    assertThat(details.l7().httpPaths()).extracting(GraphSnapshot.Count::key).contains("/details/0");
    assertThat(details.l7().httpCodes()).containsKey("200");
    assertThat(details.errorRate()).isZero();

    GraphSnapshot.Stats stats = metrics.stats();
    assertThat(stats.doubleObservationsSkipped()).isPositive();
    assertThat(stats.lateFlows()).isZero();
    assertThat(stats.futureFlows()).isZero();
  }

  @Test
  void udpSampleHasPodsResolvingNamesThroughCoredns() throws IOException {
    EdgeMetrics metrics = replay("basic-sample-400-udp-flows.json");
    Map<String, GraphSnapshot.Edge> edges = edges(metrics, Level.WORKLOAD);

    String coredns = "workload/kube-system/coredns";
    assertThat(edges).containsKeys(
        "workload/bookinfo/productpage-v1->" + coredns,
        "workload/bookinfo/ratings-v1->" + coredns);
    assertThat(edges.keySet()).noneMatch(id -> id.startsWith("remote-node->"));
    GraphSnapshot.FlowData dns = edges.get("workload/bookinfo/productpage-v1->" + coredns).flowData();
    assertThat(dns.protocol()).isEqualTo("DNS");
    assertThat(dns.direction()).isEqualTo("bidirectional");
    assertThat(dns.connectionCount()).isPositive();
    assertThat(dns.l7().dnsNames()).isNotEmpty();

    List<GraphSnapshot.Node> pods = metrics.snapshot(GraphQuery.all(Level.POD)).nodes();
    assertThat(pods).extracting(GraphSnapshot.Node::id)
        .contains("pod/kube-system/coredns-558bd4d5db-w2m67", "pod/kube-system/coredns-558bd4d5db-9grjv");
    assertThat(pods).filteredOn(n -> n.id().startsWith("pod/bookinfo/productpage"))
        .singleElement().satisfies(n -> {
          assertThat(n.labels()).containsEntry("app", "productpage");
          assertThat(n.nodeNames()).containsExactly("kind-control-plane");
        });
  }

  @Test
  void dnsSampleHasNodeLocalDnsAskingKubeDns() throws IOException {
    Map<String, GraphSnapshot.Edge> edges = edges(replay("basic-sample-5-dns-flows.json"), Level.WORKLOAD);
    assertThat(edges).containsKey("workload/kube-system/node-local-dns->workload/kube-system/kube-dns");
    assertThat(edges.get("workload/kube-system/node-local-dns->workload/kube-system/kube-dns").flowData().protocol())
        .isEqualTo("DNS");
  }
}
