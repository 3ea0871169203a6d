package io.networkvisualizer.flow;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each flow from a source to every consumer (store, metrics, anomaly engine, live hub), in order, on the
 * caller's thread. A consumer that throws is logged and counted; the flow still reaches the others, so one faulty
 * stage cannot stop ingestion.
 */
public final class FlowPipeline implements FlowConsumer {
  private static final Logger log = LoggerFactory.getLogger(FlowPipeline.class);

  private final List<FlowConsumer> consumers;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong consumerFailures = new AtomicLong();

  public FlowPipeline(List<FlowConsumer> consumers) {
    this.consumers = List.copyOf(consumers);
  }

  @Override
  public void onFlow(Flow flow) {
    accepted.incrementAndGet();
    for (FlowConsumer consumer : consumers) {
      try {
        consumer.onFlow(flow);
      } catch (RuntimeException e) {
        if (consumerFailures.getAndIncrement() % 10_000 == 0) {
          log.warn("flow consumer {} failed; the flow still went to the other stages", consumer.getClass().getSimpleName(), e);
        }
      }
    }
  }

  /** Flows handed to the consumers. */
  public long accepted() {
    return accepted.get();
  }

  /** Times a consumer threw. */
  public long consumerFailures() {
    return consumerFailures.get();
  }
}
