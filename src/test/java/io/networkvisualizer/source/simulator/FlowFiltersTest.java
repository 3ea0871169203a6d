package io.networkvisualizer.source.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.BoolValue;
import io.networkvisualizer.source.hubble.proto.flow.DNS;
import io.networkvisualizer.source.hubble.proto.flow.DropReason;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowFilter;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.IP;
import io.networkvisualizer.source.hubble.proto.flow.ICMPv4;
import io.networkvisualizer.source.hubble.proto.flow.IPVersion;
import io.networkvisualizer.source.hubble.proto.flow.L7FlowType;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Layer7;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import io.networkvisualizer.source.hubble.proto.flow.TCP;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TrafficDirection;
import io.networkvisualizer.source.hubble.proto.flow.UDP;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hubble's filter semantics: fields AND-ed in a filter, filters OR-ed, whitelist minus blacklist. */
class FlowFiltersTest {
  private static final Endpoint FRONTEND = pod("shop", "frontend-7d4b9c6f5-x2k4f", "frontend", 12001);
  private static final Endpoint CATALOG = pod("shop", "catalog-5f6d7c8b9-k2m4n", "catalog", 12002);
  private static final Endpoint PAYMENTS = pod("payments", "payments-api-6b7c8d9f4-p9q8r", "payments-api", 13001);
  private static final Endpoint CART = pod("shop", "cart-8c9d7b6f5-c3v4b", "cart", 12003);
  private static final Endpoint COREDNS = Endpoint.newBuilder().setIdentity(102).setNamespace("kube-system")
      .setPodName("coredns-7db6d8ff4d-abcde").addLabels("k8s:k8s-app=kube-dns")
      .addLabels("k8s:io.kubernetes.pod.namespace=kube-system")
      .addWorkloads(Workload.newBuilder().setName("coredns").setKind("Deployment")).build();
  private static final Endpoint BLACKBOX = pod("monitoring", "blackbox-exporter-5d6f7b8c9-zz9xx", "blackbox-exporter",
      14001);
  private static final Endpoint WORLD = Endpoint.newBuilder().setIdentity(2).addLabels("reserved:world").build();

  private static final Map<String, Flow> FLOWS = new LinkedHashMap<>();

  static {
    FLOWS.put("request", base(FRONTEND, CATALOG, "10.244.0.11", "10.244.1.21", "sim-node-1")
        .setL4(tcp(41000, 8080, TCPFlags.newBuilder().setACK(true).setPSH(true).build()))
        .setDestinationService(Service.newBuilder().setName("catalog").setNamespace("shop"))
        .setL7(Layer7.newBuilder().setType(L7FlowType.REQUEST).setHttp(HTTP.newBuilder().setMethod("GET")
            .setUrl("http://catalog:8080/api/products/12?page=2").setProtocol("HTTP/1.1")))
        .build());
    FLOWS.put("response", base(CATALOG, FRONTEND, "10.244.1.21", "10.244.0.11", "sim-node-1")
        .setL4(tcp(8080, 41000, null))
        .setIsReply(BoolValue.of(true))
        .setL7(Layer7.newBuilder().setType(L7FlowType.RESPONSE).setHttp(HTTP.newBuilder().setMethod("GET")
            .setUrl("http://catalog:8080/api/products/12?page=2").setCode(503)))
        .build());
    FLOWS.put("stripe", base(PAYMENTS, WORLD, "10.244.2.31", "198.51.100.20", "sim-node-3")
        .setL4(tcp(52000, 443, TCPFlags.newBuilder().setSYN(true).build()))
        .addDestinationNames("api.stripe.com")
        .build());
    FLOWS.put("dns", base(CART, COREDNS, "10.244.1.41", "10.244.2.53", "sim-node-2")
        .setL4(Layer4.newBuilder().setUDP(UDP.newBuilder().setSourcePort(53530).setDestinationPort(53)))
        .setL7(Layer7.newBuilder().setType(L7FlowType.REQUEST)
            .setDns(DNS.newBuilder().setQuery("redis.shop.svc.cluster.local.").addQtypes("A")))
        .build());
    FLOWS.put("denied", base(FRONTEND, CATALOG, "10.244.0.11", "10.244.1.21", "sim-node-1")
        .setL4(tcp(41500, 8081, TCPFlags.newBuilder().setSYN(true).build()))
        .setVerdict(Verdict.DROPPED)
        .setDropReasonDesc(DropReason.POLICY_DENIED)
        .build());
    FLOWS.put("ping", base(BLACKBOX, FRONTEND, "10.244.2.61", "10.244.0.11", "sim-node-3")
        .setL4(Layer4.newBuilder().setICMPv4(ICMPv4.newBuilder().setType(8)))
        .setTrafficDirection(TrafficDirection.INGRESS)
        .build());
  }

