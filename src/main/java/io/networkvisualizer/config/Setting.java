package io.networkvisualizer.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One tuning parameter: its config-file key, the flag and environment variable derived from it, its default, and
 * how its text is parsed and checked. {@code maxFlows} is {@code --max-flows} and {@code MAX_FLOWS}.
 *
 * @param key config-file key (camelCase)
 * @param defaultValue the default, as text in the same syntax a user writes
 * @param parser turns text into the value, throwing {@link IllegalArgumentException} with a message saying what is
 *     allowed
 */
public record Setting<T>(String key, String group, String description, String defaultValue, Function<String, T> parser) {

  public Setting {
    if (!key.matches("[a-z][a-zA-Z0-9]*")) {
      throw new IllegalArgumentException("setting key must be camelCase (was " + key + ")");
    }
  }

  /** The command-line flag: {@code --max-flows}. */
  public String flag() {
    return "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  /** The environment variable: {@code MAX_FLOWS}. */
  public String env() {
    return key.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
  }

  public T parse(String text) {
    return parser.apply(text.trim());
  }
}
