package io.networkvisualizer.flow;

/** Normalisation of strings that arrive from the wire: never null, never unboundedly long. */
public final class Strings {
  /** Longest string kept from a flow; longer ones (a hostile URL, say) are cut and marked. */
  public static final int MAX_LENGTH = 1024;

  private Strings() {}

  public static String orEmpty(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "..." : s;
  }
}