  private static Endpoint pod(String ns, String name, String app, int identity) {
    return Endpoint.newBuilder().setIdentity(identity).setClusterName("default").setNamespace(ns).setPodName(name)
        .addLabels("k8s:app=" + app).addLabels("k8s:io.kubernetes.pod.namespace=" + ns)
        .addWorkloads(Workload.newBuilder().setName(app).setKind("Deployment")).build();
  }

  private static Flow.Builder base(Endpoint src, Endpoint dst, String srcIp, String dstIp, String node) {
    return Flow.newBuilder().setSource(src).setDestination(dst)
        .setIP(IP.newBuilder().setSource(srcIp).setDestination(dstIp).setIpVersion(IPVersion.IPv4))
        .setVerdict(Verdict.FORWARDED).setNodeName(node).setTrafficDirection(TrafficDirection.EGRESS)
        .setIsReply(BoolValue.of(false));
  }

  private static Layer4 tcp(int sport, int dport, TCPFlags flags) {
    TCP.Builder tcp = TCP.newBuilder().setSourcePort(sport).setDestinationPort(dport);
    if (flags != null) {
      tcp.setFlags(flags);
    }
    return Layer4.newBuilder().setTCP(tcp).build();
  }

  private static Set<String> whitelist(FlowFilter... filters) {
    return matching(List.of(filters), List.of());
  }

