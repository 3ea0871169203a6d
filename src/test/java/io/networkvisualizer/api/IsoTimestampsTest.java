package io.networkvisualizer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The live stream's timestamp formatter writes exactly what {@link Instant#toString} writes. */
class IsoTimestampsTest {
  private final IsoTimestamps timestamps = new IsoTimestamps();

  private void assertSameAsInstant(long epochNanos) {
    Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
    assertThat(timestamps.format(epochNanos)).as("epoch nanos %d", epochNanos).isEqualTo(instant.toString());
  }

  @Test
  void fractionsInGroupsOfThree_trailingZeroGroupsLeftOut() {
    long second = Instant.parse("2026-11-24T02:52:25Z").getEpochSecond() * 1_000_000_000L;
    for (long nanos : new long[] {0, 1, 10, 999, 1_000, 1_000_000, 120_000_000, 123_456_000, 123_456_789,
        999_999_999, 5_000, 7}) {
      assertSameAsInstant(second + nanos);
    }
  }

  @Test
  void zeroSecondsAndMinutes_areWrittenOut() {
    assertSameAsInstant(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond() * 1_000_000_000L);
    assertSameAsInstant(Instant.parse("2026-11-24T13:45:00Z").getEpochSecond() * 1_000_000_000L + 500_000_000L);
  }

  @Test
  void theCachedSecond_isReplacedWhenTheSecondChanges() {
    long base = Instant.parse("2026-12-31T23:59:59Z").getEpochSecond() * 1_000_000_000L;
    assertSameAsInstant(base + 999_000_000L);
    assertSameAsInstant(base + 1_000_000_000L); // next year
    assertSameAsInstant(base + 999_000_000L); // and back
  }

  @Test
  void randomTimes_fromEpochToYear2262_matchInstant() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long nanos = random.nextLong(0, Long.MAX_VALUE - 3_000_000_000L); // up to the year 2262, as far as nanos go
      if (i % 3 == 0) {
        nanos -= nanos % 1_000_000; // whole milliseconds, as most sources give
      }
      assertSameAsInstant(nanos);
      assertSameAsInstant(nanos + random.nextLong(0, 3_000_000_000L)); // a neighbour, often the same second
    }
  }

  @Test
  void timesBeforeTheEpoch_matchInstant() {
    assertSameAsInstant(-1);
    assertSameAsInstant(-1_000_000_000L);
    assertSameAsInstant(-86_400_000_000_123L);
  }
}
