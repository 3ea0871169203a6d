package io.networkvisualizer.testing;

import io.networkvisualizer.flow.Endpoint;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.L4Protocol;
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
}
