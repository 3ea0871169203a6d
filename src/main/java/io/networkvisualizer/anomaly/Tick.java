package io.networkvisualizer.anomaly;

/**
 * The end of one 5 s interval of event time, when detectors compare rates and report what they find.
 *
 * @param index the closed interval's index ({@code start = index * 5 s})
 * @param endNanos the interval's end: the time findings are reported at
 * @param silent no flow at all was counted in the interval (the source, not an edge, went quiet)
 * @param windowSilent some interval of the detection window was silent: drops cannot be judged
 */
record Tick(long index, long endNanos, boolean silent, boolean windowSilent, Baselines baselines) {}
