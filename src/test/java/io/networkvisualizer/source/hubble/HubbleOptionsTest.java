package io.networkvisualizer.source.hubble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.source.hubble.proto.flow.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubbleOptionsTest {

  @Test
  void from_readsEveryHubbleSetting(@TempDir Path dir) throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "");
    Path cert = Files.writeString(dir.resolve("tls.crt"), "");
    Path key = Files.writeString(dir.resolve("tls.key"), "");
    Config config = Config.of(Map.of(
        Settings.HUBBLE_ADDR, "tls://hubble-relay.kube-system:443",
        Settings.HUBBLE_TLS_CA_CERT_FILE, ca.toString(),
        Settings.HUBBLE_TLS_CLIENT_CERT_FILE, cert.toString(),
        Settings.HUBBLE_TLS_CLIENT_KEY_FILE, key.toString(),
        Settings.HUBBLE_TLS_SERVER_NAME, "relay.hubble.example",
        Settings.HUBBLE_WHITELIST, "[{\"source_pod\":[\"shop/\"]},{\"verdict\":[\"DROPPED\"]}]",
        Settings.HUBBLE_BLACKLIST, "{\"destination_port\":[\"53\"]}",
        Settings.HUBBLE_RECONNECT_INITIAL, "250ms",
        Settings.HUBBLE_RECONNECT_MAX, "10s"));

    HubbleOptions options = HubbleOptions.from(config);

    assertThat(options.address()).isEqualTo("hubble-relay.kube-system:443");
    assertThat(options.tls()).isTrue();
    assertThat(options.target()).isEqualTo("tls://hubble-relay.kube-system:443");
    assertThat(options.caCertFile()).isEqualTo(ca);
    assertThat(options.clientCertFile()).isEqualTo(cert);
    assertThat(options.clientKeyFile()).isEqualTo(key);
    assertThat(options.serverName()).isEqualTo("relay.hubble.example");
    assertThat(options.whitelist()).hasSize(2);
    assertThat(options.whitelist().get(0).getSourcePodList()).containsExactly("shop/");
    assertThat(options.whitelist().get(1).getVerdictList()).containsExactly(Verdict.DROPPED);
    assertThat(options.blacklist().get(0).getDestinationPortList()).containsExactly("53");
    assertThat(options.reconnectInitial()).isEqualTo(Duration.ofMillis(250));
    assertThat(options.reconnectMax()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void plainAddress_isPlaintextWithoutFilters() {
    HubbleOptions options = HubbleOptions.from(Config.of(Map.of(Settings.HUBBLE_ADDR, "localhost:4245")));

    assertThat(options.tls()).isFalse();
    assertThat(options.target()).isEqualTo("localhost:4245");
    assertThat(options.whitelist()).isEmpty();
    assertThat(options.blacklist()).isEmpty();
    assertThat(options.caCertFile()).isNull();
  }

  @Test
  void hubbleTlsSetting_turnsTlsOnForAPlainAddress() {
    HubbleOptions options = HubbleOptions.from(Config.of(Map.of(
        Settings.HUBBLE_ADDR, "[::1]:4245", Settings.HUBBLE_TLS, "true")));

    assertThat(options.tls()).isTrue();
    assertThat(options.target()).isEqualTo("tls://[::1]:4245");
  }

  @Test
  void invalidFilter_isAClearError() {
    assertThatThrownBy(() -> HubbleOptions.parseFilters("hubbleWhitelist", "[{\"sorce_pod\":[\"shop/\"]}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hubbleWhitelist[0] is not a valid Hubble FlowFilter")
        .hasMessageContaining("sorce_pod");
    assertThatThrownBy(() -> HubbleOptions.parseFilters("hubbleBlacklist", "[{\"verdict\":[\"MAYBE\"]}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hubbleBlacklist[0]");
    assertThatThrownBy(() -> HubbleOptions.parseFilters("hubbleWhitelist", "not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hubbleWhitelist must be a JSON list of Hubble FlowFilter objects");
    assertThatThrownBy(() -> HubbleOptions.parseFilters("hubbleWhitelist", "[\"shop/\"]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hubbleWhitelist[0] must be a FlowFilter object");
  }

  @Test
  void invalidFilterInConfig_failsFrom() {
    Config config = Config.of(Map.of(Settings.HUBBLE_ADDR, "localhost:4245", Settings.HUBBLE_BLACKLIST, "[{]"));

    assertThatThrownBy(() -> HubbleOptions.from(config))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hubbleBlacklist");
  }

  @Test
  void invalidValues_areRejectedWithTheValue() {
    assertThatThrownBy(() -> HubbleOptions.plaintext("localhost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'");
    assertThatThrownBy(() -> HubbleOptions.plaintext("localhost:99999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..65535");
    assertThatThrownBy(() -> HubbleOptions.plaintext(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> options("localhost:4245", false, Path.of("ca.crt"), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS is off");
    assertThatThrownBy(() -> options("tls://localhost:4245", false, null, Path.of("tls.crt"), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("together");
    assertThatThrownBy(() -> new HubbleOptions("localhost:4245", false, null, null, null, null, List.of(), List.of(),
        Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hubbleReconnectMax");
  }

  private static HubbleOptions options(String address, boolean tls, Path ca, Path cert, Path key) {
    return new HubbleOptions(address, tls, ca, cert, key, null, List.of(), List.of(),
        Duration.ofMillis(500), Duration.ofSeconds(30));
  }
}
