package io.networkvisualizer.source.hubble;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;

/** What one {@code GetFlowsResponse} held, as the Hubble client's worker thread needs it. */
sealed interface DecodedResponse {
  /**
   * A flow.
   *
   * @param resumeKey what recognises the flow when a resumed stream replays it: its uuid, or, without one, its bytes
   */
  record FlowMessage(Flow flow, Object resumeKey) implements DecodedResponse {}

  /** Any other response ({@code lost_events}, {@code node_status}, a newer Hubble's kinds): rare, fully parsed. */
  record Other(GetFlowsResponse response) implements DecodedResponse {}

  /**
   * Bytes that are not a valid {@code GetFlowsResponse}, or a flow the model rejects (a port above 65535, a time
   * before 1970): counted and skipped.
   */
  record Malformed(String what, Exception cause) implements DecodedResponse {}
}
