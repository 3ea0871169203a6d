package io.networkvisualizer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/CONFIGURATION.md}, the reference of every setting, from {@link Settings#ALL}: the document is
 * generated, never edited by hand, and a test fails when it no longer matches the settings.
 *
 * <p>Regenerate with {@value #COMMAND}.
 */
public final class ConfigReference {
  /** The command that rewrites the reference, as the check's failure message prints it. */
  public static final String COMMAND =
      "./mvnw -q -o compile && java -cp target/classes io.networkvisualizer.config.ConfigReference docs/CONFIGURATION.md";

  private static final Map<String, String> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("server", "HTTP server and what it serves");
    GROUPS.put("source", "Where flows come from: Hubble Relay (plain, TLS, mTLS) or flow log files");
    GROUPS.put("store", "Recent flows kept in memory");
    GROUPS.put("metrics", "Edge metrics and the graph");
    GROUPS.put("anomaly", "Anomaly detection: baselines and thresholds");
    GROUPS.put("live", "WebSocket streams");
    GROUPS.put("simulator", "The embedded simulated cluster (used when no Hubble address and no files are given)");
    GROUPS.put("telemetry", "Prometheus export and logs");
  }

  private ConfigReference() {}

  /** Writes the reference to the file named by the first argument (default {@code docs/CONFIGURATION.md}). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "docs/CONFIGURATION.md");
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, markdown(), StandardCharsets.UTF_8);
  }

  /** The reference, in Markdown. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("<!-- Generated from Settings.ALL by io.networkvisualizer.config.ConfigReference; do not edit.\n")
        .append("     Regenerate: ").append(COMMAND).append(" -->\n\n")
        .append("Every setting can be given three ways, and the later one wins: a **config file** (`--config FILE`, a ")
        .append("Java properties file keyed by the setting's key), an **environment variable**, and a **command-line ")
        .append("flag**. `maxFlows` is `--max-flows=5000`, `MAX_FLOWS=5000` and `maxFlows=5000`. ")
        .append("Every value is checked at start-up, and every problem is reported at once.\n\n")
        .append("Value syntax: durations as `500ms`, `60s`, `5m`, `1h`; sizes as `10KiB`, `10MiB`, `1GB` ")
        .append("(`KiB`/`MiB`/`GiB` are powers of 1024, `KB`/`MB`/`GB` of 1000, a bare number is bytes); booleans as ")
        .append("`true`/`false` (also `yes`/`no`, `1`/`0`, `on`/`off`); lists comma-separated.\n\n");
    Map<String, List<Setting<?>>> byGroup = Settings.ALL.stream()
        .collect(Collectors.groupingBy(Setting::group, LinkedHashMap::new, Collectors.toList()));
    md.append("| group | settings |\n|---|---|\n");
    byGroup.forEach((group, settings) -> md.append("| [").append(group).append("](#").append(group).append(") | ")
        .append(settings.size()).append(" |\n"));
    md.append('\n');
    byGroup.forEach((group, settings) -> {
      md.append("## ").append(group).append("\n\n");
      String about = GROUPS.get(group);
      if (about != null) {
        md.append(about).append(".\n\n");
      }
      md.append("| key | flag | environment variable | default | description |\n");
      md.append("|---|---|---|---|---|\n");
      for (Setting<?> s : settings) {
        md.append("| `").append(s.key()).append("` | `").append(s.flag()).append("` | `").append(s.env())
            .append("` | ").append(s.defaultValue().isEmpty() ? "*(empty)*" : "`" + s.defaultValue() + "`")
            .append(" | ").append(cell(s.description())).append(" |\n");
      }
      md.append('\n');
    });
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
