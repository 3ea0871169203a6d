package io.networkvisualizer.metrics;

/** Counters of one edge, or of several edges merged into one at a coarser level, over the metric window. */
final class WindowSums {
  long flows;
  long errors;
  long connections;
  long measuredFlows;
  long bytes;
  long packets;
  int protocolMask;
}
