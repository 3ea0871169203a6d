package io.networkvisualizer.anomaly;

import io.networkvisualizer.flow.EventClock;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.hubble.TestProtoMapper;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.TrafficGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per flow of the anomaly engine ({@link AnomalyEngine#onFlow}: classification, per-flow counters of the eight
 * detectors, and the 5 s interval evaluation amortised over the flows), on the simulated cluster's traffic: ten
 * minutes of it at 200 flows/s (anomalies on, measured bytes on) mapped from protobuf once, then replayed forever,
 * each lap moved on in event time by the template's length so that time only goes forward.
 *
 * <p>Run: {@code scripts/bench-analyze.sh jmh} (extra JMH options may follow, e.g. {@code -wi 2 -i 3}), or by hand:
 * <pre>
 * ./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     org.openjdk.jmh.Main AnomalyEngineBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class AnomalyEngineBenchmark {
  static final int BATCH = 1 << 16;
  static final long SECOND = 1_000_000_000L;
  static final long START_NANOS = 1_704_207_845_000_000_000L;
  static final long TEMPLATE_NANOS = 600 * SECOND;

  /** A clock the benchmark sets to each flow's time, as {@code FlowTimeClock} would. */
  static final class ManualClock implements EventClock {
    long now;

    @Override
    public long nowNanos() {
      return now;
    }
  }

  /** The engine, fed batch after batch of the template moved on in time. */
  @State(Scope.Thread)
  public static class Feed {
    final ManualClock clock = new ManualClock();
    AnomalyEngine engine;
    Flow[] template;
    Flow[] batch;
    int position;
    long lap;

    @Setup(Level.Trial)
    public void setUp() {
      SimulatorOptions options = SimulatorOptions.defaults().withAnomalies(true).withBytes(true)
          .withTimeline(java.time.Duration.ofMinutes(6), java.time.Duration.ofSeconds(30),
              java.time.Duration.ofSeconds(25));
      TrafficGenerator generator = new TrafficGenerator(options, START_NANOS);
      Function<io.networkvisualizer.source.hubble.proto.flow.Flow, Flow> mapper = TestProtoMapper.create();
      List<Flow> flows = new ArrayList<>();
      generator.generate(START_NANOS, START_NANOS + TEMPLATE_NANOS, p -> flows.add(mapper.apply(p)));
      template = flows.toArray(Flow[]::new);
      batch = new Flow[BATCH];
      engine = new AnomalyEngine(clock, AnomalyEngine.Options.defaults());
      for (int i = 0; i < template.length / BATCH + 1; i++) { // one lap learns the baselines before measuring
        nextBatch();
        feed();
      }
    }

    /** The next {@link #BATCH} flows of the template, moved on by whole laps (not timed). */
    @Setup(Level.Invocation)
    public void nextBatch() {
      for (int i = 0; i < BATCH; i++) {
        if (position == template.length) {
          position = 0;
          lap++;
        }
        Flow f = template[position++];
        batch[i] = lap == 0 ? f : f.toBuilder().timeNanos(f.timeNanos() + lap * TEMPLATE_NANOS).build();
      }
    }

    void feed() {
      ManualClock c = clock;
      AnomalyEngine e = engine;
      for (Flow f : batch) {
        if (f.timeNanos() > c.now) {
          c.now = f.timeNanos();
        }
        e.onFlow(f);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void onFlow(Feed feed) {
    feed.feed();
  }
}
