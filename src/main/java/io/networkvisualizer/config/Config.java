package io.networkvisualizer.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved, validated configuration: a value for every {@link Settings setting}, read with its typed key
 * ({@code config.get(Settings.MAX_FLOWS)}). Built only by {@link ConfigLoader}, so a {@code Config} is always valid.
 */
public final class Config {
  private final Map<Setting<?>, Object> values;
  private final Map<Setting<?>, String> origins;

  Config(Map<Setting<?>, Object> values, Map<Setting<?>, String> origins) {
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  /** The defaults alone, for tests and tools. */
  public static Config defaults() {
    return ConfigLoader.load(Map.of(), Map.of(), null);
  }

  /** The defaults with some settings overridden by their text values, as if given as flags. */
  public static Config of(Map<Setting<?>, String> overrides) {
    Map<String, String> flags = new LinkedHashMap<>();
    overrides.forEach((setting, value) -> flags.put(setting.key(), value));
    return ConfigLoader.load(flags, Map.of(), null);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Object value = values.get(setting);
    if (value == null) {
      throw new IllegalArgumentException("unknown setting " + setting.key());
    }
    return (T) value;
  }

  /** Where a setting's value came from: {@code default}, {@code file}, {@code env} or {@code flag}. */
  public String origin(Setting<?> setting) {
    return origins.getOrDefault(setting, "default");
  }
}
