package io.networkvisualizer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionTableTest {
  static final long SECOND = 1_000_000_000L;
  static final long TTL = 60 * SECOND;

  @Test
  void aKeyIsNewOnceThenAgainOnlyAfterItsTtlOfSilence() {
    ConnectionTable table = new ConnectionTable(1024);
    long key = ConnectionTable.key("10.0.0.1", 40_000, "10.0.0.2", 53, 2);
    assertThat(table.firstSeen(key, 10 * SECOND, TTL)).isTrue();
    assertThat(table.firstSeen(key, 50 * SECOND, TTL)).isFalse();
    assertThat(table.firstSeen(key, 100 * SECOND, TTL)).isFalse(); // 50 s after the last sighting
    assertThat(table.firstSeen(key, 5 * SECOND, TTL)).isFalse(); // late
    assertThat(table.firstSeen(key, 161 * SECOND, TTL)).isTrue();
  }

  @Test
  void theKeyDependsOnEveryPartOfTheFiveTuple() {
    long key = ConnectionTable.key("10.0.0.1", 40_000, "10.0.0.2", 53, 2);
    assertThat(key).isNotEqualTo(ConnectionTable.key("10.0.0.2", 40_000, "10.0.0.1", 53, 2))
        .isNotEqualTo(ConnectionTable.key("10.0.0.1", 40_001, "10.0.0.2", 53, 2))
        .isNotEqualTo(ConnectionTable.key("10.0.0.1", 40_000, "10.0.0.2", 54, 2))
        .isNotEqualTo(ConnectionTable.key("10.0.0.1", 40_000, "10.0.0.2", 53, 1));
  }

  @Test
  void aFloodOfFiveTuplesNeverGrowsTheTableAndCountsDisplacements() {
    ConnectionTable table = new ConnectionTable(1024);
    int fresh = 0;
    for (int port = 1; port <= 65_535; port++) {
      if (table.firstSeen(ConnectionTable.key("203.0.113.7", 50_000, "10.0.0.2", port, 1), SECOND, TTL)) {
        fresh++;
      }
    }
    assertThat(fresh).isEqualTo(65_535);
    assertThat(table.capacity()).isEqualTo(1024);
    assertThat(table.displacedLive()).isEqualTo(65_535 - 1024);
  }
}
