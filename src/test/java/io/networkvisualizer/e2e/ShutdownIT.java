package io.networkvisualizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.testing.Http;
import io.networkvisualizer.testing.RunningJar;
import io.networkvisualizer.testing.WsClient;
import org.junit.jupiter.api.Test;

/** SIGTERM under load: the process exits within a few seconds and WebSocket clients see a normal close. */
class ShutdownIT {

  @Test
  void sigterm_closesClientsWithGoingAway_andExitsPromptly() throws Exception {
    try (RunningJar jar = RunningJar.start("--sim-rate=2000")) {
      Http http = new Http(jar.port());
      WsClient.await("flows arrive", () -> http.get("/api/flows?limit=1").json().size() == 1);
      try (WsClient flows = WsClient.connect(jar.port(), "/ws/flows");
          WsClient graph = WsClient.connect(jar.port(), "/ws/graph?level=workload")) {
        WsClient.await("streams flowing", () -> flows.messages.size() > 100 && !graph.messages.isEmpty());

        long started = System.nanoTime();
        int exit = jar.terminate(15);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(exit).as("exit code after SIGTERM (killed = -1)").isEqualTo(143);
        assertThat(seconds).as("seconds to exit").isLessThan(10);
        WsClient.await("clients told", () -> flows.closeCode != -1 && graph.closeCode != -1);
        assertThat(flows.closeCode).isEqualTo(1001);
        assertThat(graph.closeCode).isEqualTo(1001);
      }
    }
  }
}
