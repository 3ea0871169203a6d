package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.testing.ProtoJsonSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader gives, line for line, the flow that protobuf's own {@code JsonFormat} reading mapped field by
 * field ({@link ReferenceMapping}) gives: over every real sample, and over the hand-written lines that cover what the
 * samples lack.
 */
class JsonpbConformanceTest {

  @Test
  void everySampleLine_readsAsProtobufReadsIt() throws Exception {
    assumeTrue(ProtoJsonSamples.samplesPresent(),
        "real Hubble samples not run: folder " + ProtoJsonSamples.samplesDir() + " (-Dhubble.samples) is absent");
    JsonpbFlowReader reader = new JsonpbFlowReader();
    int compared = 0;
    for (String file : ProtoJsonSamples.SAMPLE_FILES) {
      List<String> lines = ProtoJsonSamples.lines(ProtoJsonSamples.sample(file));
      for (int i = 0; i < lines.size(); i++) {
        Flow expected = ReferenceMapping.toFlow(ProtoJsonSamples.parse(lines.get(i)));
        assertThat(flow(reader, lines.get(i))).as("%s line %d", file, i + 1).isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(820);
  }

  @Test
  void handWrittenLines_readAsProtobufReadsThem() throws Exception {
    JsonpbFlowReader reader = new JsonpbFlowReader();
    for (String line : HandWrittenLines.ENVELOPED) {
      Flow expected = ReferenceMapping.toFlow(ProtoJsonSamples.parse(line));
      assertThat(flow(reader, line)).as(line).isEqualTo(expected);
    }
  }

  @Test
  void bareFlowObject_readsAsProtobufReadsIt() throws Exception {
    JsonpbFlowReader reader = new JsonpbFlowReader();
    String bare = HandWrittenLines.BARE_FLOW;
    var proto = ProtoJsonSamples.parseBareFlow(bare);
    Flow expected = ReferenceMapping.toFlow(proto,
        proto.getTime().getSeconds() * 1_000_000_000L + proto.getTime().getNanos(), "");

    assertThat(flow(reader, bare)).isEqualTo(expected);
  }

  private static Flow flow(JsonpbFlowReader reader, String line) {
    JsonpbFlowReader.Line read = reader.read(line, 1);
    assertThat(read).as(line).isInstanceOf(JsonpbFlowReader.FlowLine.class);
    return ((JsonpbFlowReader.FlowLine) read).flow();
  }
}
