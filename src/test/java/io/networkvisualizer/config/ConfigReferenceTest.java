package io.networkvisualizer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
  private static final Path COMMITTED = Path.of("docs/CONFIGURATION.md");

  @Test
  void committedReference_matchesTheSettings() throws Exception {
    assertThat(COMMITTED).as("docs/CONFIGURATION.md is missing; generate it with: " + ConfigReference.COMMAND)
        .isRegularFile();
    String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
    assertThat(committed)
        .as("docs/CONFIGURATION.md is out of date with Settings.ALL; regenerate it with: " + ConfigReference.COMMAND)
        .isEqualTo(ConfigReference.markdown());
  }

  @Test
  void reference_listsEverySettingWithItsFlagVariableAndDefault() {
    String md = ConfigReference.markdown();
    for (Setting<?> s : Settings.ALL) {
      String row = "| `" + s.key() + "` | `" + s.flag() + "` | `" + s.env() + "` | "
          + (s.defaultValue().isEmpty() ? "*(empty)*" : "`" + s.defaultValue() + "`") + " | ";
      assertThat(md).as(s.key()).contains(row);
      assertThat(md).contains("## " + s.group() + "\n");
    }
    assertThat(md).contains("| `maxFlows` | `--max-flows` | `MAX_FLOWS` | `10000` |");
  }

  @Test
  void main_writesTheReferenceToTheGivenFile() throws Exception {
    Path out = Files.createTempDirectory("config-reference").resolve("docs/CONFIGURATION.md");
    ConfigReference.main(new String[] {out.toString()});
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(ConfigReference.markdown());
  }
}
