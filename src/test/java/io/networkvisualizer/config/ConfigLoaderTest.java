package io.networkvisualizer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaults_matchTheSpec() {
    Config config = Config.defaults();
    assertThat(config.get(Settings.MAX_FLOWS)).isEqualTo(10_000);
    assertThat(config.get(Settings.METRIC_WINDOW)).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.get(Settings.SPIKE_THRESHOLD)).isEqualTo(3.0);
    assertThat(config.get(Settings.ERROR_RATE_THRESHOLD)).isEqualTo(0.05);
    assertThat(config.get(Settings.PORT_SCAN_THRESHOLD)).isEqualTo(20);
    assertThat(config.get(Settings.EXFIL_THRESHOLD)).isEqualTo(10L * 1024 * 1024);
    assertThat(config.get(Settings.DNS_QUERY_THRESHOLD)).isEqualTo(100);
    assertThat(config.get(Settings.PORT)).isEqualTo(8080);
    assertThat(config.get(Settings.HUBBLE_ADDR)).isEmpty();
    assertThat(config.get(Settings.ENABLE_FLOWS)).isTrue();
  }

  @Test
  void precedence_flagOverEnvOverFileOverDefault() throws IOException {
    Path file = dir.resolve("nv.properties");
    Files.writeString(file, "maxFlows=500\nmetricWindow=30s\nspikeThreshold=4\n");
    Config config = ConfigLoader.load(
        Map.of("maxFlows", "700"),
        Map.of("MAX_FLOWS", "600", "METRIC_WINDOW", "45s", "UNRELATED", "x"),
        file);
    assertThat(config.get(Settings.MAX_FLOWS)).isEqualTo(700);
    assertThat(config.origin(Settings.MAX_FLOWS)).isEqualTo("flag");
    assertThat(config.get(Settings.METRIC_WINDOW)).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.origin(Settings.METRIC_WINDOW)).isEqualTo("env");
    assertThat(config.get(Settings.SPIKE_THRESHOLD)).isEqualTo(4.0);
    assertThat(config.origin(Settings.SPIKE_THRESHOLD)).isEqualTo("file");
    assertThat(config.origin(Settings.PORT)).isEqualTo("default");
  }

  @Test
  void specEnvironmentVariables_work() {
    Config config = ConfigLoader.load(Map.of(),
        Map.of("ENABLE_FLOWS", "false", "HUBBLE_ADDR", "hubble-relay.kube-system.svc.cluster.local:80"), null);
    assertThat(config.get(Settings.ENABLE_FLOWS)).isFalse();
    assertThat(config.get(Settings.HUBBLE_ADDR)).isEqualTo("hubble-relay.kube-system.svc.cluster.local:80");
  }

  @Test
  void everyProblem_isListedAtOnce() {
    assertThatThrownBy(() -> ConfigLoader.load(
        Map.of("maxFlows", "-5", "metricWindow", "soon", "port", "99999"),
        Map.of("SPIKE_THRESHOLD", "abc"),
        null))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .hasSize(4)
            .anySatisfy(p -> assertThat(p).contains("--max-flows").contains("1..10000000").contains("-5"))
            .anySatisfy(p -> assertThat(p).contains("--metric-window").contains("60s"))
            .anySatisfy(p -> assertThat(p).contains("--port").contains("99999"))
            .anySatisfy(p -> assertThat(p).contains("SPIKE_THRESHOLD").contains("abc")));
  }

  @Test
  void unknownKeysInFile_andMissingFile_areReported() throws IOException {
    Path file = dir.resolve("nv.properties");
    Files.writeString(file, "maxFlow=500\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), file))
        .hasMessageContaining("unknown key 'maxFlow'");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), dir.resolve("missing.properties")))
        .hasMessageContaining("cannot be read");
  }

  @Test
  void crossFieldRules_areChecked() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("hubbleTlsClientCertFile", "/etc/hostname"), Map.of(), null))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("flowFiles", "/no/such/file.json"), Map.of(), null))
        .hasMessageContaining("/no/such/file.json");
    assertThatThrownBy(() -> ConfigLoader.load(
        Map.of("hubbleReconnectInitial", "10s", "hubbleReconnectMax", "1s"), Map.of(), null))
        .hasMessageContaining("hubbleReconnectInitial");
  }

  @Test
  void settingNames_deriveFlagAndEnvironmentVariable() {
    assertThat(Settings.MAX_FLOWS.flag()).isEqualTo("--max-flows");
    assertThat(Settings.MAX_FLOWS.env()).isEqualTo("MAX_FLOWS");
    assertThat(Settings.HUBBLE_ADDR.flag()).isEqualTo("--hubble-addr");
    assertThat(Settings.ENABLE_FLOWS.env()).isEqualTo("ENABLE_FLOWS");
    assertThat(Settings.ALL).extracting(Setting::key).doesNotHaveDuplicates();
  }

  @Test
  void byteAmounts_acceptUnits() {
    assertThat(Config.of(Map.of(Settings.EXFIL_THRESHOLD, "5MB")).get(Settings.EXFIL_THRESHOLD)).isEqualTo(5_000_000L);
    assertThat(Config.of(Map.of(Settings.EXFIL_THRESHOLD, "1KiB")).get(Settings.EXFIL_THRESHOLD)).isEqualTo(1024L);
  }
}
