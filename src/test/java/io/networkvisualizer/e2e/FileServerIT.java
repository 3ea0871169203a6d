package io.networkvisualizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.networkvisualizer.testing.Http;
import io.networkvisualizer.testing.ProtoJsonSamples;
import io.networkvisualizer.testing.RunningJar;
import io.networkvisualizer.testing.WsClient;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built jar over Hubble flow logs (the real samples): loaded, ready, and the bookinfo graph served. */
class FileServerIT {

  @Test
  void serverOverFlowLogs_servesTheirGraph() throws Exception {
    assumeTrue(ProtoJsonSamples.samplesPresent(),
        "real Hubble samples not run: folder " + ProtoJsonSamples.samplesDir() + " (-Dhubble.samples) is absent");
    String files = ProtoJsonSamples.SAMPLE_FILES.stream()
        .map(f -> ProtoJsonSamples.sample(f).toString()).collect(Collectors.joining(","));
    try (RunningJar jar = RunningJar.start("--flow-files=" + files)) {
      Http http = new Http(jar.port());
      WsClient.await("ready while reading", () -> http.get("/readyz").status() == 200);
      // ready comes as soon as the first file is being read; the counts below need every file read
      WsClient.await("the logs are loaded",
          () -> "COMPLETED".equals(http.get("/api/status").json().get("source").get("state").asText()));
      assertThat(http.get("/api/status").json().get("source").get("flows_received").asLong()).isEqualTo(820);
      assertThat(http.get("/api/flows?limit=1000").json()).hasSize(820);
      assertThat(http.get("/api/graph?level=workload").json().get("edges").findValuesAsText("id"))
          .anyMatch(id -> id.contains("productpage") && id.contains("->") && id.contains("reviews"));
    }
  }
}
