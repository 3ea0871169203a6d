package io.networkvisualizer.flow;

/**
 * Hubble's verdict on a flow, kept as its wire number so that values this build does not know (Retina sends 15 and
 * 16) survive the round trip and show up by number instead of being lost.
 */
public record Verdict(int number) {
  private static final String[] NAMES = {
    "VERDICT_UNKNOWN", "FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED"
  };
  private static final Verdict[] CACHE = new Verdict[32];

  static {
    for (int i = 0; i < CACHE.length; i++) {
      CACHE[i] = new Verdict(i);
    }
  }

  public static final Verdict UNKNOWN = of(0);
  public static final Verdict FORWARDED = of(1);
  public static final Verdict DROPPED = of(2);
  public static final Verdict ERROR = of(3);
  public static final Verdict AUDIT = of(4);
  public static final Verdict REDIRECTED = of(5);
  public static final Verdict TRACED = of(6);
  public static final Verdict TRANSLATED = of(7);

  public Verdict {
    if (number < 0) {
      throw new IllegalArgumentException("verdict number must be >= 0 (was " + number + ")");
    }
  }

  /** The shared instance for small numbers, so flows do not each carry their own. */
  public static Verdict of(int number) {
    return number >= 0 && number < CACHE.length && CACHE[number] != null ? CACHE[number] : new Verdict(number);
  }

  /** The verdict for a Hubble enum name such as {@code "DROPPED"}; unknown names map to {@link #UNKNOWN}. */
  public static Verdict ofName(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return of(i);
      }
    }
    return UNKNOWN;
  }

  /** Whether this verdict is one this build knows by name. */
  public boolean isKnown() {
    return number < NAMES.length;
  }

  /** Dropped or errored: what counts towards an edge's error rate. */
  public boolean isFailure() {
    return number == 2 || number == 3;
  }

  /** The Hubble enum name, or {@code VERDICT_<n>} for a number this build does not know. */
  public String name() {
    return isKnown() ? NAMES[number] : "VERDICT_" + number;
  }

  @Override
  public String toString() {
    return name();
  }
}
