package io.networkvisualizer.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The anomaly records' lifecycle, driven by findings at 5 s intervals. */
class AnomalyBookTest {
  static final long S = 1_000_000_000L;
  static final long T0 = Harness.T0.getEpochSecond() * S;
  static final long QUIET = 60 * S;

  final AnomalyBook book = new AnomalyBook(5, QUIET);

  static Finding scan(String pod, double ports, Severity severity) {
    return new Finding(AnomalyType.PORT_SCAN, "port_scan:pod/shop/" + pod, severity, ports + " ports",
        "pod/shop/" + pod, "pod/shop/catalog-1", "workload/shop/" + pod, "workload/shop/catalog", ports, 0, 20,
        Map.of("unit", "ports"), ports / 40, false);
  }

  static Finding drop(double current) {
    return new Finding(AnomalyType.TRAFFIC_DROP, "traffic_drop:a->b", Severity.MEDIUM, "drop", "a", "b", "a", "b",
        current, 5, 1, Map.of(), 1 - current / 5, true);
  }

  @Test
  void anOngoingAnomaly_isOneRecord_updatedWhileItLasts_thenResolvedAfterTheQuietPeriod() {
    List<Anomaly> raised = book.record(List.of(scan("a", 25, Severity.HIGH)), T0);
    book.record(List.of(scan("a", 38, Severity.HIGH)), T0 + 5 * S);
    book.record(List.of(scan("a", 30, Severity.CRITICAL)), T0 + 10 * S);
    book.record(List.of(), T0 + 10 * S + QUIET - S);

    assertThat(raised).hasSize(1);
    Anomaly ongoing = book.list(AnomalyEngine.Query.ALL).get(0);
    assertThat(book.list(AnomalyEngine.Query.ALL)).hasSize(1);
    assertThat(ongoing.id()).isEqualTo(raised.get(0).id()).isEqualTo("port_scan:pod/shop/a@1704207845");
    assertThat(ongoing.status()).isEqualTo("active");
    assertThat(ongoing.peakValue()).isEqualTo(38);
    assertThat(ongoing.evidence().currentValue()).isEqualTo(30);
    assertThat(ongoing.severity()).isEqualTo("critical");
    assertThat(ongoing.score()).isEqualTo(38 / 40.0);
    assertThat(ongoing.detectedAt()).isEqualTo(Harness.T0);
    assertThat(ongoing.lastSeen()).isEqualTo(Harness.T0.plusSeconds(10));
    assertThat(ongoing.resolvedAt()).isNull();

    book.record(List.of(), T0 + 10 * S + QUIET);

    Anomaly resolved = book.list(AnomalyEngine.Query.ALL).get(0);
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(resolved.resolvedAt()).isEqualTo(Harness.T0.plusSeconds(70));
    assertThat(resolved.lastSeen()).isEqualTo(Harness.T0.plusSeconds(10));
  }

  @Test
  void severityNeverFallsWhileActive() {
    book.record(List.of(scan("a", 40, Severity.CRITICAL)), T0);
    book.record(List.of(scan("a", 21, Severity.HIGH)), T0 + 5 * S);

    assertThat(book.list(AnomalyEngine.Query.ALL).get(0).severity()).isEqualTo("critical");
  }

  @Test
  void aDropsPeak_isItsLowestValue() {
    book.record(List.of(drop(0.8)), T0);
    book.record(List.of(drop(0.1)), T0 + 5 * S);
    book.record(List.of(drop(0.6)), T0 + 10 * S);

    assertThat(book.list(AnomalyEngine.Query.ALL).get(0).peakValue()).isEqualTo(0.1);
  }

  @Test
  void theSameConditionAfterResolution_isANewRecord_withANewId() {
    book.record(List.of(scan("a", 25, Severity.HIGH)), T0);
    book.record(List.of(), T0 + QUIET);
    book.record(List.of(scan("a", 25, Severity.HIGH)), T0 + QUIET + 5 * S);

    assertThat(book.list(AnomalyEngine.Query.ALL)).extracting(Anomaly::status).containsExactly("active", "resolved");
    assertThat(book.list(AnomalyEngine.Query.ALL)).extracting(Anomaly::id).doesNotHaveDuplicates();
  }

