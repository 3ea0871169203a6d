package io.networkvisualizer;

import io.networkvisualizer.config.Arguments;
import java.io.PrintStream;

/** Placeholder until the anomaly engine lands (replaced by the anomaly branch's Analyzer). */
public final class Analyzer {
  private Analyzer() {}

  public static int run(Arguments.Invocation invocation, PrintStream out, PrintStream err) {
    err.println("network-visualizer analyze: not available in this build");
    return 2;
  }
}
