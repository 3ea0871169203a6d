package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FlowLogLines} splits bytes into lines whatever the read sizes, terminators and lengths. */
class FlowLogLinesTest {

  /** Returns at most {@code chunk} bytes per read, as a slow pipe or gzip stream may. */
  private static InputStream trickle(String text, int chunk) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static List<String> lines(FlowLogLines lines) throws IOException {
    List<String> out = new ArrayList<>();
    while (lines.next()) {
      String text = lines.tooLong() ? "<too long>"
          : new String(lines.buffer(), lines.start(), lines.length(), StandardCharsets.UTF_8);
      out.add(lines.lineNumber() + ":" + text);
    }
    return out;
  }

  @Test
  void splitsOnNewlines_dropsCarriageReturns_keepsALastLineWithoutNewline() throws IOException {
    String text = "a\r\nbb\n\nccc";
    for (int chunk : new int[] {1, 2, 3, 1000}) {
      assertThat(lines(FlowLogLines.of(trickle(text, chunk), 100))).as("chunk %d", chunk)
          .containsExactly("1:a", "2:bb", "3:", "4:ccc");
    }
  }

  @Test
  void emptyInput_hasNoLines() throws IOException {
    assertThat(lines(FlowLogLines.of(trickle("", 10), 100))).isEmpty();
    assertThat(lines(FlowLogLines.of(trickle("\n", 10), 100))).containsExactly("1:");
  }

  @Test
  void lineLongerThanTheLimit_isReportedAndSkipped_andNumberingGoesOn() throws IOException {
    String text = "short\n" + "x".repeat(5000) + "\nafter\n" + "y".repeat(5000);

    assertThat(lines(FlowLogLines.of(trickle(text, 777), 1024)))
        .containsExactly("1:short", "2:<too long>", "3:after", "4:<too long>");
  }

  @Test
  void linesLongerThanTheFirstBuffer_butWithinTheLimit_areWhole() throws IOException {
    String big = "z".repeat(600_000);

    List<String> read = lines(FlowLogLines.of(trickle("a\n" + big + "\nb\n", 65_536), 1 << 20));

    assertThat(read).containsExactly("1:a", "2:" + big, "3:b");
  }

  @Test
  void countsBytesRead() throws IOException {
    FlowLogLines lines = FlowLogLines.of(trickle("abc\ndef\n", 3), 100);
    lines(lines);

    assertThat(lines.bytesRead()).isEqualTo(8);
  }
}
