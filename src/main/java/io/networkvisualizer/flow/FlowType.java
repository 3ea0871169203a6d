package io.networkvisualizer.flow;

/** Hubble's flow type: an L3/L4 trace event, an L7 proxy record, or a socket event. */
public enum FlowType {
  UNKNOWN,
  L3_L4,
  L7,
  SOCK;

  public static FlowType ofNumber(int number) {
    return switch (number) {
      case 1 -> L3_L4;
      case 2 -> L7;
      case 3 -> SOCK;
      default -> UNKNOWN;
    };
  }
}
