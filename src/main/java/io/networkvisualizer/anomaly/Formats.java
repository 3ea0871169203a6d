package io.networkvisualizer.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Numbers and times written the way descriptions and details show them. */
final class Formats {
  private Formats() {}

  /** A rate in the unit a user reads: {@code 3.2 flows/s} or {@code 12.4 MiB/s}. */
  static String rate(double value, boolean bytes) {
    return bytes ? bytesPerSecond(value) : String.format(Locale.ROOT, "%.1f flows/s", value);
  }

  static String bytesPerSecond(double value) {
    if (value >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB/s", value / (1024 * 1024));
    }
    if (value >= 1024) {
      return String.format(Locale.ROOT, "%.1f KiB/s", value / 1024);
    }
    return String.format(Locale.ROOT, "%.0f B/s", value);
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String multiple(double value) {
    return String.format(Locale.ROOT, "%.1fx", value);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String time(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
        .toString();
  }

  /** {@code 5m}, {@code 1m30s}, {@code 45s}. */
  static String duration(long nanos) {
    Duration d = Duration.ofNanos(Math.max(0, nanos));
    long minutes = d.toMinutes();
    long seconds = d.toSecondsPart();
    if (minutes == 0) {
      return seconds + "s";
    }
    return seconds == 0 ? minutes + "m" : minutes + "m" + seconds + "s";
  }

  /** Drops the {@code workload/} prefix for prose: {@code shop/frontend}, {@code world/api.example.com}. */
  static String node(String nodeId) {
    return nodeId.startsWith("workload/") ? nodeId.substring("workload/".length()) : nodeId;
  }
}
