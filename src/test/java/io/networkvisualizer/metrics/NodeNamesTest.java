package io.networkvisualizer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.metrics.GraphQuery.Level;
import io.networkvisualizer.source.file.FileSource;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeNames} names every endpoint as the graph does: over hand-built flows of every node kind and over the real
 * samples, the pod and workload ids it gives for the counted flows' clients and servers are exactly the graph's node
 * ids at those levels.
 */
class NodeNamesTest {
  static final Instant T = Instant.parse("2024-01-02T15:04:05Z");

  /** The pod-level and workload-level ids of the counted flows' ends, by NodeNames and by the graph. */
  static void assertSameIds(List<Flow> flows) {
    FlowTimeClock clock = FlowTimeClock.replay();
    EdgeMetrics metrics = new EdgeMetrics(clock, EdgeMetrics.Options.defaults());
    Set<String> podLevel = new TreeSet<>();
    Set<String> workloadLevel = new TreeSet<>();
    for (Flow f : flows) {
      clock.onFlow(f);
      metrics.onFlow(f);
      boolean reply = NodeNames.isReply(f);
      if (NodeNames.isDoubleObservation(f, reply)) {
        continue;
      }
      for (boolean client : new boolean[] {true, false}) {
        boolean source = client != reply;
        NodeNames.Name name = NodeNames.of(source ? f.source() : f.destination(),
            source ? f.sourceIp() : f.destinationIp(), source ? f.sourceNames() : f.destinationNames(), f.nodeName());
        podLevel.add(name.isPod() ? name.podId() : name.nodeId());
        workloadLevel.add(name.nodeId());
      }
    }
    assertThat(podLevel).isEqualTo(ids(metrics, Level.POD));
    assertThat(workloadLevel).isEqualTo(ids(metrics, Level.WORKLOAD));
  }

  static Set<String> ids(EdgeMetrics metrics, Level level) {
    Set<String> ids = new TreeSet<>();
    metrics.snapshot(GraphQuery.all(level)).nodes().forEach(n -> ids.add(n.id()));
    return ids;
  }

  @Test
  void handBuiltFlowsOfEveryKind_areNamedAsTheGraphNamesThem() {
    var frontend = Flows.pod("shop", "frontend-7d4b9c6f5-x2k4f");
    var postgres = Flows.podWithoutWorkload("data", "postgres-0");
    List<Flow> flows = List.of(
        Flows.tcp(T, frontend, postgres, 5432).build(),
        Flows.tcp(T, frontend, Flows.world(), 443).destinationIp("203.0.113.9")
            .destinationNames(List.of("API.Example.com.")).build(),
        Flows.tcp(T, frontend, Flows.world(), 443).destinationIp("198.51.100.7").build(),
        Flows.tcp(T, Flows.host(), frontend, 8080).nodeName("node-a").build(),
        Flows.tcp(T, frontend, Flows.kubeApiserver(), 443).build(),
        Flows.tcp(T, Flows.remoteNode(), frontend, 8080).build(),
        Flows.tcp(T, frontend, io.networkvisualizer.flow.Endpoint.UNKNOWN, 9999).destinationIp("10.9.9.9").build(),
        Flows.tcp(T, frontend, new io.networkvisualizer.flow.Endpoint(0, 4, "", "", "", List.of("reserved:health"),
            "", ""), 4240).build(),
        Flows.tcp(T, frontend, new io.networkvisualizer.flow.Endpoint(0, 30_000, "default", "", "",
            List.of("k8s:app=ledger", "k8s:io.kubernetes.pod.namespace=payments"), "", ""), 50051).build());

    assertSameIds(flows);
    assertThat(NodeNames.of(frontend, "", List.of(), "").nodeId()).isEqualTo("workload/shop/frontend");
    assertThat(NodeNames.of(postgres, "", List.of(), "").nodeId()).isEqualTo("workload/data/postgres");
    assertThat(NodeNames.of(Flows.world(), "1.2.3.4", List.of("API.Example.com."), "").nodeId())
        .isEqualTo("world/api.example.com");
    assertThat(NodeNames.isWorld(Flows.world())).isTrue();
    assertThat(NodeNames.isWorld(frontend)).isFalse();
  }

  @Test
  void theRealSamples_areNamedAsTheGraphNamesThem() throws IOException {
    Path dir = ProtoJsonSamples.samplesDir();
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        "real Hubble samples not found (system property hubble.samples): this test did not run");
    for (String name : ProtoJsonSamples.SAMPLE_FILES) {
      List<Flow> flows = new ArrayList<>();
      FileSource.readAll(List.of(dir.resolve(name)), flows::add);
      assertThat(flows).isNotEmpty();
      assertSameIds(flows);
    }
  }
}
