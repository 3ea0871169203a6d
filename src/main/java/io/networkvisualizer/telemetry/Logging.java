package io.networkvisualizer.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Setting;
import io.networkvisualizer.config.Settings;
import java.net.URL;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log layout and level: {@code logFormat} {@code text} (the default, {@code logback.xml}: one readable
 * line per event) or {@code json} ({@code logback-json.xml}: one JSON object per line, for log collectors), and
 * {@code logLevel} for the product's own loggers. A {@code -Dlogback.configurationFile} given by the user wins over
 * both. Logs carry no secrets (TLS files are named, never read out) and no flow payloads at {@code info}.
 */
public final class Logging {
  static final String PRODUCT_LOGGER = "io.networkvisualizer";
  private static String applied = "text/info";

  private Logging() {}

  /**
   * Applies {@code --log-format}/{@code --log-level} from {@code args}, else {@code LOG_FORMAT}/{@code LOG_LEVEL}
   * from {@code env}, before anything else logs. An invalid value is left for the configuration check to report
   * (with every other problem) and the default applies meanwhile.
   */
  public static void configureEarly(String[] args, Map<String, String> env) {
    configure(early(Settings.LOG_FORMAT, args, env), early(Settings.LOG_LEVEL, args, env));
  }

  /** Applies the resolved configuration (its config file included); does nothing when that is already in force. */
  public static void configure(Config config) {
    configure(config.get(Settings.LOG_FORMAT), config.get(Settings.LOG_LEVEL));
  }

  /**
   * @param format {@code text} or {@code json}
   * @param level {@code error}, {@code warn}, {@code info} or {@code debug}
   */
  public static synchronized void configure(String format, String level) {
    String fmt = Settings.LOG_FORMAT.parse(format);
    String lvl = Settings.LOG_LEVEL.parse(level);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context) || System.getProperty("logback.configurationFile") != null) {
      return;
    }
    if (!(fmt + "/" + lvl).equals(applied)) {
      URL resource = Logging.class.getResource(fmt.equals("json") ? "/logback-json.xml" : "/logback.xml");
      context.reset();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      try {
        configurator.doConfigure(resource);
      } catch (JoranException e) {
        throw new IllegalStateException("the packaged logging configuration " + resource + " is invalid", e);
      }
      context.getLogger(PRODUCT_LOGGER).setLevel(Level.toLevel(lvl, Level.INFO));
      applied = fmt + "/" + lvl;
    }
  }

  private static String early(Setting<String> setting, String[] args, Map<String, String> env) {
    String text = env.getOrDefault(setting.env(), setting.defaultValue());
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith(setting.flag() + "=")) {
        text = args[i].substring(setting.flag().length() + 1);
      } else if (args[i].equals(setting.flag()) && i + 1 < args.length) {
        text = args[i + 1];
      }
    }
    try {
      return setting.parse(text);
    } catch (IllegalArgumentException e) {
      return setting.defaultValue();
    }
  }
}
