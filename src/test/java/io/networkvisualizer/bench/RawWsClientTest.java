package io.networkvisualizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawWsClientTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void findsTheTimestampFieldWithinTheMessageLengthOnly() {
    byte[] message = ascii("{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\"}      \"timestamp\":\"");
    int length = message.length - 15;

    assertThat(RawWsClient.indexOf(message, length, ascii("\"timestamp\":\""))).isEqualTo(10);
    assertThat(RawWsClient.indexOf(message, 12, ascii("\"timestamp\":\""))).isEqualTo(-1);
  }

  @Test
  void recognisesALostNoticeByItsPrefix() {
    byte[] lost = ascii("{\"type\":\"lost\",\"count\":7}");
    byte[] flow = ascii("{\"id\":\"x\"}");
    byte[] prefix = ascii("{\"type\":\"lost\"");

    assertThat(RawWsClient.startsWith(lost, lost.length, prefix)).isTrue();
    assertThat(RawWsClient.startsWith(flow, flow.length, prefix)).isFalse();
    assertThat(RawWsClient.startsWith(lost, 5, prefix)).as("shorter than the prefix").isFalse();
  }
}
