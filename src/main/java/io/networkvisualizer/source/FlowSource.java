package io.networkvisualizer.source;

import io.networkvisualizer.flow.FlowConsumer;

/**
 * Where flows come from: Hubble Relay over gRPC, the embedded simulator (through the same gRPC client), or Hubble
 * flow log files. Every implementation delivers flows to one consumer from one thread of its own, in the order it
 * received them, and reports what it is doing through {@link #status()}.
 */
public interface FlowSource extends AutoCloseable {

  /** Starts delivering flows to {@code sink} in the background; returns at once. */
  void start(FlowConsumer sink);

  /** What the source is doing now and what it has counted so far. */
  SourceStatus status();

  /** Stops delivering and releases connections and threads; safe to call more than once. */
  @Override
  void close();
}