  private static Set<String> matching(List<FlowFilter> whitelist, List<FlowFilter> blacklist) {
    Predicate<Flow> p = FlowFilters.compile(whitelist, blacklist);
    return FLOWS.entrySet().stream().filter(e -> p.test(e.getValue())).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static FlowFilter.Builder filter() {
    return FlowFilter.newBuilder();
  }

  @Test
  void noFilters_passEverything() {
    assertThat(matching(List.of(), List.of())).isEqualTo(FLOWS.keySet());
    assertThat(whitelist(filter().build())).isEqualTo(FLOWS.keySet());
  }

  @Test
  void fieldsOfOneFilter_areAnded_filtersOfAList_areOred() {
    FlowFilter shopToCatalogPort = filter().addSourcePod("shop/").addDestinationPort("8080").build();
    FlowFilter dns = filter().addProtocol("dns").build();

    assertThat(whitelist(shopToCatalogPort)).containsExactly("request");
    assertThat(whitelist(shopToCatalogPort, dns)).containsExactlyInAnyOrder("request", "dns");
  }

  @Test
  void result_isWhitelistMinusBlacklist() {
    Set<String> result = matching(List.of(filter().addSourcePod("shop/").build()),
        List.of(filter().addVerdict(Verdict.DROPPED).build(), filter().addProtocol("udp").build()));

    assertThat(result).containsExactlyInAnyOrder("request", "response");
    assertThat(matching(List.of(), List.of(filter().addDestinationPod("shop/").build())))
        .containsExactlyInAnyOrder("stripe", "dns");
  }

  @Test
  void pods_matchByNamespaceAndNamePrefix_aBareNameMeansTheDefaultNamespace() {
    assertThat(whitelist(filter().addSourcePod("shop/front").build())).containsExactlyInAnyOrder("request", "denied");
    assertThat(whitelist(filter().addDestinationPod("kube-system/").build())).containsExactly("dns");
    assertThat(whitelist(filter().addSourcePod("frontend").build())).isEmpty();
    assertThat(whitelist(filter().addSourcePod("payments/catalog").build())).isEmpty();
  }

  @Test
  void ips_matchExactly_orByCidr() {
    assertThat(whitelist(filter().addDestinationIp("198.51.100.20").build())).containsExactly("stripe");
    assertThat(whitelist(filter().addSourceIp("10.244.2.0/24").build())).containsExactlyInAnyOrder("stripe", "ping");
    assertThat(whitelist(filter().addDestinationIp("10.244.0.0/16").build()))
        .containsExactlyInAnyOrder("request", "response", "dns", "denied", "ping");
  }

  @Test
  void labels_matchBySelector_withOrWithoutTheirSource() {
    assertThat(whitelist(filter().addSourceLabel("k8s:app=frontend").build()))
        .containsExactlyInAnyOrder("request", "denied");
    assertThat(whitelist(filter().addSourceLabel("app=frontend").build()))
        .containsExactlyInAnyOrder("request", "denied");
    assertThat(whitelist(filter().addDestinationLabel("reserved:world").build())).containsExactly("stripe");
    assertThat(whitelist(filter().addSourceLabel("app in (cart, payments-api)").build()))
        .containsExactlyInAnyOrder("dns", "stripe");
    assertThat(whitelist(filter().addDestinationLabel("!app").build())).containsExactlyInAnyOrder("stripe", "dns");
    assertThat(whitelist(filter().addSourceLabel("k8s:app=frontend,k8s:io.kubernetes.pod.namespace=payments").build()))
        .isEmpty();
  }

  @Test
  void verdictProtocolPortsAndDirection() {
    assertThat(whitelist(filter().addVerdict(Verdict.DROPPED).build())).containsExactly("denied");
    assertThat(whitelist(filter().addDropReasonDesc(DropReason.POLICY_DENIED).build())).containsExactly("denied");
    assertThat(whitelist(filter().addProtocol("TCP").build()))
        .containsExactlyInAnyOrder("request", "response", "stripe", "denied");
    assertThat(whitelist(filter().addProtocol("icmp").build())).containsExactly("ping");
    assertThat(whitelist(filter().addProtocol("http").build())).containsExactlyInAnyOrder("request", "response");
    assertThat(whitelist(filter().addSourcePort("8080").build())).containsExactly("response");
    assertThat(whitelist(filter().addTrafficDirection(TrafficDirection.INGRESS).build())).containsExactly("ping");
    assertThat(whitelist(filter().addTcpFlags(TCPFlags.newBuilder().setSYN(true)).build()))
        .containsExactlyInAnyOrder("stripe", "denied");
    assertThat(whitelist(filter().addReply(true).build())).containsExactly("response");
  }

  @Test
  void fqdnsHttpAndDns() {
    assertThat(whitelist(filter().addDestinationFqdn("*.stripe.com").build())).containsExactly("stripe");
    assertThat(whitelist(filter().addDestinationFqdn("stripe.com").build())).isEmpty();
    assertThat(whitelist(filter().addHttpMethod("get").build())).containsExactlyInAnyOrder("request", "response");
    assertThat(whitelist(filter().addHttpPath("^/api/products/[0-9]+$").build()))
        .containsExactlyInAnyOrder("request", "response");
    assertThat(whitelist(filter().addHttpStatusCode("5+").build())).containsExactly("response");
    assertThat(whitelist(filter().addHttpStatusCode("200").build())).isEmpty();
    assertThat(whitelist(filter().addHttpUrl("page=2").build())).containsExactlyInAnyOrder("request", "response");
    assertThat(whitelist(filter().addDnsQuery("^redis\\.").build())).containsExactly("dns");
  }

  @Test
  void workloadsIdentitiesServicesAndNodes() {
    assertThat(whitelist(filter().addDestinationWorkload(Workload.newBuilder().setName("catalog")).build()))
        .containsExactlyInAnyOrder("request", "denied");
    assertThat(whitelist(filter().addSourceWorkload(Workload.newBuilder().setKind("StatefulSet")).build())).isEmpty();
    assertThat(whitelist(filter().addDestinationIdentity(2).build())).containsExactly("stripe");
    assertThat(whitelist(filter().addDestinationService("shop/cat").build())).containsExactly("request");
    assertThat(whitelist(filter().addNodeName("sim-node-3").build())).containsExactlyInAnyOrder("stripe", "ping");
    assertThat(whitelist(filter().addNodeName("default/sim-node-*").build())).isEqualTo(FLOWS.keySet());
  }

  @Test
  void badFilters_areRejectedWithTheFieldAndValue() {
    assertThatThrownBy(() -> whitelist(filter().addProtocol("carrier-pigeon").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carrier-pigeon");
    assertThatThrownBy(() -> whitelist(filter().addSourceIp("10.0.0.300").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source_ip");
    assertThatThrownBy(() -> whitelist(filter().addHttpStatusCode("abc").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abc");
    assertThatThrownBy(() -> whitelist(filter().addHttpPath("(").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http_path");
    assertThatThrownBy(() -> whitelist(filter().addDestinationPort("http").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("destination_port");
    assertThatThrownBy(() -> whitelist(filter().addSourcePod("").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source_pod");
  }
}
