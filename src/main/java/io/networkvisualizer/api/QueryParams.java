package io.networkvisualizer.api;

import io.javalin.http.Context;

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
}
