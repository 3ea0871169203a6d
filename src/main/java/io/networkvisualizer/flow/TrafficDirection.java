package io.networkvisualizer.flow;

/** Hubble's traffic direction as seen from the endpoint where the flow was observed. */
public enum TrafficDirection {
  UNKNOWN,
  INGRESS,
  EGRESS;

  public static TrafficDirection ofNumber(int number) {
    return switch (number) {
      case 1 -> INGRESS;
      case 2 -> EGRESS;
      default -> UNKNOWN;
    };
  }
}