  @Test
  void historyIsBounded_theOldestResolvedGoFirst_thenTheOldestActive() {
    List<Finding> first = new ArrayList<>(List.of(scan("long", 25, Severity.HIGH)));
    for (int i = 0; i < 4; i++) {
      first.add(scan("r" + i, 25, Severity.HIGH));
    }
    book.record(first, T0);
    // r0..r3 fall quiet and resolve; "long" goes on
    for (long t = T0 + 5 * S; t <= T0 + QUIET; t += 5 * S) {
      book.record(List.of(scan("long", 25, Severity.HIGH)), t);
    }
    for (int i = 0; i < 3; i++) {
      book.record(List.of(scan("long", 25, Severity.HIGH), scan("n" + i, 25, Severity.HIGH)),
          T0 + QUIET + (i + 1) * 5 * S);
    }

    assertThat(book.list(AnomalyEngine.Query.ALL)).extracting(Anomaly::sourcePod)
        .containsExactlyInAnyOrder("pod/shop/long", "pod/shop/r3", "pod/shop/n0", "pod/shop/n1", "pod/shop/n2");
    assertThat(book.dropped()).isEqualTo(3);

    book.record(List.of(scan("n3", 25, Severity.HIGH), scan("n4", 25, Severity.HIGH)), T0 + QUIET + 20 * S);

    assertThat(book.list(AnomalyEngine.Query.ALL)).extracting(Anomaly::sourcePod)
        .containsExactlyInAnyOrder("pod/shop/n0", "pod/shop/n1", "pod/shop/n2", "pod/shop/n3", "pod/shop/n4");
    assertThat(book.dropped()).isEqualTo(5);
    assertThat(book.activeCount()).isEqualTo(5);
  }

  @Test
  void changesSince_tellsRaisedUpdatedAndResolved_withAGrowingVersion() {
    AnomalyEngine.Changes start = book.changesSince(0);
    assertThat(start.isEmpty()).isTrue();

    book.record(List.of(scan("a", 25, Severity.HIGH)), T0);
    AnomalyEngine.Changes first = book.changesSince(start.version());
    assertThat(first.raised()).extracting(Anomaly::sourcePod).containsExactly("pod/shop/a");
    assertThat(first.updated()).isEmpty();

    book.record(List.of(scan("a", 30, Severity.HIGH), scan("b", 25, Severity.HIGH)), T0 + 5 * S);
    AnomalyEngine.Changes second = book.changesSince(first.version());
    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(second.raised()).extracting(Anomaly::sourcePod).containsExactly("pod/shop/b");
    assertThat(second.updated()).extracting(Anomaly::sourcePod).containsExactly("pod/shop/a");

    assertThat(book.changesSince(second.version()).isEmpty()).isTrue();

    book.record(List.of(scan("b", 25, Severity.HIGH)), T0 + 5 * S + QUIET);
    AnomalyEngine.Changes third = book.changesSince(second.version());
    assertThat(third.resolved()).extracting(Anomaly::sourcePod).containsExactly("pod/shop/a");
    assertThat(third.updated()).extracting(Anomaly::sourcePod).containsExactly("pod/shop/b");
    assertThat(third.raised()).isEmpty();
  }

  @Test
  void listing_isNewestFirst_andFilters() {
    book.record(List.of(scan("a", 25, Severity.HIGH)), T0);
    book.record(List.of(drop(0.5)), T0 + 5 * S);
    book.record(List.of(), T0 + QUIET);

    assertThat(book.list(AnomalyEngine.Query.ALL)).extracting(Anomaly::type)
        .containsExactly("traffic_drop", "port_scan");
    List<Anomaly> active = book.list(new AnomalyEngine.Query(null, null, true, null));
    assertThat(active).extracting(Anomaly::type).containsExactly("traffic_drop");
    assertThat(book.list(new AnomalyEngine.Query(java.util.Set.of("high"), null, null, null)))
        .extracting(Anomaly::type).containsExactly("port_scan");
    assertThat(book.list(new AnomalyEngine.Query(null, null, null, Harness.T0.plusSeconds(61))))
        .as("active, or resolved at or after since").extracting(Anomaly::type).containsExactly("traffic_drop");
    assertThat(book.list(new AnomalyEngine.Query(null, null, null, Harness.T0.plusSeconds(60))))
        .extracting(Anomaly::type).containsExactly("traffic_drop", "port_scan");
    List<String> ids = new ArrayList<>();
    book.list(AnomalyEngine.Query.ALL).forEach(a -> ids.add(a.id()));
    assertThat(ids).doesNotHaveDuplicates();
  }
}
