package io.networkvisualizer.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowTimeClock;
import io.networkvisualizer.source.hubble.TestProtoMapper;
import io.networkvisualizer.source.simulator.Scenario;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.TrafficGenerator;
import io.networkvisualizer.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulated cluster, thirty minutes of it generated in virtual time and fed through the real protobuf mapping and
 * the engine in event time, with the default settings: quiet traffic raises nothing; with the injected anomalies on,
 * each is found within one metric window of its start, with its type and its source.
 */
class SimulatedClusterTest {
  static final long SECOND = 1_000_000_000L;
  static final long EPOCH = MutableClock.START.getEpochSecond() * SECOND;
  static final Duration RUN = Duration.ofMinutes(30);

  /** Runs the generator over {@code RUN} into a fresh engine; returns it. */
  static AnomalyEngine run(SimulatorOptions options) {
    TrafficGenerator generator = new TrafficGenerator(options, EPOCH);
    FlowTimeClock clock = FlowTimeClock.replay();
    AnomalyEngine engine = new AnomalyEngine(clock, AnomalyEngine.Options.defaults());
    Function<io.networkvisualizer.source.hubble.proto.flow.Flow, Flow> mapper = TestProtoMapper.create();
    long end = EPOCH + RUN.toNanos();
    for (long t = EPOCH; t < end; t += 10 * SECOND) {
      generator.generate(t, Math.min(end, t + 10 * SECOND), p -> {
        Flow f = mapper.apply(p);
        clock.onFlow(f);
        engine.onFlow(f);
      });
    }
    return engine;
  }

  static String describe(List<Anomaly> anomalies) {
    return anomalies.stream().map(a -> a.detectedAt() + " " + a.type() + " " + a.severity() + " " + a.description())
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {42, 1, 7, 2024})
  void normalTraffic_raisesNoAnomaly(long seed) {
    AnomalyEngine engine = run(SimulatorOptions.defaults().withSeed(seed).withAnomalies(false));

    assertThat(engine.stats().flowsCounted()).isGreaterThan(200_000);
    assertThat(engine.anomalies()).as("anomalies in quiet traffic:" + describe(engine.anomalies())).isEmpty();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {42, 1, 7})
  void everyInjectedAnomaly_isFoundWithinAWindowOfItsStart_withItsTypeAndSource(long seed) {
    SimulatorOptions options = SimulatorOptions.defaults().withSeed(seed).withAnomalies(true);
    List<Scenario> scenarios = new TrafficGenerator(options, EPOCH).scenarios(EPOCH, EPOCH + RUN.toNanos());
    AnomalyEngine engine = run(options);
    List<Anomaly> found = engine.anomalies();

    assertThat(scenarios).extracting(s -> s.kind().apiName()).containsExactlyInAnyOrderElementsOf(Anomaly.TYPES);
    List<String> missed = new ArrayList<>();
    for (Scenario s : scenarios) {
      Instant deadline = s.start().plus(Duration.ofSeconds(60));
      boolean hit = found.stream().anyMatch(a -> a.type().equals(s.kind().apiName())
          && !a.detectedAt().isBefore(s.start()) && !a.detectedAt().isAfter(deadline)
          && a.sourceNode().equals("workload/" + s.sourceWorkload())
          && (s.sourcePod().isEmpty() || a.sourcePod().equals("pod/" + s.sourcePod())));
      if (!hit) {
        missed.add(s.kind().apiName() + " at " + s.start() + " from " + s.sourcePod() + " / " + s.sourceWorkload()
            + " to " + s.destination());
      }
    }
    assertThat(missed).as("missed scenarios; found:" + describe(found)).isEmpty();

    // Nothing outside the injections (a finding may outlast its injection by one window).
    List<Anomaly> outside = found.stream().filter(a -> scenarios.stream().noneMatch(s ->
        !a.detectedAt().isBefore(s.start()) && a.detectedAt().isBefore(s.end().plusSeconds(60)))).toList();
    assertThat(outside).as("anomalies outside every injection:" + describe(outside)).isEmpty();
  }
}
