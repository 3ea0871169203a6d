package io.networkvisualizer.source.hubble;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.ObserverGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end ingest rate of the Hubble client: a loopback gRPC server streams N Cilium-like flows (about 900 bytes
 * each, 4,096 distinct ones with increasing times) as fast as HTTP/2 flow control lets it, into a
 * {@link HubbleSource} that feeds a {@link FlowStore}; prints flows per second. Server and client share the machine,
 * so the figure is a floor for the client alone. The server sends pre-encoded bytes, to spend as little CPU as it
 * can.
 *
 * <p>Run: {@code scripts/bench-hubble.sh ingest [N]} (default N = 2,000,000; builds, then runs
 * {@code java -cp target/test-classes:target/classes:<test classpath>
 * io.networkvisualizer.source.hubble.HubbleIngestBenchmark N}).
 */
public final class HubbleIngestBenchmark {
  private HubbleIngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long count = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 2_000_000L;
    List<Flow> pool = BenchmarkFlows.built(4096, 7);
    byte[][] bodies = pool.stream().map(Flow::toByteArray).toArray(byte[][]::new);
    double averageBytes = pool.stream().mapToInt(Flow::getSerializedSize).average().orElse(0);

    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(service(bodies, count))
        .build()
        .start();
    FlowStore store = new FlowStore(10_000);
    CountDownLatch done = new CountDownLatch(1);
    long[] firstAndLast = new long[2];
    long[] halfway = new long[1];
    HubbleSource source = new HubbleSource(HubbleOptions.plaintext("127.0.0.1:" + server.getPort()));
    long[] received = new long[1];
    long start = System.nanoTime();
    source.start(flow -> {
      store.onFlow(flow);
      long n = ++received[0];
      if (n == 1) {
        firstAndLast[0] = System.nanoTime();
      } else if (n == count / 2) {
        halfway[0] = System.nanoTime();
      }
      if (n == count) {
        firstAndLast[1] = System.nanoTime();
        done.countDown();
      }
    });
    while (!done.await(1, TimeUnit.SECONDS)) {
      SourceStatus status = source.status();
      System.out.printf(Locale.ROOT, "  %,d flows after %.0fs (%s)%n", status.flowsReceived(),
          (System.nanoTime() - start) / 1e9, status.state());
    }
    SourceStatus status = source.status();
    source.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

    double seconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;
    double secondHalf = (firstAndLast[1] - halfway[0]) / 1e9;
    System.out.printf(Locale.ROOT, "%,d flows (%.0f bytes each as protobuf) in %.2fs: %,.0f flows/s overall, "
            + "%,.0f flows/s over the second half; store holds %,d; malformed %d, duplicates %d%n",
        status.flowsReceived(), averageBytes, seconds, count / seconds, (count - count / 2) / secondHalf,
        store.size(), status.malformed(), status.duplicatesSkipped());
  }

  /** {@code observer.Observer/GetFlows} answering every request with {@code count} flows, then holding the stream. */
  private static ServerServiceDefinition service(byte[][] bodies, long count) {
    MethodDescriptor<GetFlowsRequest, byte[]> method = ObserverGrpc.getGetFlowsMethod().toBuilder(
        ProtoUtils.marshaller(GetFlowsRequest.getDefaultInstance()), new RawBytesMarshaller()).build();
    return ServerServiceDefinition.builder(ObserverGrpc.SERVICE_NAME)
        .addMethod(method, ServerCalls.asyncServerStreamingCall((request, observer) -> {
          ServerCallStreamObserver<byte[]> out = (ServerCallStreamObserver<byte[]>) observer;
          long[] sent = new long[1];
          out.setOnReadyHandler(() -> {
            while (out.isReady() && sent[0] < count) {
              long i = sent[0]++;
              out.onNext(response(bodies[(int) (i % bodies.length)], ProtoFlows.T0 + i * 1_000L));
            }
          });
        }))
        .build();
  }

  /** A {@code GetFlowsResponse} with {@code flow} = the pre-encoded body plus its {@code time}, as protobuf bytes. */
  private static byte[] response(byte[] body, long timeNanos) {
    long seconds = timeNanos / 1_000_000_000L;
    int nanos = (int) (timeNanos % 1_000_000_000L);
    int timestampSize = CodedOutputStream.computeInt64Size(1, seconds) + CodedOutputStream.computeInt32Size(2, nanos);
    int flowSize = body.length + CodedOutputStream.computeTagSize(1)
        + CodedOutputStream.computeUInt32SizeNoTag(timestampSize) + timestampSize;
    byte[] bytes = new byte[CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(flowSize)
        + flowSize];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(flowSize);
      out.writeRawBytes(body);
      out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED); // Flow.time
      out.writeUInt32NoTag(timestampSize);
      out.writeInt64(1, seconds);
      out.writeInt32(2, nanos);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }
}
