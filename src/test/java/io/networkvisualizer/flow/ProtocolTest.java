package io.networkvisualizer.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.testing.Flows;
import io.networkvisualizer.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  private final Endpoint a = Flows.pod("shop", "frontend-5d8f7c9b6d-abcde");
  private final Endpoint b = Flows.pod("shop", "checkout-7d4b9c6f5-x2k4f");

  private Flow.Builder tcp(int port) {
    return Flows.tcp(MutableClock.START, a, b, port);
  }

  @Test
  void transportProtocols() {
    assertThat(Protocol.of(tcp(5432).build())).isEqualTo(Protocol.TCP);
    assertThat(Protocol.of(tcp(5432).l4(L4Protocol.UDP).build())).isEqualTo(Protocol.UDP);
    assertThat(Protocol.of(tcp(0).l4(L4Protocol.ICMPV4).build())).isEqualTo(Protocol.ICMP);
    assertThat(Protocol.of(tcp(0).l4(L4Protocol.ICMPV6).build())).isEqualTo(Protocol.ICMP);
    assertThat(Protocol.of(tcp(9).l4(L4Protocol.SCTP).build())).isEqualTo(Protocol.SCTP);
  }

  @Test
  void wellKnownPorts() {
    assertThat(Protocol.of(tcp(443).build())).isEqualTo(Protocol.HTTPS);
    assertThat(Protocol.of(tcp(8443).build())).isEqualTo(Protocol.HTTPS);
    assertThat(Protocol.of(tcp(53).l4(L4Protocol.UDP).build())).isEqualTo(Protocol.DNS);
    // a reply from the server's port 443 is HTTPS too
    assertThat(Protocol.of(tcp(40000).sourcePort(443).isReply(true).build())).isEqualTo(Protocol.HTTPS);
  }

  @Test
  void l7Records() {
    Http get = new Http(0, "GET", "http://checkout/api/cart?id=3", "HTTP/1.1");
    assertThat(Protocol.of(tcp(8080).l7(new L7(L7.Type.REQUEST, 0, get, null)).build())).isEqualTo(Protocol.HTTP);
    Http grpc = new Http(200, "POST", "/shop.v1.Checkout/PlaceOrder", "HTTP/2");
    assertThat(Protocol.of(tcp(9090).l7(new L7(L7.Type.RESPONSE, 0, grpc, null)).build())).isEqualTo(Protocol.GRPC);
    Http h2NotGrpc = new Http(200, "GET", "/static/app.js", "HTTP/2");
    assertThat(Protocol.of(tcp(9090).l7(new L7(L7.Type.RESPONSE, 0, h2NotGrpc, null)).build())).isEqualTo(Protocol.HTTP);
    Dns dns = new Dns("checkout.shop.svc.cluster.local.", java.util.List.of(), 0, java.util.List.of("A"), 0);
    assertThat(Protocol.of(tcp(53).l4(L4Protocol.UDP).l7(new L7(L7.Type.REQUEST, 0, null, dns)).build()))
        .isEqualTo(Protocol.DNS);
  }

  @Test
  void l7Summary_readsLikeALogLine() {
    Http ok = new Http(200, "GET", "http://checkout/api/cart", "HTTP/1.1");
    assertThat(new L7(L7.Type.RESPONSE, 12_400_000, ok, null).summary()).isEqualTo("GET http://checkout/api/cart 200 12ms");
    Dns dns = new Dns("checkout.shop.svc.", java.util.List.of("10.96.0.7"), 0, java.util.List.of("A"), 30);
    assertThat(new L7(L7.Type.RESPONSE, 0, null, dns).summary()).isEqualTo("A checkout.shop.svc. -> NOERROR 10.96.0.7");
    assertThat(new Http(0, "GET", "http://x:8080/a/b?q=1", "").path()).isEqualTo("/a/b");
  }

  @Test
  void verdicts_keepUnknownNumbers() {
    assertThat(Verdict.of(15).name()).isEqualTo("VERDICT_15");
    assertThat(Verdict.of(15).isKnown()).isFalse();
    assertThat(Verdict.ofName("DROPPED")).isEqualTo(Verdict.DROPPED);
    assertThat(Verdict.DROPPED.isFailure()).isTrue();
    assertThat(Verdict.ERROR.isFailure()).isTrue();
    assertThat(Verdict.REDIRECTED.isFailure()).isFalse();
    assertThat(DropReason.of(133).name()).isEqualTo("POLICY_DENIED");
    assertThat(DropReason.of(204).name()).isEqualTo("DROP_REASON_204");
  }

  @Test
  void endpointLabels() {
    assertThat(b.label("app")).isEqualTo("checkout");
    assertThat(b.label("ap")).isEmpty();
    assertThat(Flows.world().reservedIdentity()).isEqualTo("world");
  }
}
