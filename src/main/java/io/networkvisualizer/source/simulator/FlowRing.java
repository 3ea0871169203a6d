package io.networkvisualizer.source.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.io.IOException;

/**
 * The simulated Hubble ring buffer: the most recent events (flows, lost events, node status) numbered by a sequence
 * that only grows. One writer appends; any number of readers read by sequence number without locks and learn when
 * the writer has lapped them. Readers keep only a cursor, so a slow reader costs no memory.
 */
final class FlowRing {
  /**
   * One event of the ring; {@code flow} is null for events that are not flows (they are never filtered). A flow's
   * {@code GetFlowsResponse} is built only when asked for ({@link #response}); streams send {@link #serialized}, which
   * encodes the same bytes straight from the flow.
   */
  static final class Entry {
    private final long sequence;
    private final long timeNanos;
    private final Flow flow;
    private final ByteString nodeName;
    private final int node;
    private volatile GetFlowsResponse response;
    private volatile byte[] serialized;

    /** An event that is not a flow (lost events, node status). */
    Entry(long sequence, long timeNanos, GetFlowsResponse response) {
      this.sequence = sequence;
      this.timeNanos = timeNanos;
      this.response = response;
      this.flow = null;
      this.nodeName = ByteString.EMPTY;
      this.node = -1;
    }

    /** A flow, reported by the node named {@code nodeName} (numbered {@code node}, or -1). */
    Entry(long sequence, long timeNanos, Flow flow, ByteString nodeName, int node) {
      this.sequence = sequence;
      this.timeNanos = timeNanos;
      this.flow = flow;
      this.nodeName = nodeName;
      this.node = node;
    }

    long sequence() {
      return sequence;
    }

    long timeNanos() {
      return timeNanos;
    }

    /** The event as Hubble sends it: for a flow, the flow with its node name and time. */
    GetFlowsResponse response() {
      GetFlowsResponse r = response;
      if (r == null) {
        r = GetFlowsResponse.newBuilder().setFlow(flow).setNodeNameBytes(nodeName).setTime(flow.getTime()).build();
        response = r;
      }
      return r;
    }

    Flow flow() {
      return flow;
    }

    /** The number of the node that reported the flow, or -1 (not a flow, or a node the server does not know). */
    int node() {
      return node;
    }

    /**
     * The response's wire form, encoded once on first use and shared by every stream that sends it (two streams
     * racing may both encode it; the results are equal).
     */
    byte[] serialized() {
      byte[] bytes = serialized;
      if (bytes == null) {
        bytes = flow == null ? response.toByteArray() : encodeFlow(flow, nodeName);
        serialized = bytes;
      }
      return bytes;
    }

    /**
     * The bytes {@code GetFlowsResponse.toByteArray()} gives for {@code flow} with its node name and time, written
     * field by field in the order the generated code writes them (flow 1, node_name 1000, time 1001), so that no
     * response message needs building.
     */
    private static byte[] encodeFlow(Flow flow, ByteString nodeName) {
      Timestamp time = flow.getTime();
      int size = CodedOutputStream.computeMessageSize(1, flow) + CodedOutputStream.computeMessageSize(1001, time);
      if (!nodeName.isEmpty()) {
        size += CodedOutputStream.computeBytesSize(1000, nodeName);
      }
      byte[] out = new byte[size];
      CodedOutputStream c = CodedOutputStream.newInstance(out);
      try {
        c.writeMessage(1, flow);
        if (!nodeName.isEmpty()) {
          c.writeBytes(1000, nodeName);
        }
        c.writeMessage(1001, time);
        c.checkNoSpaceLeft();
      } catch (IOException e) {
        throw new IllegalStateException("a flow did not fit the size computed for it", e);
      }
      return out;
    }
  }

  /** What {@link #get} answers for a sequence number the writer has already overwritten. */
  static final Entry LAPPED = new Entry(-1, 0, GetFlowsResponse.getDefaultInstance());

  private final Entry[] slots;
  /** The node number of each slot's event (-1 when none or not a flow), apart so that evicting does not read it. */
  private final int[] nodes;
  private final int capacity;
  private volatile long written;

  FlowRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ring capacity must be >= 1 (was " + capacity + ")");
    }
    this.capacity = capacity;
    this.slots = new Entry[capacity];
    this.nodes = new int[capacity];
    java.util.Arrays.fill(nodes, -1);
  }

  int capacity() {
    return capacity;
  }

  /** Sequence number the next event will get: every event before it has been appended. */
  long written() {
    return written;
  }

  /** Oldest sequence number still held. */
  long oldest() {
    return Math.max(0, written - capacity);
  }

  /** Events held now. */
  int size() {
    return (int) Math.min(written, capacity);
  }

  /**
   * Appends an event that is not a flow (writer thread only) and returns the node number of the flow it overwrote,
   * or -1 (nothing overwritten, or not a flow).
   */
  int append(long timeNanos, GetFlowsResponse response) {
    return put(new Entry(written, timeNanos, response));
  }

  /**
   * Appends a flow reported by node {@code nodeName}, numbered {@code node} (or -1), (writer thread only) and returns
   * the node number of the flow it overwrote, or -1.
   */
  int appendFlow(long timeNanos, Flow flow, ByteString nodeName, int node) {
    return put(new Entry(written, timeNanos, flow, nodeName, node));
  }

  private int put(Entry e) {
    long seq = e.sequence();
    int slot = (int) (seq % capacity);
    int evicted = nodes[slot];
    slots[slot] = e;
    nodes[slot] = e.node();
    written = seq + 1;
    return evicted;
  }

  /** The event numbered {@code seq}; null when it is not written yet, {@link #LAPPED} when overwritten already. */
  Entry get(long seq) {
    if (seq >= written) {
      return null;
    }
    Entry e = slots[(int) (seq % capacity)];
    if (e == null || e.sequence() != seq) {
      return e != null && e.sequence() > seq ? LAPPED : (seq < oldest() ? LAPPED : null);
    }
    return e;
  }
}
