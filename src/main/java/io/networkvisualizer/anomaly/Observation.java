package io.networkvisualizer.anomaly;

import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.Protocol;

/**
 * One counted flow as the detectors see it: who is client and server (by connection, not by packet), their
 * workload-level source state and edge, and its protocol. One instance, refilled for every flow on the ingest thread.
 */
final class Observation {
  Flow flow;
  long timeNanos;
  /** The open interval's index. */
  long tick;
  /** The flow travels from server to client. */
  boolean reply;
  Peer client;
  Peer server;
  WorkloadState source;
  EdgeState edge;
  Protocol protocol;
  boolean failed;

  /** The peer that sent this packet: the client, or the server on a reply. */
  Peer sender() {
    return reply ? server : client;
  }

  /** The peer this packet went to. */
  Peer receiver() {
    return reply ? client : server;
  }

  /** The server's port: the destination port, or the source port on a reply. */
  int serverPort() {
    return reply ? flow.sourcePort() : flow.destinationPort();
  }
}
