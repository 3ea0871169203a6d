package io.networkvisualizer.source.hubble;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Hubble Relay stand-in for tests: a real gRPC server on loopback (port 0) implementing {@code observer.Observer},
 * whose {@code GetFlows} calls follow a script, one per call in turn (the last one repeats). It records every request.
 */
final class FakeRelay implements AutoCloseable {
  /** What one {@code GetFlows} call does. */
  @FunctionalInterface
  interface Script {
    void serve(GetFlowsRequest request, ServerCallStreamObserver<GetFlowsResponse> out);
  }

  final BlockingQueue<GetFlowsRequest> requests = new LinkedBlockingQueue<>();
  private final List<Script> scripts;
  private final AtomicInteger calls = new AtomicInteger();
  private final Server server;

  private FakeRelay(ServerCredentials credentials, List<Script> scripts) {
    this.scripts = List.copyOf(scripts);
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
        .addService(new ObserverGrpc.ObserverImplBase() {
          @Override
          public void getFlows(GetFlowsRequest request, StreamObserver<GetFlowsResponse> out) {
            requests.add(request);
            int call = calls.getAndIncrement();
            FakeRelay.this.scripts.get(Math.min(call, FakeRelay.this.scripts.size() - 1))
                .serve(request, (ServerCallStreamObserver<GetFlowsResponse>) out);
          }
        })
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FakeRelay start(Script... scripts) {
    return new FakeRelay(InsecureServerCredentials.create(), List.of(scripts));
  }

  static FakeRelay start(ServerCredentials credentials, Script... scripts) {
    return new FakeRelay(credentials, List.of(scripts));
  }

  int port() {
    return server.getPort();
  }

  /** {@code 127.0.0.1:port}. */
  String address() {
    return "127.0.0.1:" + port();
  }

  /** The next request received, waiting up to {@code timeout}. */
  GetFlowsRequest nextRequest(Duration timeout) throws InterruptedException {
    GetFlowsRequest request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (request == null) {
      throw new AssertionError("no GetFlows request within " + timeout);
    }
    return request;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends {@code responses} and keeps the stream open, as Hubble does with {@code follow=true}. */
  static Script sendAndHold(List<GetFlowsResponse> responses) {
    return (request, out) -> responses.forEach(out::onNext);
  }
}
