package io.networkvisualizer.source.simulator;

import static io.networkvisualizer.source.simulator.Sample.MINUTE;
import static io.networkvisualizer.source.simulator.Sample.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.Timestamps;
import io.networkvisualizer.source.hubble.proto.flow.DropReason;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowType;
import io.networkvisualizer.source.hubble.proto.flow.L7FlowType;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TraceObservationPoint;
import io.networkvisualizer.source.hubble.proto.flow.TrafficDirection;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import io.networkvisualizer.testing.MutableClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated cluster's traffic: a believable cluster, every kind of flow Hubble reports, reproducible. */
@SuppressWarnings("deprecation") // Summary and drop_reason are deprecated in Hubble's proto but still filled
class TrafficGeneratorTest {
  private static final long EPOCH = MutableClock.START.getEpochSecond() * SECOND;
  private static final SimulatorOptions OPTIONS = SimulatorOptions.defaults();

  /** Two simulated minutes of the default cluster. */
  private static List<Flow> flows;

  @BeforeAll
  static void generate() {
    flows = generate(OPTIONS, 0, 2 * MINUTE);
  }

  private static List<Flow> generate(SimulatorOptions options, long from, long to) {
    List<Flow> out = new ArrayList<>();
    new TrafficGenerator(options, EPOCH).generate(EPOCH + from, EPOCH + to, out::add);
    return out;
  }

  @Test
  void sameSeed_givesTheSameFlows_howeverTheTimeIsCut() {
    List<Flow> again = new ArrayList<>();
    TrafficGenerator g = new TrafficGenerator(OPTIONS, EPOCH);
    for (long t = 0; t < 2 * MINUTE; t += 7_300_000_000L) {
      g.generate(EPOCH + t, EPOCH + Math.min(2 * MINUTE, t + 7_300_000_000L), again::add);
    }

    assertThat(again).hasSameSizeAs(flows);
    assertThat(again).isEqualTo(flows);
  }

  @Test
  void anotherSeed_givesAnotherCluster() {
    List<Flow> other = generate(OPTIONS.withSeed(7), 0, 10 * SECOND);

    // StatefulSet pods (redis-0) are named alike in every cluster; generated names are not
    Set<String> pods = podNames(flows).stream().filter(p -> !p.endsWith("-0")).collect(Collectors.toSet());
    Set<String> otherPods = podNames(other).stream().filter(p -> !p.endsWith("-0")).collect(Collectors.toSet());
    assertThat(otherPods).isNotEmpty().doesNotContainAnyElementsOf(pods);
  }

  @Test
  void skippingAheadGivesTheSameLaterFlows() {
    List<Flow> later = new ArrayList<>();
    new TrafficGenerator(OPTIONS, EPOCH).generate(EPOCH + MINUTE, EPOCH + 2 * MINUTE, later::add);

    assertThat(later).isEqualTo(flows.stream().filter(f -> Timestamps.toNanos(f.getTime()) >= EPOCH + MINUTE).toList());
  }

