package io.networkvisualizer.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Logger log = LoggerFactory.getLogger("io.networkvisualizer.telemetry.LoggingTest");

  @AfterEach
  void restoreDefaults() {
    Logging.configure("text", "info");
  }

  /** What the logging calls in {@code body} wrote to stderr. */
  private static List<String> stderrOf(Runnable body) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  @Test
  void json_writesOneJsonObjectPerEvent_exceptionIncluded() throws Exception {
    Logging.configure("json", "info");
    List<String> lines = stderrOf(() -> {
      log.info("Hubble source {}: {}", "BACKING_OFF", "UNAVAILABLE: \"relay\" refused\nsecond line");
      log.warn("a consumer failed", new IllegalStateException("boom"));
    });
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("loggerName").asText()).isEqualTo("io.networkvisualizer.telemetry.LoggingTest");
    assertThat(first.get("formattedMessage").asText())
        .isEqualTo("Hubble source BACKING_OFF: UNAVAILABLE: \"relay\" refused\nsecond line");
    assertThat(first.get("timestamp").asLong()).isPositive();
    assertThat(first.has("context")).as("no per-line logger context noise").isFalse();
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("level").asText()).isEqualTo("WARN");
    assertThat(second.get("throwable").get("className").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(second.get("throwable").get("message").asText()).isEqualTo("boom");
  }

  @Test
  void text_writesOneLinePerEvent_evenForAMessageWithLineBreaks() {
    Logging.configure("text", "info");
    List<String> lines = stderrOf(() -> log.info("first\nsecond\r\nthird"));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\S* INFO  \\[.*] .* - first second third");
  }

  @Test
  void level_appliesToTheProductsLoggers_librariesStayAtWarn() {
    Logging.configure("text", "debug");
    assertThat(log.isDebugEnabled()).isTrue();
    assertThat(context().getLogger("org.eclipse.jetty").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context().getLogger("io.grpc").getEffectiveLevel()).isEqualTo(Level.WARN);

    Logging.configure("text", "warn");
    assertThat(stderrOf(() -> log.info("not shown"))).isEmpty();
  }

  @Test
  void configureEarly_takesTheFlagOverTheEnvironment() {
    Logging.configureEarly(new String[] {"--port=0", "--log-format=json"}, Map.of("LOG_FORMAT", "text"));
    assertThat(stderrOf(() -> log.info("x")).get(0)).startsWith("{");

    Logging.configureEarly(new String[] {"--log-level", "debug"}, Map.of("LOG_FORMAT", "TEXT"));
    assertThat(stderrOf(() -> log.debug("y")).get(0)).contains("DEBUG").endsWith("- y");
  }

  @Test
  void configureEarly_leavesAnInvalidValueToTheConfigurationCheck_andUsesTheDefault() {
    Logging.configureEarly(new String[0], Map.of("LOG_FORMAT", "xml", "LOG_LEVEL", "loud"));
    assertThat(stderrOf(() -> log.info("z")).get(0)).doesNotStartWith("{").endsWith("- z");
  }

  @Test
  void configure_fromTheResolvedConfiguration() {
    Logging.configure(Config.of(Map.of(Settings.LOG_FORMAT, "json")));
    assertThat(stderrOf(() -> log.info("from config")).get(0)).contains("\"formattedMessage\":\"from config\"");
  }
}
