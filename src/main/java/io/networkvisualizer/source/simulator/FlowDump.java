package io.networkvisualizer.source.simulator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.networkvisualizer.config.ConfigLoader;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the simulated cluster's flows for a stretch of simulated time as a Hubble flow log: one
 * {@code {"flow":{...},"node_name":"...","time":"..."}} line per flow, the {@code hubble observe -o jsonpb} form,
 * gzip-compressed when the file name ends in {@code .gz}. For analyzer tests and benchmarks; thirty simulated minutes
 * take seconds.
 *
 * <p>Command (after {@code ./mvnw -B -o package -DskipTests}):
 * <pre>
 * java -cp target/network-visualizer.jar io.networkvisualizer.source.simulator.FlowDump \
 *     flows.jsonl.gz 30m [--sim-rate=200] [--sim-seed=42] [--sim-anomalies=true] [--sim-bytes=true] \
 *     [--start=2024-01-02T15:04:05Z]
 * </pre>
 * The simulator flags are the product's own (see {@code Settings}); the injected anomalies are listed on stderr.
 */
public final class FlowDump {
  private FlowDump() {}

  /** The printer of Hubble's jsonpb: proto field names, the {@code Struct} of byte counts resolvable. */
  static final JsonFormat.Printer PRINTER = JsonFormat.printer()
      .omittingInsignificantWhitespace()
      .preservingProtoFieldNames()
      .usingTypeRegistry(TypeRegistry.newBuilder().add(Struct.getDescriptor()).build());

  /**
   * Writes every flow of {@code [start, start + duration)} to {@code file} and returns how many.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static long write(SimulatorOptions options, Instant start, Duration duration, Path file) {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream maybeGzip = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
        Writer out = new BufferedWriter(new OutputStreamWriter(maybeGzip, StandardCharsets.UTF_8), 1 << 16)) {
      return write(options, start, duration, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write flows to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes every flow of {@code [start, start + duration)} as jsonpb lines and returns how many. */
  public static long write(SimulatorOptions options, Instant start, Duration duration, Writer out)
      throws IOException {
    long epoch = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    TrafficGenerator generator = new TrafficGenerator(options, epoch);
    long[] count = {0};
    IOException[] failure = {null};
    long step = 1_000_000_000L;
    long end = epoch + duration.toNanos();
    for (long t = epoch; t < end && failure[0] == null; t += step) {
      generator.generate(t, Math.min(end, t + step), flow -> {
        if (failure[0] != null) {
          return;
        }
        try {
          out.write(line(flow));
          out.write('\n');
          count[0]++;
        } catch (IOException e) {
          failure[0] = e;
        }
      });
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    out.flush();
    return count[0];
  }

  /** One flow as a Hubble jsonpb line (without the newline). */
  static String line(Flow flow) {
    try {
      return unescapeHtml(PRINTER.print(GetFlowsResponse.newBuilder()
          .setFlow(flow)
          .setNodeName(flow.getNodeName())
          .setTime(flow.getTime())
          .build()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print a generated flow as JSON", e);
    }
  }

  /**
   * Protobuf's printer escapes {@code = & < > '} as {@code \u003d}...; Hubble's (Go) printer does not, and its
   * labels are full of {@code =}. Only an escape that is not itself escaped (an even run of backslashes before it)
   * is turned back.
   */
  static String unescapeHtml(String json) {
    if (json.indexOf("\\u00") < 0) {
      return json;
    }
    return HTML_ESCAPE.matcher(json).replaceAll(m -> {
      char c = (char) Integer.parseInt(m.group(2), 16);
      return java.util.regex.Matcher.quoteReplacement(m.group(1) + c);
    });
  }

  private static final java.util.regex.Pattern HTML_ESCAPE =
      java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u00(3d|26|3c|3e|27)");

  /** {@code FlowDump FILE DURATION [--sim-rate=N] [--sim-seed=N] [--sim-anomalies=B] [--sim-bytes=B] [--start=T]}. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: FlowDump FILE DURATION [--sim-rate=200] [--sim-seed=42] [--sim-anomalies=true] "
          + "[--sim-bytes=true] [--sim-anomaly-start=6m] [--start=2024-01-02T15:04:05Z]   (DURATION like 30m, 90s, 2h)");
      System.exit(2);
    }
    try {
      Path file = Path.of(args[0]);
      Duration duration = Settings.SIM_ANOMALY_GAP.parse(args[1]);
      Map<String, String> flags = new LinkedHashMap<>();
      Instant start = Instant.parse("2024-01-02T15:04:05Z");
      for (int i = 2; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("unknown argument '" + arg + "' (expected --name=value)");
        }
        String name = arg.substring(2, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        if (name.equals("start")) {
          start = Instant.parse(value);
        } else {
          flags.put(key(name), value);
        }
      }
      SimulatorOptions options = SimulatorOptions.from(ConfigLoader.load(flags, Map.of(), null));
      long began = System.nanoTime();
      long written = write(options, start, duration, file);
      System.err.printf("wrote %d flows of %s simulated time to %s in %.1f s%n", written, duration, file,
          (System.nanoTime() - began) / 1e9);
      long from = start.getEpochSecond() * 1_000_000_000L + start.getNano();
      for (Scenario s : new TrafficGenerator(options, from).scenarios(from, from + duration.toNanos())) {
        System.err.printf("  %s %s .. %s  %s%n", s.kind().apiName(), s.start(), s.end(), s.description());
      }
    } catch (RuntimeException e) {
      System.err.println("FlowDump: " + e.getMessage());
      System.exit(1);
    }
  }

  /** {@code sim-rate} to {@code simRate}. */
  private static String key(String flag) {
    StringBuilder key = new StringBuilder();
    boolean upper = false;
    for (char c : flag.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        key.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return key.toString();
  }
}
