package io.networkvisualizer.testing;

import io.networkvisualizer.flow.Dns;
import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.Http;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.L7;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import java.time.Instant;
import java.util.List;

/** Builders of hand-made flows for tests: pods, world endpoints, and typical TCP flows between them. */
public final class Flows {
  private Flows() {}

  /** A pod of a deployment: {@code pod("shop", "checkout-7d4b9c6f5-x2k4f")} has workload {@code checkout}. */
  public static Endpoint pod(String namespace, String podName) {
    String workload = podName.replaceAll("-[a-z0-9]{8,10}-[a-z0-9]{5}$", "");
    return new Endpoint(100, 10_000 + Math.abs(workload.hashCode() % 50_000), "default", namespace, podName,
        List.of("k8s:app=" + workload, "k8s:io.kubernetes.pod.namespace=" + namespace), workload, "Deployment");
  }

  /** The world outside the cluster. */
  public static Endpoint world() {
    return new Endpoint(0, 2, "default", "", "", List.of("reserved:world"), "", "");
  }

  /** A forwarded TCP flow from {@code src} to {@code dst}:port at {@code time}, egress, not a reply. */
  public static Flow.Builder tcp(Instant time, Endpoint src, Endpoint dst, int port) {
    return Flow.builder()
        .time(time)
        .source(src)
        .destination(dst)
        .sourceIp("10.244.0." + (Math.abs(src.podName().hashCode()) % 250 + 1))
        .destinationIp("10.244.1." + (Math.abs(dst.podName().hashCode()) % 250 + 1))
        .sourcePort(40_000 + Math.abs(time.getNano() % 20_000))
        .destinationPort(port)
        .l4(L4Protocol.TCP)
        .tcpFlags(TcpFlags.ACK | TcpFlags.PSH)
        .verdict(Verdict.FORWARDED)
        .direction(TrafficDirection.EGRESS)
        .isReply(false);
  }

  /** A pod Hubble gave no workload for (as in captures from older Cilium): the workload must come from its name. */
  public static Endpoint podWithoutWorkload(String namespace, String podName) {
    return new Endpoint(100, 20_000 + Math.abs(podName.hashCode() % 40_000), "default", namespace, podName,
        List.of("k8s:io.kubernetes.pod.namespace=" + namespace), "", "");
  }

  /** The host of the node that reports the flow ({@code reserved:host}). */
  public static Endpoint host() {
    return new Endpoint(0, 1, "default", "", "", List.of("reserved:host"), "", "");
  }

  /** Another node of the cluster ({@code reserved:remote-node}). */
  public static Endpoint remoteNode() {
    return new Endpoint(0, 6, "default", "", "", List.of("reserved:remote-node"), "", "");
  }

  /** The Kubernetes API server ({@code reserved:kube-apiserver}). */
  public static Endpoint kubeApiserver() {
    return new Endpoint(0, 7, "default", "", "", List.of("reserved:kube-apiserver", "reserved:world"), "", "");
  }

  /** A forwarded UDP flow from {@code src} to {@code dst}:port, egress, not a reply. */
  public static Flow.Builder udp(Instant time, Endpoint src, Endpoint dst, int port) {
    return tcp(time, src, dst, port).l4(L4Protocol.UDP).tcpFlags(0);
  }

  /** A TCP connection start (SYN without ACK) from {@code src} to {@code dst}:port from {@code sourcePort}. */
  public static Flow.Builder syn(Instant time, Endpoint src, Endpoint dst, int port, int sourcePort) {
    return tcp(time, src, dst, port).sourcePort(sourcePort).tcpFlags(TcpFlags.SYN);
  }

  /** An L7 HTTP request from {@code src} to {@code dst}:port. */
  public static Flow.Builder httpRequest(Instant time, Endpoint src, Endpoint dst, int port, String method,
      String url) {
    return tcp(time, src, dst, port).tcpFlags(0).type(FlowType.L7)
        .l7(new L7(L7.Type.REQUEST, 0, new Http(0, method, url, "HTTP/1.1"), null));
  }

  /** The L7 HTTP response to {@link #httpRequest}: from {@code server} back to {@code client}, a reply. */
  public static Flow.Builder httpResponse(Instant time, Endpoint client, Endpoint server, int port, String method,
      String url, int code) {
    Flow request = httpRequest(time, client, server, port, method, url).build();
    return request.toBuilder()
        .source(server).destination(client)
        .sourceIp(request.destinationIp()).destinationIp(request.sourceIp())
        .sourcePort(port).destinationPort(request.sourcePort())
        .isReply(true)
        .l7(new L7(L7.Type.RESPONSE, 2_000_000, new Http(code, method, url, "HTTP/1.1"), null));
  }

  /** An L7 DNS query from {@code src} to {@code dst}:53 over UDP. */
  public static Flow.Builder dnsQuery(Instant time, Endpoint src, Endpoint dst, String query) {
    return udp(time, src, dst, 53).type(FlowType.L7)
        .l7(new L7(L7.Type.REQUEST, 0, null, new Dns(query, List.of(), 0, List.of("A"), 0)));
  }
}
