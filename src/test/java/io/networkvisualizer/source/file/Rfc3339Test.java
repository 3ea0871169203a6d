package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Rfc3339} agrees with {@code java.time} on every form protobuf writes or accepts, and rejects the rest. */
class Rfc3339Test {

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Test
  void protobufForms_parseAsJavaTimeDoes() throws Exception {
    for (String text : List.of(
        "2021-06-16T16:52:13.136834446Z",
        "2021-11-10T10:40:56.874054400Z",
        "2024-03-01T12:00:02.5Z",
        "2024-03-01T12:00:00Z",
        "2024-02-29T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "2000-01-01T00:00:00.000001Z",
        "2262-04-11T23:47:16.854775807Z")) {
      assertThat(Rfc3339.parseNanos(text)).as(text).isEqualTo(nanos(Instant.parse(text)));
    }
  }

  @Test
  void offsets_areApplied() throws Exception {
    for (String text : List.of("2024-03-01T12:00:00+01:00", "2024-03-01T01:30:00.25-05:30", "2024-03-01T00:00:00+00:00")) {
      assertThat(Rfc3339.parseNanos(text)).as(text).isEqualTo(nanos(OffsetDateTime.parse(text).toInstant()));
    }
  }

  @Test
  void randomInstants_roundTrip() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(0, 9_000_000_000L), random.nextInt(1_000_000_000));
      assertThat(Rfc3339.parseNanos(t.toString())).as(t.toString()).isEqualTo(nanos(t));
    }
  }

  @Test
  void lowerCaseSeparators_areAccepted() throws Exception {
    assertThat(Rfc3339.parseNanos("2024-03-01t12:00:00z")).isEqualTo(nanos(Instant.parse("2024-03-01T12:00:00Z")));
  }

  @Test
  void malformedTimestamps_areRejectedWithAReason() {
    assertRejected("2024-03-01 12:00:00Z", "not an RFC 3339");
    assertRejected("2024-03-01T12:00:00", "not an RFC 3339");
    assertRejected("2024-03-01T12:00:00.Z", "fraction");
    assertRejected("2024-03-01T12:00:00.1234567891Z", "fraction");
    assertRejected("2024-13-01T12:00:00Z", "not an RFC 3339");
    assertRejected("2023-02-29T12:00:00Z", "not an RFC 3339");
    assertRejected("2024-03-01T24:00:00Z", "not an RFC 3339");
    assertRejected("2024-03-01T12:00:00+0100", "zone");
    assertRejected("2024-03-01T12:00:00Zjunk", "zone");
    assertRejected("1969-12-31T23:59:59.999Z", "before 1970");
    assertRejected("2262-04-11T23:47:16.854775808Z", "after 2262");
    assertRejected("9999-12-31T23:59:59Z", "after 2262");
    assertRejected("2O24-03-01T12:00:00Z", "not an RFC 3339");
  }

  private static void assertRejected(String text, String reason) {
    assertThatThrownBy(() -> Rfc3339.parseNanos(text)).as(text)
        .isInstanceOf(Rfc3339.BadTimestamp.class)
        .hasMessageContaining(reason);
  }
}
