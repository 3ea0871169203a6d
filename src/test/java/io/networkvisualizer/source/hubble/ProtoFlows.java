package io.networkvisualizer.source.hubble;

import com.google.protobuf.Timestamp;
import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowType;
import io.networkvisualizer.source.hubble.proto.flow.IP;
import io.networkvisualizer.source.hubble.proto.flow.IPVersion;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.TCP;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.TrafficDirection;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import io.networkvisualizer.source.hubble.proto.flow.LostEvent;
import io.networkvisualizer.source.hubble.proto.flow.LostEventSource;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.relay.NodeState;
import io.networkvisualizer.source.hubble.proto.relay.NodeStatusEvent;

/** Hand-built Hubble protobuf flows and responses for tests, shaped like real Cilium flows. */
final class ProtoFlows {
  /** 2024-01-02T15:04:05Z in nanoseconds. */
  static final long T0 = 1_704_207_845_000_000_000L;

  private ProtoFlows() {}

  static Timestamp timestamp(long nanos) {
    return Timestamp.newBuilder().setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L)).build();
  }

  static Endpoint pod(String namespace, String pod, String app) {
    return Endpoint.newBuilder()
        .setID(1200)
        .setIdentity(25_339)
        .setClusterName("default")
        .setNamespace(namespace)
        .setPodName(pod)
        .addLabels("k8s:app=" + app)
        .addLabels("k8s:io.kubernetes.pod.namespace=" + namespace)
        .addWorkloads(Workload.newBuilder().setName(app).setKind("Deployment"))
        .build();
  }

  /** A forwarded TCP flow frontend -> backend:8080 at {@code timeNanos}, with the given uuid and source port. */
  static Flow.Builder tcp(long timeNanos, String uuid, int sourcePort) {
    return Flow.newBuilder()
        .setTime(timestamp(timeNanos))
        .setUuid(uuid)
        .setVerdict(Verdict.FORWARDED)
        .setIP(IP.newBuilder().setSource("10.244.0.5").setDestination("10.244.1.6").setIpVersion(IPVersion.IPv4))
        .setL4(Layer4.newBuilder().setTCP(TCP.newBuilder().setSourcePort(sourcePort).setDestinationPort(8080)
            .setFlags(TCPFlags.newBuilder().setACK(true).setPSH(true))))
        .setSource(pod("shop", "frontend-7d4b9c6f5-x2k4f", "frontend"))
        .setDestination(pod("shop", "backend-5f6d7c8b9-a1b2c", "backend"))
        .setType(FlowType.L3_L4)
        .setNodeName("node-1")
        .setTrafficDirection(TrafficDirection.EGRESS)
        .setIsReply(com.google.protobuf.BoolValue.of(false));
  }

  static GetFlowsResponse response(Flow flow) {
    return GetFlowsResponse.newBuilder().setFlow(flow).setNodeName(flow.getNodeName()).setTime(flow.getTime()).build();
  }

  static GetFlowsResponse lost(long count) {
    return GetFlowsResponse.newBuilder()
        .setLostEvents(LostEvent.newBuilder().setSource(LostEventSource.HUBBLE_RING_BUFFER).setNumEventsLost(count))
        .setNodeName("node-1")
        .build();
  }

  static GetFlowsResponse nodeStatus(NodeState state, String node) {
    return GetFlowsResponse.newBuilder()
        .setNodeStatus(NodeStatusEvent.newBuilder().setStateChange(state).addNodeNames(node))
        .build();
  }
}
