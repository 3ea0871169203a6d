package io.networkvisualizer.bench;

import static io.networkvisualizer.bench.Machine.f0;
import static io.networkvisualizer.bench.Machine.f1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap per retained flow, as deployed: the server ({@code java -jar}, its own process, every stage on) fed by its
 * embedded simulated cluster until its ring ({@code --max-flows=N}) is full; then {@code jcmd GC.class_histogram}
 * (which collects first, so it counts live objects only) gives the live heap. The same run with a small ring
 * ({@value #SMALL_RING} flows), stopped after as many flows as the first one saw, gives everything else (graph,
 * baselines, simulator, buffers). Bytes per retained flow = (live heap with the big ring - live heap with the small
 * one) / (N - {@value #SMALL_RING}): the {@code Flow}s, their strings and L7 parts and the ring's slot, with
 * endpoints shared through the interner as they are in the product.
 */
final class MemoryCase {
  static final int SMALL_RING = 1_000;
  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");
  private static final Pattern FLOWS =
      Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+io\\.networkvisualizer\\.flow\\.Flow\\b");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Result(int maxFlows, long flowsSeen, long liveBytes, long smallRingLiveBytes, long flowInstances,
      double bytesPerFlow) {}

  private final Path jar;
  private final double rate;

  MemoryCase(Path jar, double rate) {
    this.jar = jar;
    this.rate = rate;
  }

  List<Result> run(int... maxFlows) throws Exception {
    List<Result> results = new ArrayList<>();
    for (int n : maxFlows) {
      long[] big = liveHeap(n, n + n / 10);
      long[] small = liveHeap(SMALL_RING, big[1]);
      double perFlow = (big[0] - small[0]) / (double) (n - SMALL_RING);
      Result r = new Result(n, big[1], big[0], small[0], big[2], perFlow);
      results.add(r);
      System.out.printf("memory maxFlows %s: live heap %s MiB after %s flows (%s Flow objects); with a %s-flow ring "
              + "%s MiB; %s bytes per retained flow%n", f0(n), f1(big[0] / 1048576.0), f0(big[1]), f0(big[2]),
          f0(SMALL_RING), f1(small[0] / 1048576.0), f0(perFlow));
    }
    return results;
  }

  /** Returns {live heap bytes, flows the source had received, Flow instances} once {@code minFlows} were received. */
  private long[] liveHeap(int maxFlows, long minFlows) throws Exception {
    try (JarProcess server = JarProcess.start(jar, List.of("-Xms3g", "-Xmx3g"), List.of("--port=0",
        "--host=127.0.0.1", "--sim-rate=" + rate, "--sim-anomalies=false", "--max-flows=" + maxFlows),
        JarProcess.SERVER_LISTENING)) {
      ServerProbe probe = new ServerProbe(server.port());
      long deadline = System.nanoTime() + 600_000_000_000L;
      long received;
      while (true) {
        JsonNode status = MAPPER.readTree(probe.status());
        received = status.path("source").path("flows_received").asLong();
        long size = status.path("store").path("size").asLong();
        if (size >= maxFlows && received >= minFlows) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the ring did not fill within 10 minutes: " + status);
        }
        Thread.sleep(200);
      }
      String histogram = server.jcmd("GC.class_histogram");
      Matcher total = TOTAL.matcher(histogram);
      if (!total.find()) {
        throw new IllegalStateException("no Total line in the class histogram");
      }
      Matcher flows = FLOWS.matcher(histogram);
      long flowInstances = flows.find() ? Long.parseLong(flows.group(1)) : -1;
      return new long[] {Long.parseLong(total.group(2)), received, flowInstances};
    }
  }

  static void addRows(BenchTable table, List<Result> results) {
    for (Result r : results) {
      table.add(BenchTable.Row.judged("memory", "heap per retained flow, maxFlows " + f0(r.maxFlows()), "<= 1 KB",
          f0(r.bytesPerFlow()) + " B (live heap " + f1(r.liveBytes() / 1048576.0) + " MiB vs "
              + f1(r.smallRingLiveBytes() / 1048576.0) + " MiB with a " + f0(SMALL_RING) + "-flow ring)",
          r.bytesPerFlow() <= 1024));
    }
  }
}
