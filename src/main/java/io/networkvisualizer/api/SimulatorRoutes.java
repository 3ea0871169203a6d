package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.source.simulator.Scenario;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/simulator/scenarios}: the anomalies the embedded simulated cluster injects, past, under way and
 * next, so that what the detectors report can be checked against what was done. Registered only when the simulator
 * runs.
 */
public final class SimulatorRoutes implements Routes {
  private final Supplier<List<Scenario>> scenarios;
  private final Clock clock;

  public SimulatorRoutes(Supplier<List<Scenario>> scenarios) {
    this(scenarios, Clock.systemUTC());
  }

  public SimulatorRoutes(Supplier<List<Scenario>> scenarios, Clock clock) {
    this.scenarios = scenarios;
    this.clock = clock;
  }

  /**
   * One injected anomaly as the API shows it.
   *
   * @param kind the anomaly kind, named as {@code /api/flows/anomalies} names its types ({@code traffic_spike}, ...)
   * @param state {@code scheduled}, {@code active} or {@code ended}
   */
  record ScenarioView(String kind, String state, Instant start, Instant end, String sourcePod, String sourceWorkload,
      String destination, String description) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/simulator/scenarios", this::list);
  }

  private void list(Context ctx) {
    Instant now = clock.instant();
    ctx.json(scenarios.get().stream()
        .map(s -> new ScenarioView(s.kind().apiName(), state(s, now), s.start(), s.end(), s.sourcePod(),
            s.sourceWorkload(), s.destination(), s.description()))
        .toList());
  }

  private static String state(Scenario s, Instant now) {
    if (now.isBefore(s.start())) {
      return "scheduled";
    }
    return s.activeAt(now) ? "active" : "ended";
  }
}
