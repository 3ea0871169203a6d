package io.networkvisualizer.bench;

import io.networkvisualizer.config.Arguments;
import io.networkvisualizer.source.simulator.SimulatorOptions;
import io.networkvisualizer.source.simulator.SimulatorServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code network-visualizer simulate} with one more knob for the ingest benchmark: {@code --buffer-per-node=N}, the
 * simulated Hubble ring per node (Hubble's {@code --hubble-event-buffer-capacity}: 4,095 by default, at most 65,535).
 * The other arguments are the product's own ({@code --listen}, {@code --rate}, {@code --sim-anomalies}, ...).
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] argv) throws Exception {
    int buffer = SimulatorOptions.DEFAULT_BUFFER_PER_NODE;
    List<String> args = new ArrayList<>(List.of("simulate"));
    for (String a : argv) {
      if (a.startsWith("--buffer-per-node=")) {
        buffer = Integer.parseInt(a.substring("--buffer-per-node=".length()));
      } else {
        args.add(a);
      }
    }
    Arguments.Invocation invocation = Arguments.parse(args.toArray(String[]::new), Map.of(),
        new PrintWriter(System.out, true));
    SimulatorServer server = SimulatorServer.start(SimulatorOptions.from(invocation.config())
        .withBufferPerNode(buffer));
    System.out.println("simulated Hubble server listening on " + server.address() + " (ring " + buffer
        + " flows per node)");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
