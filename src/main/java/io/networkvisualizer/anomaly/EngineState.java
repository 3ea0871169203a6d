package io.networkvisualizer.anomaly;

/**
 * What a detector may read of the engine to describe its own status.
 *
 * @param flows flows counted so far
 * @param startNanos event time of the first flow, or -1 before any
 * @param nowNanos the latest interval end
 * @param lastIntervalSilent no flow was counted in the latest closed interval
 * @param bytesMeasured some flow had measured sizes
 */
record EngineState(long flows, long startNanos, long nowNanos, boolean lastIntervalSilent, boolean bytesMeasured,
    Baselines baselines) {}
