package io.networkvisualizer.source.hubble;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the flows a source delivers, and the threads it delivered them on. */
final class TestSink implements FlowConsumer {
  private final BlockingQueue<Flow> flows = new LinkedBlockingQueue<>();
  final List<Flow> received = new ArrayList<>();
  final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void onFlow(Flow flow) {
    threads.add(Thread.currentThread().getName());
    flows.add(flow);
  }

  /** Waits for {@code count} flows in all (or fails after {@code timeout}) and returns every flow received so far. */
  List<Flow> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < count) {
      Flow flow = flows.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (flow == null) {
        throw new AssertionError("received " + received.size() + " of " + count + " flows within " + timeout);
      }
      received.add(flow);
    }
    return List.copyOf(received);
  }

  /** Flows that arrived beyond those awaited so far. */
  List<Flow> extra() {
    List<Flow> more = new ArrayList<>();
    flows.drainTo(more);
    received.addAll(more);
    return more;
  }
}
