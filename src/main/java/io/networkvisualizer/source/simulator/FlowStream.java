package io.networkvisualizer.source.simulator;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import io.grpc.stub.ServerCallStreamObserver;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.LostEvent;
import io.networkvisualizer.source.hubble.proto.flow.LostEventSource;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsRequest;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GetFlows} call being answered: a cursor into the ring, the request's filters and bounds, and a drain
 * loop that sends only while gRPC says the client can take more ({@code isReady}), resuming from the ready handler or
 * when new flows arrive. A client that falls further behind than the ring holds skips ahead and is told how many
 * events it lost, as Hubble does; it never makes the server buffer more. Flows go out in the wire form the ring
 * keeps ({@link FlowRing.Entry#serialized}), encoded once however many clients read them.
 */
final class FlowStream implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FlowStream.class);
  private static final int BATCH = 512;
  /**
   * Bytes gRPC may hold queued for this stream before it reports not ready (its default is 32 KiB, about 40 flows):
   * at 100,000 flows/s the default hands the stream between this thread and the transport's ~2,500 times a second,
   * and on a busy machine each hand-off waits for a core while the ring fills.
   */
  private static final int ON_READY_BYTES = 1 << 20;

  private final FlowRing ring;
  private final ServerCallStreamObserver<Object> out;
  private final Predicate<Flow> filter;
  private final Executor executor;
  private final LongSupplier now;
  private final Runnable onDone;
  private final List<GetFlowsResponse> preamble;
  private final boolean follow;
  private final long maxEvents;
  private final long sinceNanos;
  private final long untilNanos;
  private final FieldMask mask;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile boolean done;
  private volatile boolean closing;
  private int preambleSent;
  private long cursor;
  private long end;
  private long sent;
  private long lost;

  FlowStream(FlowRing ring, ServerCallStreamObserver<Object> out, GetFlowsRequest request,
      Predicate<Flow> filter, Executor executor, LongSupplier now, List<GetFlowsResponse> preamble, Runnable onDone) {
    this.ring = ring;
    this.out = out;
    this.filter = filter;
    this.executor = executor;
    this.now = now;
    this.preamble = preamble;
    this.onDone = onDone;
    this.follow = request.getFollow();
    this.maxEvents = request.getFollow() ? 0 : request.getNumber();
    this.sinceNanos = request.hasSince() ? Timestamps.toNanos(request.getSince()) : Long.MIN_VALUE;
    this.untilNanos = request.hasUntil() ? Timestamps.toNanos(request.getUntil()) : Long.MAX_VALUE;
    this.mask = request.hasFieldMask() && request.getFieldMask().getPathsCount() > 0 ? request.getFieldMask() : null;
    start(request);
  }

  /** Where reading starts, as Hubble's observer decides it: {@code first}, {@code since}, or the last N matches. */
  private void start(GetFlowsRequest request) {
    long written = ring.written();
    long oldest = ring.oldest();
    end = written;
    if (request.getFirst() && !request.hasSince()) {
      cursor = oldest;
      return;
    }
    if (request.getFollow() && request.getNumber() == 0 && !request.hasSince()) {
      cursor = written;
      return;
    }
    long start = oldest;
    long count = 0;
    for (long s = written - 1; s >= oldest; s--) {
      FlowRing.Entry e = ring.get(s);
      if (e == null || e == FlowRing.LAPPED) {
        start = s + 1;
        break;
      }
      if (e.flow() == null || !filter.test(e.flow())) {
        continue;
      }
      if (request.hasSince()) {
        if (e.timeNanos() < sinceNanos) {
          start = s + 1;
          break;
        }
      } else if (++count == request.getNumber()) {
        start = s;
        break;
      }
    }
    cursor = start;
  }

  /** Hooks the stream to gRPC's flow control and starts sending; call from the gRPC call's thread. */
  void open() {
    out.setOnReadyThreshold(ON_READY_BYTES);
    out.setOnCancelHandler(() -> {
      cancelled = true;
      finish();
    });
    out.setOnReadyHandler(this::signal);
    signal();
  }

  boolean follows() {
    return follow;
  }

  /** Asks for a drain; coalesced, so that at most one runs at a time. */
  void signal() {
    if (!done && scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this);
      } catch (RuntimeException e) {
        scheduled.set(false);
        fail(e);
      }
    }
  }

  @Override
  public void run() {
    try {
      drain();
    } catch (RuntimeException e) {
      if (!cancelled) {
        log.warn("simulated GetFlows stream failed", e);
        fail(e);
      }
    } finally {
      scheduled.set(false);
    }
    if (!done && out.isReady() && hasWork()) {
      signal();
    }
  }

  private boolean hasWork() {
    return closing || preambleSent < preamble.size() || !follow || cursor < ring.written();
  }

  private void drain() {
    int budget = BATCH;
    while (!done) {
      if (cancelled) {
        finish();
        return;
      }
      if (closing) {
        complete();
        return;
      }
      if (!out.isReady() || budget-- == 0) {
        return;
      }
      if (preambleSent < preamble.size()) {
        out.onNext(preamble.get(preambleSent++));
        continue;
      }
      if (!follow && ((maxEvents > 0 && sent >= maxEvents) || cursor >= end)) {
        complete();
        return;
      }
      if (cursor >= ring.written()) {
        return;
      }
      FlowRing.Entry e = ring.get(cursor);
      if (e == null) {
        return;
      }
      if (e == FlowRing.LAPPED) {
        // resume a quarter ring ahead of the oldest event, not at its heels, so that the client does not lose again
        // at once
        long resume = Math.max(cursor + 1, ring.oldest() + ring.capacity() / 4);
        long skipped = resume - cursor;
        cursor = resume;
        lost += skipped;
        out.onNext(lostEvents(skipped));
        continue;
      }
      cursor++;
      if (e.flow() == null) {
        out.onNext(e.response());
        continue;
      }
      if (e.timeNanos() > untilNanos) {
        complete();
        return;
      }
      if (e.timeNanos() < sinceNanos || !filter.test(e.flow())) {
        continue;
      }
      out.onNext(mask == null ? e.serialized() : masked(e.response()));
      sent++;
    }
  }

  private GetFlowsResponse lostEvents(long count) {
    long t = now.getAsLong();
    return GetFlowsResponse.newBuilder()
        .setLostEvents(LostEvent.newBuilder()
            .setSource(LostEventSource.HUBBLE_RING_BUFFER)
            .setNumEventsLost(count))
        .setTime(Timestamps.fromNanos(t))
        .build();
  }

  private GetFlowsResponse masked(GetFlowsResponse response) {
    Flow.Builder b = Flow.newBuilder();
    FieldMaskUtil.merge(mask, response.getFlow(), b);
    return response.toBuilder().setFlow(b).build();
  }

  /** Events skipped because this client fell behind the ring. */
  long lost() {
    return lost;
  }

  private void complete() {
    if (!done) {
      done = true;
      try {
        out.onCompleted();
      } finally {
        onDone.run();
      }
    }
  }

  private void fail(Throwable e) {
    if (!done) {
      done = true;
      try {
        out.onError(io.grpc.Status.INTERNAL.withDescription("simulated stream failed: " + e.getMessage())
            .asRuntimeException());
      } catch (RuntimeException ignored) {
        // the call is already closed
      } finally {
        onDone.run();
      }
    }
  }

  /** Ends the stream without a status (the call was cancelled or the server is closing). */
  void finish() {
    if (!done) {
      done = true;
      onDone.run();
    }
  }

  /** Ends the stream from the server side at its next drain, e.g. at shutdown: the client sees it complete. */
  void close() {
    closing = true;
    signal();
  }
}
