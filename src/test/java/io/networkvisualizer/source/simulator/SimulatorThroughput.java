package io.networkvisualizer.source.simulator;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark: the highest flow rate the simulated Hubble server sustains over loopback gRPC to one reading client.
 * For each rate it starts the server, follows its stream with an asynchronous client that only counts the messages
 * (or, with {@code --decode}, decodes each flow as a real client does), warms up, then measures flows received per
 * second and events lost (the server skipping a client that fell behind its ring).
 * A rate is sustained when the client receives at least 98% of it and loses less than 0.1%. Server and client share
 * one process (and the machine's cores), so the CPU per flow it prints is the cost of both ends.
 *
 * <p>Command (takes about 15 s per rate):
 * <pre>
 * ./mvnw -B -o -q test-compile
 * ./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.networkvisualizer.source.simulator.SimulatorThroughput [--decode] [--buffer=4095] 25000 50000 100000
 * </pre>
 */
public final class SimulatorThroughput {
  private static int buffer = SimulatorOptions.DEFAULT_BUFFER_PER_NODE;

  private SimulatorThroughput() {}

  public static void main(String[] args) throws InterruptedException {
    boolean decode = java.util.Arrays.asList(args).contains("--decode");
    buffer = java.util.Arrays.stream(args).filter(a -> a.startsWith("--buffer="))
        .mapToInt(a -> Integer.parseInt(a.substring("--buffer=".length())))
        .findFirst().orElse(SimulatorOptions.DEFAULT_BUFFER_PER_NODE);
    double[] rates = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--"))
        .mapToDouble(Double::parseDouble).toArray();
    if (rates.length == 0) {
      rates = new double[] {25_000, 50_000, 100_000, 150_000, 200_000};
    }
    System.out.println(decode ? "client decodes every flow (--decode)" : "client counts raw messages");
    System.out.printf(Locale.ROOT, "cores %d, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    measure(20_000, 5, 1, decode); // warms the JIT up
    double best = 0;
    for (double rate : rates) {
      double[] r = measure(rate, 5, 10, decode);
      boolean sustained = r[0] >= 0.98 * rate && r[1] < 0.001 * r[0];
      System.out.printf(Locale.ROOT, "rate %8.0f flows/s: received %9.0f flows/s, lost %8.0f events/s, "
          + "process cpu %.2f cores (%.1f us per flow, server and client), load average %.1f  %s%n", rate, r[0],
          r[1], r[2], r[2] / Math.max(1, r[0]) * 1e6,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          sustained ? "sustained" : "NOT sustained");
      if (sustained) {
        best = Math.max(best, rate);
      }
    }
    System.out.printf(Locale.ROOT, "highest sustained rate: %.0f flows/s%n", best);
  }

  /**
   * Reads each message into one reused buffer and hands the client a copy only of what is not a flow (its first
   * byte, the tag of the response's oneof, tells): counting flows costs the client next to nothing.
   */
  private static final class RawMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    private static final byte[] FLOW = {0x0A};
    private byte[] buffer = new byte[1 << 16];

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        int length = 0;
        int n;
        while ((n = stream.read(buffer, length, buffer.length - length)) > 0) {
          length += n;
          if (length == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
          }
        }
        return length > 0 && buffer[0] == 0x0A ? FLOW : java.util.Arrays.copyOf(buffer, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Returns {flows received per second, events lost per second, process CPU share} over the measured span. */
  static double[] measure(double rate, int warmupSeconds, int seconds, boolean decode) throws InterruptedException {
    SimulatorOptions options = SimulatorOptions.defaults().withRate(rate).withAnomalies(false)
        .withBufferPerNode(buffer);
    try (SimulatorServer server = SimulatorServer.start(options)) {
      ManagedChannel channel = Grpc.newChannelBuilder(server.address(), InsecureChannelCredentials.create())
          .directExecutor().build();
      AtomicLong flows = new AtomicLong();
      AtomicLong lost = new AtomicLong();
      GetFlowsRequest follow = GetFlowsRequest.newBuilder().setFollow(true).build();
      if (decode) {
        ObserverGrpc.newStub(channel).getFlows(follow, new ClientResponseObserver<GetFlowsRequest, GetFlowsResponse>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<GetFlowsRequest> call) {}

          @Override
          public void onNext(GetFlowsResponse r) {
            if (r.hasFlow()) {
              flows.incrementAndGet();
            } else if (r.hasLostEvents()) {
              lost.addAndGet(r.getLostEvents().getNumEventsLost());
            }
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
      } else {
        // reads the raw bytes and decodes only what is not a flow: the server's cost, not the client's, is measured
        MethodDescriptor<GetFlowsRequest, byte[]> raw = ObserverGrpc.getGetFlowsMethod()
            .toBuilder(ProtoUtils.marshaller(GetFlowsRequest.getDefaultInstance()), new RawMarshaller()).build();
        ClientCalls.asyncServerStreamingCall(channel.newCall(raw, CallOptions.DEFAULT), follow,
            new StreamObserver<byte[]>() {
              @Override
              public void onNext(byte[] message) {
                if (message.length > 0 && message[0] == 0x0A) {
                  flows.incrementAndGet();
                } else {
                  try {
                    GetFlowsResponse r = GetFlowsResponse.parseFrom(message);
                    lost.addAndGet(r.getLostEvents().getNumEventsLost());
                  } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                  }
                }
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
      }
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(warmupSeconds));
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long f0 = flows.get();
      long l0 = lost.get();
      long t0 = System.nanoTime();
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed;
      double[] result = {(flows.get() - f0) / elapsed, (lost.get() - l0) / elapsed, cpu};
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      return result;
    }
  }
}
