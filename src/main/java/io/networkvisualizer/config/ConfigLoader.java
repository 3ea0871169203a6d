package io.networkvisualizer.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves every setting from, in rising precedence, its default, the config file (a properties file keyed by the
 * settings' camelCase keys), the environment ({@code MAX_FLOWS}) and the command-line flags. Every problem is
 * collected and reported at once in a {@link ConfigException}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param flags values given on the command line, keyed by setting key
   * @param env the process environment (only the settings' variables are read)
   * @param configFile an optional properties file, or null
   */
  public static Config load(Map<String, String> flags, Map<String, String> env, Path configFile) {
    List<String> problems = new ArrayList<>();
    Map<String, String> fileValues = readFile(configFile, problems);
    Set<String> known = Settings.ALL.stream().map(Setting::key).collect(Collectors.toSet());
    fileValues.keySet().stream().filter(k -> !known.contains(k)).sorted()
        .forEach(k -> problems.add("config file " + configFile + ": unknown key '" + k + "'"));
    flags.keySet().stream().filter(k -> !known.contains(k)).sorted()
        .forEach(k -> problems.add("unknown setting '" + k + "'"));

    Map<Setting<?>, Object> values = new HashMap<>();
    Map<Setting<?>, String> origins = new HashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      String text = setting.defaultValue();
      String origin = "default";
      String where = "default of " + setting.key();
      if (fileValues.containsKey(setting.key())) {
        text = fileValues.get(setting.key());
        origin = "file";
        where = "config file key " + setting.key();
      }
      if (env.containsKey(setting.env())) {
        text = env.get(setting.env());
        origin = "env";
        where = "environment variable " + setting.env();
      }
      if (flags.containsKey(setting.key())) {
        text = flags.get(setting.key());
        origin = "flag";
        where = "flag " + setting.flag();
      }
      try {
        values.put(setting, setting.parse(text));
        origins.put(setting, origin);
      } catch (IllegalArgumentException e) {
        problems.add(where + " " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      checkTogether(values, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Config(values, origins);
  }

  private static Map<String, String> readFile(Path file, List<String> problems) {
    Map<String, String> out = new HashMap<>();
    if (file == null) {
      return out;
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      problems.add("config file " + file + " cannot be read: " + e.getMessage());
      return out;
    }
    props.forEach((k, v) -> out.put(k.toString().trim(), v.toString()));
    return out;
  }

  /** Rules that involve more than one setting. */
  private static void checkTogether(Map<Setting<?>, Object> v, List<String> problems) {
    String cert = (String) v.get(Settings.HUBBLE_TLS_CLIENT_CERT_FILE);
    String key = (String) v.get(Settings.HUBBLE_TLS_CLIENT_KEY_FILE);
    if (cert.isEmpty() != key.isEmpty()) {
      problems.add("hubbleTlsClientCertFile and hubbleTlsClientKeyFile go together: give both for mTLS, or neither");
    }
    for (Setting<String> fileSetting : List.of(Settings.HUBBLE_TLS_CA_CERT_FILE, Settings.HUBBLE_TLS_CLIENT_CERT_FILE,
        Settings.HUBBLE_TLS_CLIENT_KEY_FILE)) {
      String path = (String) v.get(fileSetting);
      if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
        problems.add(fileSetting.key() + " names a file that cannot be read: " + path);
      }
    }
    @SuppressWarnings("unchecked")
    List<String> files = (List<String>) v.get(Settings.FLOW_FILES);
    for (String path : files) {
      if (!Files.isReadable(Path.of(path))) {
        problems.add("flowFiles names a file that cannot be read: " + path);
      }
    }
    if (!files.isEmpty() && !((String) v.get(Settings.HUBBLE_ADDR)).isEmpty()) {
      problems.add("flowFiles and hubbleAddr are two different sources: give one of them");
    }
    if (((java.time.Duration) v.get(Settings.HUBBLE_RECONNECT_INITIAL))
        .compareTo((java.time.Duration) v.get(Settings.HUBBLE_RECONNECT_MAX)) > 0) {
      problems.add("hubbleReconnectInitial must not exceed hubbleReconnectMax");
    }
    if (((java.time.Duration) v.get(Settings.EDGE_IDLE_TIMEOUT))
        .compareTo((java.time.Duration) v.get(Settings.EDGE_EXPIRY)) > 0) {
      problems.add("edgeIdleTimeout must not exceed edgeExpiry (an edge goes inactive before it is removed)");
    }
  }
}
