package io.networkvisualizer.flow;

/**
 * A stage that receives every flow the pipeline accepts. Called on the pipeline's single ingest thread, in arrival
 * order; an implementation must be quick and must not call back into a source.
 */
@FunctionalInterface
public interface FlowConsumer {
  void onFlow(Flow flow);
}
