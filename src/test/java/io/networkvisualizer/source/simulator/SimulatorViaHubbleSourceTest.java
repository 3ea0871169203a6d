package io.networkvisualizer.source.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.source.hubble.HubbleOptions;
import io.networkvisualizer.source.hubble.HubbleSource;
import io.networkvisualizer.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The simulated cluster read by the product's own Hubble client over loopback gRPC, exactly as the embedded mode
 * runs them: flows arrive and map, byte extensions parse, filters are applied by the server.
 */
class SimulatorViaHubbleSourceTest {

  private static SimulatorOptions options(boolean bytes) {
    return new SimulatorOptions(2_000, 7, false, bytes, false, "127.0.0.1", 0, Duration.ofMinutes(6),
        Duration.ofMinutes(3), Duration.ofMinutes(2), SimulatorOptions.DEFAULT_BUFFER_PER_NODE);
  }

  private static List<Flow> read(SimulatorServer server, HubbleOptions options, int count) {
    List<Flow> flows = new CopyOnWriteArrayList<>();
    try (HubbleSource source = new HubbleSource(options)) {
      source.start(flows::add);
      WsClient.await(count + " flows from the simulator", () -> flows.size() >= count);
    }
    return flows;
  }

  @Test
  void flowsArriveMapped_withMeasuredBytes_andEveryKindOfTraffic() {
    try (SimulatorServer server = SimulatorServer.start(options(true))) {
      List<Flow> flows = read(server, HubbleOptions.plaintext(server.address()), 6_000);
      // packets carry their measured size; L7 proxy records, like Retina's, describe requests and carry none
      assertThat(flows).filteredOn(f -> f.type() == FlowType.L3_L4)
          .isNotEmpty().allSatisfy(f -> assertThat(f.bytesMeasured()).isTrue());
      assertThat(flows).extracting(Protocol::of)
          .contains(Protocol.HTTP, Protocol.GRPC, Protocol.DNS, Protocol.TCP, Protocol.HTTPS, Protocol.ICMP);
      assertThat(flows).anySatisfy(f -> assertThat(f.l7()).isNotNull()
          .extracting(L7::type).isEqualTo(L7.Type.RESPONSE));
      assertThat(flows).extracting(Flow::verdict).contains(Verdict.FORWARDED);
      assertThat(flows).allSatisfy(f -> assertThat(f.nodeName()).startsWith("sim-node-"));
    }
  }

  @Test
  void plainCiliumMode_hasNoByteCounts() {
    try (SimulatorServer server = SimulatorServer.start(options(false))) {
      assertThat(read(server, HubbleOptions.plaintext(server.address()), 500))
          .noneMatch(Flow::bytesMeasured);
    }
  }

  @Test
  void whitelistAndBlacklist_areAppliedByTheServer() {
    try (SimulatorServer server = SimulatorServer.start(options(true))) {
      HubbleOptions plain = HubbleOptions.plaintext(server.address());
      HubbleOptions filtered = new HubbleOptions(plain.address(), false, null, null, null, null,
          HubbleOptions.parseFilters("hubbleWhitelist", "[{\"source_pod\":[\"shop/\"]}]"),
          HubbleOptions.parseFilters("hubbleBlacklist", "[{\"protocol\":[\"udp\"]}]"),
          plain.reconnectInitial(), plain.reconnectMax());
      List<Flow> flows = read(server, filtered, 1_000);
      assertThat(flows).allSatisfy(f -> {
        assertThat(f.source().namespace()).isEqualTo("shop");
        assertThat(f.l4().label()).isNotEqualTo("UDP");
      });
    }
  }
}
