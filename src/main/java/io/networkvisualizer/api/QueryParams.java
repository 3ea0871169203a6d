package io.networkvisualizer.api;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/** Reads and checks query parameters; a bad value throws {@link IllegalArgumentException} that becomes a 400. */
final class QueryParams {
  private QueryParams() {}

  static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number " + min + ".." + max + " (was '" + text + "')");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + " (was " + text.trim() + ")");
    }
    return (int) value;
  }

  /** An optional parameter that must be one of {@code allowed} (compared case-insensitively); null when absent. */
  static String oneOf(Context ctx, String name, Set<String> allowed) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    for (String candidate : allowed) {
      if (candidate.toLowerCase(Locale.ROOT).equals(value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + " (was '" + text + "')");
  }

  /** An optional free-text parameter, trimmed and length-checked; null when absent. */
  static String text(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > 253) {
      throw new IllegalArgumentException(name + " must be at most 253 characters (was " + text.length() + ")");
    }
    return text.trim();
  }
}
