package io.networkvisualizer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live stream's bytes are exactly the {@code /api/flows} item text, flow after flow on a reused generator. */
class FlowJsonBytesTest {
  private final Endpoint frontend = Flows.pod("shop", "frontend-6b7c8d9f4c-abc12");
  private final Endpoint cart = Flows.pod("shop", "cart-5f6d7c8b9a-xyz78");

  private List<Flow> flows() {
    return List.of(
        Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("a").build(),
        Flows.httpRequest(MutableClock.START.plusNanos(123_456_789), frontend, cart, 8080, "GET", "/cart?id=ü")
            .uuid("b").build(),
        Flows.udp(MutableClock.START.plusMillis(5), cart, Flows.world(), 53).verdict(Verdict.DROPPED).build(),
        Flows.tcp(MutableClock.START.plusSeconds(1), cart, frontend, 443).uuid("d\"quoted\"").build());
  }

  @Test
  void bytes_equalTheTextForm_flowAfterFlow() {
    for (int round = 0; round < 3; round++) {
      for (Flow flow : flows()) {
        byte[] bytes = FlowJson.toJsonBytes(flow);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(FlowJson.toJson(flow));
      }
    }
  }

  @Test
  void eachMessage_isOneWholeObject_withNothingBetweenFlows() throws Exception {
    for (Flow flow : flows()) {
      byte[] bytes = FlowJson.toJsonBytes(flow);
      assertThat(bytes[0]).isEqualTo((byte) '{');
      assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '}');
      JsonNode node = Json.MAPPER.readTree(bytes);
      assertThat(node.get("timestamp").asText()).isEqualTo(flow.time().toString());
    }
  }
}