  @Test
  void generate_refusesToGoBackInTime() {
    TrafficGenerator g = new TrafficGenerator(OPTIONS, EPOCH);
    g.generate(EPOCH, EPOCH + SECOND, f -> { });

    assertThatThrownBy(() -> g.generate(EPOCH, EPOCH + 2 * SECOND, f -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forward");
  }

  @Test
  void flows_comeInTimeOrder_withinTheRangeAskedFor() {
    long previous = EPOCH;
    for (Flow f : flows) {
      long t = Timestamps.toNanos(f.getTime());
      assertThat(t).isGreaterThanOrEqualTo(previous).isLessThan(EPOCH + 2 * MINUTE);
      previous = t;
    }
  }

  @Test
  void cluster_looksLikeARealOne() {
    Cluster cluster = new TrafficGenerator(OPTIONS, EPOCH).cluster();

    assertThat(cluster.namespaces).contains("shop", "payments", "identity", "kube-system", "monitoring");
    assertThat(cluster.pods).hasSizeBetween(20, 40);
    assertThat(cluster.nodes).extracting(Cluster.Node::name).containsExactly("sim-node-1", "sim-node-2", "sim-node-3");
    assertThat(cluster.workloads).extracting(w -> w.kind).contains("Deployment", "StatefulSet", "DaemonSet");
    assertThat(cluster.workloads).filteredOn(w -> w.pods.size() > 1).hasSizeGreaterThan(8);
    for (Cluster.Pod pod : cluster.pods) {
      assertThat(pod.ip).startsWith("10.244." + pod.node.index() + ".");
      switch (pod.workload.kind) {
        case "Deployment" -> assertThat(pod.name).matches(pod.workload.name + "-[bcdfghjklmnpqrstvwxz2456789]{9,10}"
            + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
        case "StatefulSet" -> assertThat(pod.name).matches(pod.workload.name + "-\\d");
        default -> assertThat(pod.name).matches(pod.workload.name + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
      }
      Endpoint e = pod.endpoint;
      assertThat(e.getLabelsList()).contains("k8s:io.kubernetes.pod.namespace=" + pod.workload.namespace);
      assertThat(e.getLabelsList()).anyMatch(l -> l.startsWith("k8s:app=") || l.startsWith("k8s:k8s-app="));
      assertThat(e.getWorkloads(0).getName()).isEqualTo(pod.workload.name);
      assertThat(e.getIdentity()).isGreaterThan(255);
      assertThat(e.getClusterName()).isEqualTo("default");
    }
    assertThat(cluster.workload("shop/frontend").pods).extracting(p -> p.node).doesNotHaveDuplicates();
    assertThat(new TrafficGenerator(OPTIONS, EPOCH).cluster().pods).extracting(p -> p.name)
        .isEqualTo(cluster.pods.stream().map(p -> p.name).toList());
  }

  @Test
  void everyL7Kind_appears_withItsDetails() {
    List<Flow> http = flows.stream().filter(f -> f.getL7().hasHttp()).toList();
    assertThat(http).anySatisfy(f -> {
      assertThat(f.getL7().getType()).isEqualTo(L7FlowType.REQUEST);
      assertThat(f.getL7().getHttp().getProtocol()).isEqualTo("HTTP/1.1");
      assertThat(f.getL7().getHttp().getMethod()).isEqualTo("GET");
      assertThat(f.getL7().getHttp().getUrl()).startsWith("http://catalog:8080/api/");
      assertThat(f.getType()).isEqualTo(FlowType.L7);
    });
    assertThat(http).anySatisfy(f -> {
      assertThat(f.getL7().getType()).isEqualTo(L7FlowType.RESPONSE);
      assertThat(f.getL7().getHttp().getCode()).isEqualTo(200);
      assertThat(f.getL7().getLatencyNs()).isPositive();
      assertThat(f.getIsReply().getValue()).isTrue();
    });
    assertThat(http).anySatisfy(f -> assertThat(f.getL7().getHttp().getCode()).isBetween(500, 599));
    assertThat(http).anySatisfy(f -> {
      assertThat(f.getL7().getHttp().getProtocol()).isEqualTo("HTTP/2");
      assertThat(f.getL7().getHttp().getMethod()).isEqualTo("POST");
      assertThat(f.getL7().getHttp().getUrl()).matches("http://[a-z.-]+:50051/[a-z0-9.]+\\.[A-Z][A-Za-z]+/[A-Z][A-Za-z]+");
    });
    assertThat(http).anySatisfy(f -> assertThat(f.getL7().getHttp().getUrl()).endsWith("/metrics"));
    List<Flow> dns = flows.stream().filter(f -> f.getL7().hasDns()).toList();
    assertThat(dns).anySatisfy(f -> {
      assertThat(f.getL7().getType()).isEqualTo(L7FlowType.REQUEST);
      assertThat(f.getL7().getDns().getQuery()).endsWith(".svc.cluster.local.");
      assertThat(f.getL7().getDns().getQtypesList()).containsExactly("A");
      assertThat(f.getDestination().getWorkloads(0).getName()).isEqualTo("coredns");
      assertThat(f.getL4().getUDP().getDestinationPort()).isEqualTo(53);
    });
    assertThat(dns).anySatisfy(f -> {
      assertThat(f.getL7().getType()).isEqualTo(L7FlowType.RESPONSE);
      assertThat(f.getL7().getDns().getRcode()).isZero();
      assertThat(f.getL7().getDns().getIpsList()).isNotEmpty();
    });
    assertThat(dns).anySatisfy(f -> assertThat(f.getL7().getDns().getRcode()).isEqualTo(3));
  }

  @Test
  void everyProtocolAndVerdict_appears() {
    assertThat(flows).anySatisfy(f -> assertThat(f.getVerdict()).isEqualTo(Verdict.FORWARDED));
    assertThat(flows).anySatisfy(f -> {
      assertThat(f.getVerdict()).isEqualTo(Verdict.DROPPED);
      assertThat(f.getDropReasonDesc()).isEqualTo(DropReason.POLICY_DENIED);
      assertThat(f.getDropReason()).isEqualTo(133);
      assertThat(f.getEgressDeniedByList()).isNotEmpty();
      assertThat(f.getL4().getTCP().getFlags().getSYN()).isTrue();
    });
    assertThat(flows).anySatisfy(f -> assertThat(f.getL4().getTCP().getDestinationPort()).isEqualTo(6379));
    assertThat(flows).anySatisfy(f -> assertThat(f.getL4().getTCP().getDestinationPort()).isEqualTo(5432));
    assertThat(flows).anySatisfy(f -> assertThat(f.getL4().getICMPv4().getType()).isEqualTo(8));
    assertThat(flows).anySatisfy(f -> assertThat(f.getL4().getICMPv4().getType()).isZero());
    assertThat(flows).anySatisfy(f -> {
      assertThat(f.getDestination().getIdentity()).isEqualTo(2);
      assertThat(f.getDestination().getLabelsList()).containsExactly("reserved:world");
      assertThat(f.getDestinationNamesList()).containsExactly("api.stripe.com");
      assertThat(f.getL4().getTCP().getDestinationPort()).isEqualTo(443);
    });
    assertThat(flows).anySatisfy(f -> {
      assertThat(f.getSource().getIdentity()).isEqualTo(2);
      assertThat(f.getDestination().getWorkloads(0).getName()).isEqualTo("frontend");
      assertThat(f.getTrafficDirection()).isEqualTo(TrafficDirection.INGRESS);
    });
  }

  @Test
  void everyFlow_carriesTheFieldsHubbleSets() {
    Set<String> nodes = Set.of("sim-node-1", "sim-node-2", "sim-node-3");
    Set<String> uuids = new HashSet<>();
    for (Flow f : flows) {
      assertThat(uuids.add(f.getUuid())).as("unique uuid").isTrue();
      assertThat(f.getUuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(f.getNodeName()).isIn(nodes);
      assertThat(f.getSummary()).isNotEmpty();
      assertThat(f.hasIsReply()).isTrue();
      assertThat(f.getTrafficDirection()).isNotEqualTo(TrafficDirection.TRAFFIC_DIRECTION_UNKNOWN);
      assertThat(f.getType()).isIn(FlowType.L3_L4, FlowType.L7);
      assertThat(f.getIP().getSource()).isNotEmpty();
      if (f.getType() == FlowType.L3_L4 && f.getVerdict() == Verdict.FORWARDED) {
        assertThat(f.getTraceObservationPoint()).isNotEqualTo(TraceObservationPoint.UNKNOWN_POINT);
        assertThat(f.getEventType().getType()).isEqualTo(4);
      }
    }
  }

  @Test
  void podToPodPackets_areReportedAtBothEnds() {
    Map<String, List<Flow>> byPacket = new HashMap<>();
    for (Flow f : flows) {
      if (f.getType() == FlowType.L3_L4 && f.getVerdict() == Verdict.FORWARDED && !f.getSource().getPodName().isEmpty()
          && !f.getDestination().getPodName().isEmpty()) {
        byPacket.computeIfAbsent(f.getIP().getSource() + ">" + f.getIP().getDestination() + " " + f.getL4()
            + f.getSummary(), k -> new ArrayList<>()).add(f);
      }
    }
    assertThat(byPacket).hasSizeGreaterThan(1_000);
    long twice = byPacket.values().stream().filter(copies -> copies.size() >= 2).count();
    assertThat(twice).isGreaterThan(byPacket.size() * 9 / 10);
    List<Flow> copies = byPacket.values().stream().filter(c -> c.size() == 2
        && !c.get(0).getNodeName().equals(c.get(1).getNodeName())).findFirst().orElseThrow();
    Flow first = copies.get(0);
    Flow second = copies.get(1);
    assertThat(first.getUuid()).isNotEqualTo(second.getUuid());
    assertThat(Set.of(first.getTraceObservationPoint(), second.getTraceObservationPoint()))
        .contains(TraceObservationPoint.TO_ENDPOINT);
    String client = first.getIsReply().getValue() ? first.getDestination().getPodName() : first.getSource().getPodName();
    Flow atClientNode = first.getTrafficDirection() == TrafficDirection.EGRESS ? first : second;
    assertThat(atClientNode.getTrafficDirection()).isEqualTo(TrafficDirection.EGRESS);
    assertThat(client).isNotEmpty();
  }

  @Test
  void tcpFlags_followTheLifeOfAConnection() {
    Map<String, List<String>> lives = new HashMap<>();
    for (Flow f : flows) {
      if (f.getType() != FlowType.L3_L4 || !f.getL4().hasTCP() || f.getTrafficDirection() != TrafficDirection.EGRESS
          || f.getVerdict() != Verdict.FORWARDED) {
        continue;
      }
      boolean reply = f.getIsReply().getValue();
      String key = reply
          ? f.getIP().getDestination() + ":" + f.getL4().getTCP().getDestinationPort() + ">" + f.getIP().getSource()
              + ":" + f.getL4().getTCP().getSourcePort()
          : f.getIP().getSource() + ":" + f.getL4().getTCP().getSourcePort() + ">" + f.getIP().getDestination()
              + ":" + f.getL4().getTCP().getDestinationPort();
      lives.computeIfAbsent(key, k -> new ArrayList<>()).add(flags(f.getL4().getTCP().getFlags()));
    }
    List<List<String>> opened = lives.values().stream().filter(l -> l.get(0).equals("SYN")).toList();
    assertThat(opened).hasSizeGreaterThan(100);
    for (List<String> life : opened) {
      for (int i = 0; i + 1 < life.size(); i++) {
        if (life.get(i).equals("SYN")) {
          assertThat(life.get(i + 1)).as("answer to a SYN in " + life).isIn("SYN,ACK", "RST,ACK");
        }
      }
    }
    assertThat(opened).anySatisfy(l -> assertThat(l).contains("ACK,PSH").endsWith("FIN,ACK"));
    assertThat(lives.values()).anySatisfy(l -> assertThat(l).contains("RST,ACK"));
  }

  @Test
  void measuredBytes_areARetinaStruct_onPacketEvents() throws InvalidProtocolBufferException {
    List<Flow> packets = flows.stream().filter(f -> f.getType() == FlowType.L3_L4).toList();
    assertThat(packets).allSatisfy(f -> {
      assertThat(f.hasExtensions()).isTrue();
      assertThat(f.getExtensions().getTypeUrl()).isEqualTo("type.googleapis.com/google.protobuf.Struct");
    });
    Struct struct = packets.get(0).getExtensions().unpack(Struct.class);
    assertThat(struct.getFieldsMap()).containsKeys("bytes", "previously_observed_bytes", "previously_observed_packets");
    assertThat(struct.getFieldsOrThrow("bytes").getNumberValue()).isBetween(54.0, 1514.0);
    long big = 0;
    for (Flow f : packets) {
      Struct s = f.getExtensions().unpack(Struct.class);
      if (s.getFieldsOrThrow("previously_observed_packets").getNumberValue() > 0) {
        big++;
        assertThat(s.getFieldsOrThrow("previously_observed_bytes").getNumberValue()).isPositive();
      }
    }
    assertThat(big).as("events standing for several packets").isPositive();
    assertThat(flows.stream().filter(f -> f.getType() == FlowType.L7)).noneMatch(Flow::hasExtensions);
  }

  @Test
  void simBytesOff_givesPlainCiliumFlows_withoutExtensions() {
    List<Flow> plain = generate(OPTIONS.withBytes(false), 0, 20 * SECOND);

    assertThat(plain).isNotEmpty().noneMatch(Flow::hasExtensions);
  }

  @Test
  void rate_isTheOneAskedFor_andVariesLikeRealTraffic() {
    for (double rate : new double[] {20, 200, 5_000}) {
      long from = rate >= 1_000 ? 5 * SECOND : MINUTE;
      long to = rate >= 1_000 ? 15 * SECOND : rate >= 100 ? 6 * MINUTE : 21 * MINUTE;
      List<Flow> some = generate(OPTIONS.withRate(rate).withAnomalies(false), from, to);
      double seconds = (to - from) / (double) SECOND;
      assertThat(some.size() / seconds).as("flows/s at " + rate).isBetween(rate * 0.85, rate * 1.15);
    }
    Map<Long, Long> perTenSeconds = flows.stream()
        .collect(Collectors.groupingBy(f -> (Timestamps.toNanos(f.getTime()) - EPOCH) / (10 * SECOND),
            Collectors.counting()));
    assertThat(new HashSet<>(perTenSeconds.values())).hasSizeGreaterThan(5);
  }

  private static Set<String> podNames(List<Flow> flows) {
    return flows.stream().map(f -> f.getSource().getPodName()).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
  }

  private static String flags(TCPFlags f) {
    List<String> names = new ArrayList<>();
    if (f.getSYN()) {
      names.add("SYN");
    }
    if (f.getRST()) {
      names.add("RST");
    }
    if (f.getFIN()) {
      names.add("FIN");
    }
    if (f.getACK()) {
      names.add("ACK");
    }
    if (f.getPSH()) {
      names.add("PSH");
    }
    return String.join(",", names);
  }
}
