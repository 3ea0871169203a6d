package io.networkvisualizer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private final StringWriter out = new StringWriter();

  private Arguments.Invocation parse(String... args) {
    return Arguments.parse(args, Map.of(), new PrintWriter(out));
  }

  @Test
  void noArguments_serves() {
    Arguments.Invocation inv = parse();
    assertThat(inv.command()).isEqualTo(Arguments.Command.SERVE);
    assertThat(inv.config().get(Settings.PORT)).isEqualTo(8080);
  }

  @Test
  void specFlags_work() {
    Arguments.Invocation inv = parse("--enable-flows=true", "--hubble-addr=hubble-relay.kube-system.svc.cluster.local:80");
    assertThat(inv.config().get(Settings.ENABLE_FLOWS)).isTrue();
    assertThat(inv.config().get(Settings.HUBBLE_ADDR)).isEqualTo("hubble-relay.kube-system.svc.cluster.local:80");
  }

  @Test
  void booleanFlag_withoutValue_meansTrue() {
    assertThat(parse("--hubble-tls").config().get(Settings.HUBBLE_TLS)).isTrue();
  }

  @Test
  void simulate_acceptsShortAliases() {
    Arguments.Invocation inv = parse("simulate", "--listen", "127.0.0.1:4245", "--rate", "1000", "--seed", "7");
    assertThat(inv.command()).isEqualTo(Arguments.Command.SIMULATE);
    assertThat(inv.config().get(Settings.SIM_LISTEN)).isEqualTo("127.0.0.1:4245");
    assertThat(inv.config().get(Settings.SIM_RATE)).isEqualTo(1000.0);
    assertThat(inv.config().get(Settings.SIM_SEED)).isEqualTo(7L);
  }

  @Test
  void analyze_takesFilesAndEdgesSwitch() {
    Arguments.Invocation inv = parse("analyze", "--edges", "a.json", "b.json.gz");
    assertThat(inv.command()).isEqualTo(Arguments.Command.ANALYZE);
    assertThat(inv.files()).containsExactly(Path.of("a.json"), Path.of("b.json.gz"));
    assertThat(inv.withEdges()).isTrue();
  }

  @Test
  void unknownFlag_isAClearError() {
    assertThatThrownBy(() -> parse("--max-flowz=3")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--max-flowz");
  }

  @Test
  void badValues_areAllListed() {
    assertThatThrownBy(() -> parse("--max-flows=0", "--port=-1"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
  }

  @Test
  void help_listsEverySetting() {
    assertThatThrownBy(() -> parse("--help")).isInstanceOf(Arguments.HelpShown.class);
    for (Setting<?> setting : Settings.ALL) {
      assertThat(out.toString()).contains(setting.flag());
    }
  }
}
