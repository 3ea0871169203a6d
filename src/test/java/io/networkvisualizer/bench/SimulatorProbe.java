package io.networkvisualizer.bench;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import io.networkvisualizer.source.hubble.proto.observer.ServerStatusRequest;
import java.util.concurrent.TimeUnit;

/** Asks a simulated Hubble server, over its own {@code ServerStatus} call, how many flows it has generated. */
final class SimulatorProbe implements AutoCloseable {
  private final ManagedChannel channel;

  SimulatorProbe(int port) {
    channel = Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
  }

  /** Flows the simulator has generated (Hubble's {@code seen_flows}): what it offered every follower. */
  long seenFlows() {
    return ObserverGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .serverStatus(ServerStatusRequest.getDefaultInstance()).getSeenFlows();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
