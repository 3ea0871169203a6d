package io.networkvisualizer.flow;

import java.util.StringJoiner;

/** TCP flags of a flow as a bit set, so a flow carries one int instead of nine booleans. */
public final class TcpFlags {
  public static final int FIN = 1;
  public static final int SYN = 1 << 1;
  public static final int RST = 1 << 2;
  public static final int PSH = 1 << 3;
  public static final int ACK = 1 << 4;
  public static final int URG = 1 << 5;
  public static final int ECE = 1 << 6;
  public static final int CWR = 1 << 7;
  public static final int NS = 1 << 8;

  private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};

  private TcpFlags() {}

  public static boolean has(int flags, int flag) {
    return (flags & flag) != 0;
  }

  /** A connection start: SYN without ACK. */
  public static boolean isConnectionStart(int flags) {
    return has(flags, SYN) && !has(flags, ACK);
  }

  /** The bit for a Hubble flag name such as {@code "SYN"}, or 0 if there is none. */
  public static int ofName(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return 1 << i;
      }
    }
    return 0;
  }

  /** Flags as Hubble prints them, e.g. {@code "SYN,ACK"}; empty when none is set. */
  public static String format(int flags) {
    StringJoiner joined = new StringJoiner(",");
    for (int i = 0; i < NAMES.length; i++) {
      if ((flags & (1 << i)) != 0) {
        joined.add(NAMES[i]);
      }
    }
    return joined.toString();
  }
}
