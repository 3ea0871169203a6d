package io.networkvisualizer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.Verdict;
import io.networkvisualizer.live.FlowDetail;
import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live stream's bytes are exactly the {@code /api/flows} item text, flow after flow on a reused generator. */
class FlowJsonBytesTest {
  private final Endpoint frontend = Flows.pod("shop", "frontend-6b7c8d9f4c-abc12");
  private final Endpoint cart = Flows.pod("shop", "cart-5f6d7c8b9a-xyz78");

  private final Endpoint labelled = new Endpoint(42, 31337, "prod", "shop", "checkout-7d9f-q1w2e",
      List.of("k8s:app=checkout", "k8s:team=\"pay\"ments", "k8s:zone=zürich"), "checkout", "Deployment");

  private List<Flow> flows() {
    return List.of(
        Flows.tcp(MutableClock.START, labelled, Flows.world(), 443).uuid("labels").build(),
        Flows.tcp(MutableClock.START, Flows.world(), labelled, 443).uuid("labels-back").build(),
        Flows.dnsQuery(MutableClock.START, labelled, cart, "cart.shop.svc.cluster.local.").uuid("dns").build(),
        Flows.tcp(MutableClock.START, frontend, cart, 8080).tcpFlags(0x1FF).uuid("all-flags").build(),
        Flows.tcp(MutableClock.START, frontend, cart, 8080).uuid("a").build(),
        Flows.httpRequest(MutableClock.START.plusNanos(123_456_789), frontend, cart, 8080, "GET", "/cart?id=ü")
            .uuid("b").build(),
        Flows.udp(MutableClock.START.plusMillis(5), cart, Flows.world(), 53).verdict(Verdict.DROPPED).build(),
        Flows.tcp(MutableClock.START.plusSeconds(1), cart, frontend, 443).uuid("d\"quoted\"").build());
  }

  @Test
  void bytes_equalTheTextForm_flowAfterFlow_inEitherDetail() {
    for (int round = 0; round < 3; round++) {
      for (Flow flow : flows()) {
        for (FlowDetail detail : FlowDetail.values()) {
          byte[] bytes = FlowJson.toJsonBytes(flow, detail);
          assertThat(new String(bytes, StandardCharsets.UTF_8)).as("%s %s", flow.uuid(), detail)
              .isEqualTo(FlowJson.toJson(flow, detail));
        }
      }
    }
  }

  @Test
  void labels_areSentOnlyToThoseWhoAskForThem_everythingElseIsTheSame() throws Exception {
    Flow flow = flows().get(0);
    JsonNode standard = Json.MAPPER.readTree(FlowJson.toJsonBytes(flow, FlowDetail.STANDARD));
    JsonNode withLabels = Json.MAPPER.readTree(FlowJson.toJsonBytes(flow, FlowDetail.WITH_LABELS));
    assertThat(standard.has("source_labels")).isFalse();
    assertThat(standard.has("dest_labels")).isFalse();
    assertThat(withLabels.get("source_labels")).hasSize(3);
    assertThat(withLabels.get("dest_labels").get(0).asText()).isEqualTo("reserved:world");
    assertThat(withLabels.get("source_labels").get(1).asText()).isEqualTo("k8s:team=\"pay\"ments");
    ((ObjectNode) withLabels).remove(List.of("source_labels", "dest_labels"));
    assertThat(withLabels).isEqualTo(standard);
    assertThat(standard.get("source_workload").asText()).isEqualTo("checkout");
    assertThat(standard.get("source_identity").asInt()).isEqualTo(31337);
  }

  @Test
  void endpointFragments_areBounded_andStartOverWhenFull() throws Exception {
    EndpointFragments fragments = new EndpointFragments(2);
    Endpoint third = Flows.pod("shop", "third-1");
    assertThat(fragments.of(frontend)).isSameAs(fragments.of(frontend));
    fragments.of(cart);
    fragments.of(third);
    assertThat(fragments.size()).isEqualTo(1);
    assertThat(fragments.restarts()).isEqualTo(1);
    String fields = ",\"source_namespace\":\"shop\",\"source_pod_name\":\"checkout-7d9f-q1w2e\",\"source_workload\":"
        + "\"checkout\",\"source_identity\":31337";
    assertThat(fragments.of(labelled).fields(FlowJson.SOURCE, false).getValue()).isEqualTo(fields);
    assertThat(fragments.of(labelled).fields(FlowJson.SOURCE, true).getValue()).isEqualTo(fields
        + ",\"source_labels\":[\"k8s:app=checkout\",\"k8s:team=\\\"pay\\\"ments\",\"k8s:zone=zürich\"]");
    assertThat(fragments.of(Endpoint.UNKNOWN).fields(FlowJson.DEST, false).getValue()).isEmpty();
    assertThat(fragments.of(Endpoint.UNKNOWN).fields(FlowJson.DEST, true).getValue()).isEmpty();
  }

  @Test
  void eachMessage_isOneWholeObject_withNothingBetweenFlows() throws Exception {
    for (Flow flow : flows()) {
      for (FlowDetail detail : FlowDetail.values()) {
        byte[] bytes = FlowJson.toJsonBytes(flow, detail);
        assertThat(bytes[0]).isEqualTo((byte) '{');
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '}');
        JsonNode node = Json.MAPPER.readTree(bytes);
        assertThat(node.get("timestamp").asText()).isEqualTo(flow.time().toString());
      }
    }
  }
}
