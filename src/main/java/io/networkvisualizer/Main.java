package io.networkvisualizer;

import io.networkvisualizer.config.Arguments;
import io.networkvisualizer.config.ConfigException;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.SimulatorServer;
import io.networkvisualizer.telemetry.Logging;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line's entry point: parse, build the requested command's parts, run until stopped. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Logging.configureEarly(args, System.getenv());
    Arguments.Invocation invocation;
    try {
      invocation = Arguments.parse(args, System.getenv(), new PrintWriter(System.out, true));
    } catch (Arguments.HelpShown shown) {
      return;
    } catch (ConfigException e) {
      System.err.println("network-visualizer: " + e.getMessage());
      System.err.println("Run with --help for every setting.");
      System.exit(2);
      return;
    }
    Logging.configure(invocation.config());
    try {
      switch (invocation.command()) {
        case SERVE -> runUntilStopped(Application.start(invocation.config()));
        case SIMULATE -> {
          SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.from(invocation.config()));
          log.info("simulated Hubble server listening on {} (hubble observe --server {})",
              simulator.address(), simulator.address());
          runUntilStopped(simulator);
        }
        case ANALYZE -> System.exit(Analyzer.run(invocation, System.out, System.err));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("network-visualizer: invalid configuration:\n  - " + e.getMessage());
      System.exit(2);
    }
  }

  /** Blocks until SIGTERM or Ctrl-C, then closes {@code running} and returns. */
  private static void runUntilStopped(AutoCloseable running) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      try {
        running.close();
      } catch (Exception e) {
        log.warn("error while shutting down", e);
      }
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
