package io.networkvisualizer.source.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end throughput of the file source: writes a large jsonpb flow log generated from the real samples (1,000,000
 * lines by default, each sample flow with its own time, pod names varied over 64 replicas and source ports varied), then
 * reads it with {@link FileSource#readAll} into a {@link FlowStore} three times, printing flows/s and MB/s of each run,
 * both by wall time and by the reading thread's CPU time (the machine is shared: wall time also counts other work).
 *
 * <p>Run from the project root: {@code HUBBLE_SAMPLES=/path/to/shared/fixtures/hubble scripts/bench-file.sh throughput}.
 * System properties: {@code bench.lines} (lines to generate), {@code bench.file} (default
 * {@code /tmp/nv-bench-flows.jsonpb}), {@code bench.keep=true} to keep the file afterwards.
 */
public final class FileSourceBenchmark {
  private static final String TIME = "@@TIME@@";
  private static final String SUFFIX = "@@POD@@";
  private static final int PORT = 987_654_321;

  private FileSourceBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (!ProtoJsonSamples.samplesPresent()) {
      System.err.println("set -Dhubble.samples to the real samples folder (" + ProtoJsonSamples.samplesDir()
          + " is absent)");
      System.exit(2);
    }
    int count = Integer.getInteger("bench.lines", 1_000_000);
    Path file = Path.of(System.getProperty("bench.file", "/tmp/nv-bench-flows.jsonpb"));
    try {
      long t0 = System.nanoTime();
      generate(file, count);
      System.out.printf(Locale.ROOT, "generated %,d lines, %,d MB in %s in %.1f s%n", count,
          Files.size(file) / 1_000_000, file, (System.nanoTime() - t0) / 1e9);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int run = 1; run <= 3; run++) {
        FlowStore store = new FlowStore(10_000);
        long gcBefore = gcMillis();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        FileSource.Summary summary = FileSource.readAll(List.of(file), store);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // Wall time counts whatever else runs on the machine; the reading thread's CPU time does not.
        System.out.printf(Locale.ROOT,
            "run %d: %,d flows in %.2f s = %,.0f flows/s, %.1f MB/s wall; %.2f s CPU = %,.0f flows/s, %.1f MB/s per"
                + " CPU-second; GC %d ms (%d malformed, %,d in store)%n",
            run, summary.flows(), seconds, summary.flows() / seconds, summary.bytesRead() / 1e6 / seconds,
            cpuSeconds, summary.flows() / cpuSeconds, summary.bytesRead() / 1e6 / cpuSeconds, gcMillis() - gcBefore,
            summary.malformedLines(), store.size());
        if (summary.flows() != count) {
          throw new AssertionError("expected " + count + " flows, read " + summary.flows());
        }
      }
    } finally {
      if (!Boolean.getBoolean("bench.keep")) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Writes {@code count} lines: the samples' lines in turn, each with a new time, pod replica and source port. */
  static void generate(Path file, int count) throws IOException {
    List<String[]> templates = templates();
    long base = Instant.parse("2024-05-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    StringBuilder line = new StringBuilder(4096);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 0; i < count; i++) {
        String[] parts = templates.get(i % templates.size());
        long nanos = base + i * 1_000_037L;
        String time = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
        String pod = "-r" + (i * 31 % 64);
        String port = Integer.toString(1024 + (i * 7) % 60_000);
        line.setLength(0);
        for (String part : parts) {
          switch (part) {
            case TIME -> line.append(time);
            case SUFFIX -> line.append(pod);
            case "" + PORT -> line.append(port);
            default -> line.append(part);
          }
        }
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Each sample line cut into literal parts and placeholders for time, pod-name suffix and source port. */
  private static List<String[]> templates() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String[]> templates = new ArrayList<>();
    for (String name : ProtoJsonSamples.SAMPLE_FILES) {
      for (String text : ProtoJsonSamples.lines(ProtoJsonSamples.sample(name))) {
        ObjectNode root = (ObjectNode) json.readTree(text);
        ObjectNode flow = (ObjectNode) root.get("flow");
        root.put("time", TIME);
        flow.put("time", TIME);
        for (String side : new String[] {"source", "destination"}) {
          JsonNode endpoint = flow.get(side);
          if (endpoint != null && endpoint.has("pod_name")) {
            ((ObjectNode) endpoint).put("pod_name", endpoint.get("pod_name").asText() + SUFFIX);
          }
        }
        JsonNode l4 = flow.get("l4");
        for (String proto : new String[] {"TCP", "UDP"}) {
          if (l4 != null && l4.has(proto)) {
            ((ObjectNode) l4.get(proto)).put("source_port", PORT);
          }
        }
        String serialized = json.writeValueAsString(root);
        templates.add(serialized.split("(?=@@TIME@@|@@POD@@|" + PORT + ")|(?<=@@TIME@@|@@POD@@|" + PORT + ")"));
      }
    }
    return templates;
  }
}
