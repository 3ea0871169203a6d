package io.networkvisualizer.source.simulator;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulated cluster's cost per flow on one core, at 100,000 flows/s without anomalies as
 * {@code network-visualizer simulate --rate=100000 --sim-anomalies=false} runs it: each operation moves a manual
 * {@link SimulatorServer} 10 ms of event time forward (generating the flows into its ring, the pacer's work) and
 * encodes every new ring event once, as the first stream to send it does (the stream threads' work). The
 * {@code flows} counter is events per second; the cost of one is 1/{@code flows}.
 *
 * <p>Run:
 * <pre>
 * ./mvnw -B -o -q -DskipWeb test-compile
 * ./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main SimulatorBenchmark
 * </pre>
 * On a shared machine JMH's wall-clock throughput is noisy; {@link #main} does the same work for a fixed stretch of
 * event time (after a warm-up) and prints the thread's CPU time per event, which other processes barely move:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.networkvisualizer.source.simulator.SimulatorBenchmark [rounds=5] [seconds of event time per round=10]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SimulatorBenchmark {
  private static final long STEP = 10_000_000L;

  private SimulatorServer server;
  private FlowRing ring;
  private long now;
  private long cursor;

  /** Events generated and encoded, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counts {
    public long flows;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      flows = 0;
      bytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    server = SimulatorServer.startManual(SimulatorOptions.defaults().withRate(100_000).withAnomalies(false)
        .withListen("127.0.0.1", 0), 1_700_000_000L * 1_000_000_000L);
    ring = server.ring();
    now = 1_700_000_000L * 1_000_000_000L;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public long generateAndEncode(Counts counts) {
    now += STEP;
    server.advanceTo(now);
    return encodeNew(counts);
  }

  private long encodeNew(Counts counts) {
    long written = ring.written();
    long bytes = 0;
    for (cursor = Math.max(cursor, ring.oldest()); cursor < written; cursor++) {
      bytes += ring.get(cursor).serialized().length;
      counts.flows++;
    }
    counts.bytes += bytes;
    return bytes;
  }

  /** CPU time per event of {@link #generateAndEncode} on this thread, over fixed stretches of event time. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    SimulatorBenchmark b = new SimulatorBenchmark();
    b.setUp();
    try {
      Counts counts = new Counts();
      for (int i = 0; i < 2_000; i++) { // 20 s of event time warms the JIT up
        b.generateAndEncode(counts);
      }
      for (int r = 0; r < rounds; r++) {
        counts.reset();
        long generating = 0;
        long encoding = 0;
        for (int i = 0; i < seconds * 100; i++) {
          long t0 = threads.getCurrentThreadCpuTime();
          b.now += STEP;
          b.server.advanceTo(b.now);
          long t1 = threads.getCurrentThreadCpuTime();
          b.encodeNew(counts);
          generating += t1 - t0;
          encoding += threads.getCurrentThreadCpuTime() - t1;
        }
        double n = counts.flows;
        System.out.printf(java.util.Locale.ROOT, "round %d: %d events, %.0f bytes each, %.0f cpu ns per event "
            + "(generate %.0f, encode %.0f)%n", r + 1, counts.flows, counts.bytes / n, (generating + encoding) / n,
            generating / n, encoding / n);
      }
    } finally {
      b.tearDown();
    }
  }
}
