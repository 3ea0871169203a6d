package io.networkvisualizer.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reference reading of Hubble jsonpb lines, through protobuf's own {@code JsonFormat} into the generated
 * {@link GetFlowsResponse}, and the real samples of {@code ${hubble.samples}}: what conformance tests compare the
 * streaming reader and the proto mapper against, flow by flow. Slow (about 25k lines/s): tests only.
 */
public final class ProtoJsonSamples {
  /** The sample files and the flows each holds, as the samples' README states. */
  public static final List<String> SAMPLE_FILES = List.of(
      "basic-sample-10-flows.json",
      "basic-sample-400-tcp-flows.json",
      "basic-sample-400-udp-flows.json",
      "basic-sample-5-dns-flows.json",
      "basic-sample-5-http-flows.json");

  // Struct is registered so that Retina-style extensions parse too.
  private static final JsonFormat.Parser PARSER = JsonFormat.parser()
      .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(Struct.getDescriptor()).build())
      .ignoringUnknownFields();

  private ProtoJsonSamples() {}

  /** One {@code hubble observe -o jsonpb} line as protobuf reads it. */
  public static GetFlowsResponse parse(String line) throws InvalidProtocolBufferException {
    GetFlowsResponse.Builder builder = GetFlowsResponse.newBuilder();
    PARSER.merge(line, builder);
    return builder.build();
  }

  /** A bare flow object (the {@code -o json} form of Hubble CLIs before 0.11) as protobuf reads it. */
  public static io.networkvisualizer.source.hubble.proto.flow.Flow parseBareFlow(String line)
      throws InvalidProtocolBufferException {
    io.networkvisualizer.source.hubble.proto.flow.Flow.Builder builder =
        io.networkvisualizer.source.hubble.proto.flow.Flow.newBuilder();
    PARSER.merge(line, builder);
    return builder.build();
  }

  /** The samples folder named by the system property {@code hubble.samples}, or null when it is not set. */
  public static Path samplesDir() {
    String dir = System.getProperty("hubble.samples");
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  /** Whether the samples folder is there to read. */
  public static boolean samplesPresent() {
    Path dir = samplesDir();
    return dir != null && Files.isDirectory(dir);
  }

  /** The path of one sample file. */
  public static Path sample(String name) {
    return samplesDir().resolve(name);
  }

  /** The non-blank lines of a file. */
  public static List<String> lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).toList();
    }
  }
}
