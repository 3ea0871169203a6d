package io.networkvisualizer.source;

import java.time.Instant;

/**
 * A snapshot of a flow source's state and counters, as {@code /api/status} and the logs show it.
 *
 * @param kind {@code hubble}, {@code file} or {@code simulator}
 * @param target what the source reads: an address or a file list
 * @param state what the source is doing now
 * @param detail why it is in that state, e.g. the error that caused a back-off; empty when there is nothing to say
 * @param since when it entered the state
 * @param flowsReceived flows delivered to the pipeline
 * @param malformed inputs that could not be read as flows, counted and skipped
 * @param lostEvents flows Hubble reported as lost ({@code lost_events}), summed
 * @param nodeStatusEvents {@code node_status} messages received from Relay
 * @param reconnects times the source reconnected after a failure
 * @param duplicatesSkipped flows seen again after a resume and not delivered twice
 * @param bytesMeasured whether any flow so far carried measured byte counts
 */
public record SourceStatus(
    String kind,
    String target,
    State state,
    String detail,
    Instant since,
    long flowsReceived,
    long malformed,
    long lostEvents,
    long nodeStatusEvents,
    long reconnects,
    long duplicatesSkipped,
    boolean bytesMeasured) {

  /** The life of a source. */
  public enum State {
    /** Not started yet. */
    IDLE,
    /** Opening a connection or a file. */
    CONNECTING,
    /** Receiving flows. */
    STREAMING,
    /** Waiting before a reconnect after a failure; {@code detail} says what failed. */
    BACKING_OFF,
    /** A finite source (a file) has delivered everything. */
    COMPLETED,
    /** Gave up, or could not start; {@code detail} says why. */
    FAILED,
    /** Closed on request. */
    STOPPED
  }

  public SourceStatus {
    detail = detail == null ? "" : detail;
    target = target == null ? "" : target;
  }

  /** Ready to serve: connected to a live source, or done loading a file. */
  public boolean isReady() {
    return state == State.STREAMING || state == State.COMPLETED;
  }
}
