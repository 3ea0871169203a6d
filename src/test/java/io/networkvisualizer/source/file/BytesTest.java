package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Bytes}: the word-at-a-time newline search finds what a byte loop finds; equal ranges hash equal. */
class BytesTest {

  @Test
  void indexOfNewline_findsTheFirstNewline_atEveryPositionAndAlignment() {
    for (int length = 0; length < 40; length++) {
      for (int at = -1; at < length; at++) {
        byte[] buf = new byte[length + 3];
        Arrays.fill(buf, (byte) 0x0B); // next to '\n' (0x0A) in value, to catch borrow mistakes
        if (at >= 0) {
          buf[at + 2] = '\n';
          if (at + 3 < length + 2) {
            buf[at + 3] = '\n';
          }
        }
        assertThat(Bytes.indexOfNewline(buf, 2, length + 2)).as("length %d at %d", length, at)
            .isEqualTo(at < 0 ? -1 : at + 2);
      }
    }
  }

  @Test
  void indexOfNewline_ignoresBytesOutsideTheRange() {
    byte[] buf = "\nabc\n".getBytes(StandardCharsets.UTF_8);

    assertThat(Bytes.indexOfNewline(buf, 1, 4)).isEqualTo(-1);
    assertThat(Bytes.indexOfNewline(buf, 1, 5)).isEqualTo(4);
  }

  @Test
  void hash_dependsOnlyOnTheRangesContent() {
    byte[] a = "xx{\"pod_name\":\"web-1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] b = "{\"pod_name\":\"web-1\"}yyyy".getBytes(StandardCharsets.UTF_8);
    byte[] c = "{\"pod_name\":\"web-2\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(Bytes.hash(a, 2, a.length)).isEqualTo(Bytes.hash(b, 0, b.length - 4));
    assertThat(Bytes.hash(c, 0, c.length)).isNotEqualTo(Bytes.hash(b, 0, b.length - 4));
  }
}
