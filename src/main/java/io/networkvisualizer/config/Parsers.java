package io.networkvisualizer.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for setting values; each error message says what is allowed. */
final class Parsers {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?");

  private Parsers() {}

  static Function<String, Integer> intIn(int min, int max) {
    return text -> {
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a whole number " + min + ".." + max + " (was '" + text + "')");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be " + min + ".." + max + " (was " + value + ")");
      }
      return value;
    };
  }

  static Function<String, Double> doubleIn(double min, double max) {
    return text -> {
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a number " + min + ".." + max + " (was '" + text + "')");
      }
      if (!(value >= min && value <= max)) {
        throw new IllegalArgumentException("must be " + min + ".." + max + " (was " + text + ")");
      }
      return value;
    };
  }

  static Function<String, Boolean> bool() {
    return text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException("must be true or false (was '" + text + "')");
    };
  }

  /** One of a few words, case-insensitive; the value is the word in lower case. */
  static Function<String, String> oneOf(String... allowed) {
    List<String> words = List.of(allowed);
    return text -> {
      String word = text.toLowerCase(Locale.ROOT);
      if (!words.contains(word)) {
        throw new IllegalArgumentException("must be one of " + String.join(", ", words) + " (was '" + text + "')");
      }
      return word;
    };
  }

  static Function<String, String> string() {
    return text -> text;
  }

  static Function<String, List<String>> list() {
    return text -> text.isEmpty()
        ? List.of()
        : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Durations such as {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, between {@code min} and {@code max}. */
  static Function<String, Duration> durationIn(Duration min, Duration max) {
    return text -> {
      Matcher m = DURATION.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("must be a duration such as 500ms, 60s, 5m or 1h (was '" + text + "')");
      }
      double amount = Double.parseDouble(m.group(1));
      long millis = (long) (amount * switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        default -> 3_600_000;
      });
      Duration d = Duration.ofMillis(millis);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException("must be between " + format(min) + " and " + format(max) + " (was " + text + ")");
      }
      return d;
    };
  }

  /** Byte amounts such as {@code 10MiB}, {@code 500KB} or plain {@code 1024}, as a count of bytes. */
  static Function<String, Long> bytesIn(long min, long max) {
    return text -> {
      Matcher m = SIZE.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("must be a byte amount such as 1048576, 500KB or 10MiB (was '" + text + "')");
      }
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "B" : m.group(2);
      long factor = switch (unit) {
        case "KB" -> 1_000L;
        case "MB" -> 1_000_000L;
        case "GB" -> 1_000_000_000L;
        case "KiB" -> 1L << 10;
        case "MiB" -> 1L << 20;
        case "GiB" -> 1L << 30;
        default -> 1L;
      };
      long value = (long) (amount * factor);
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be " + min + ".." + max + " bytes (was " + text + ")");
      }
      return value;
    };
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }
}
