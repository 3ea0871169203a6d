package io.networkvisualizer.anomaly;

import java.util.List;

/**
 * One kind of anomaly: cheap counting per flow ({@link #observe}) and judging at each tick of event time
 * ({@link #evaluate}). Implementations are assembled in one list by {@link Detectors}; each reports what it is doing
 * ({@link #status}) so that a detector that cannot work says so rather than silently never firing.
 */
interface Detector {
  AnomalyType type();

  /** Counts one flow; called on the ingest thread for every counted flow, so it must be cheap. */
  default void observe(Observation o) {}

  /** Adds a finding to {@code out} for every condition that holds at the end of {@code tick}. */
  void evaluate(Tick tick, List<Finding> out);

  /** What the detector is doing, in a few words: {@code active}, {@code warming up ...}, {@code inactive: ...}. */
  String status(EngineState state);
}
