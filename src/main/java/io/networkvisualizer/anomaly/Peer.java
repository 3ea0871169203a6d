package io.networkvisualizer.anomaly;

import io.networkvisualizer.lru.LruList;
import io.networkvisualizer.metrics.NodeNames;

/**
 * One endpoint of the traffic as the anomaly engine knows it: a pod, or a node that is not a pod (an outside address,
 * a host, a cluster identity without pod). Holds what the per-source detectors count for it as a source (ports
 * reached, DNS queries, bytes sent outside), so that this state is bounded with the peers themselves.
 */
final class Peer extends LruList.Node<Peer> {
  final NodeNames.Name name;
  /**
   * What counts as "a destination" when this peer is reached: its workload-level node id, except that addresses
   * without a name fold into one key per kind ({@code world}, {@code ip}) and hosts into {@code host}, so that an
   * outside service behind changing addresses, or a new node, is not a new destination each time.
   */
  final String destinationKey;
  final String key1;
  final String key2;
  /** This peer's workload as a source; replaced when that state was removed. */
  WorkloadState workload;

  PortScanDetector.Ports ports;
  DnsAnomalyDetector.Queries dns;
  DataExfiltrationDetector.Upload upload;
  /** Set when removed from its table, so that holders of a stale reference notice. */
  boolean removed;
  /** Seen answering DNS: a DNS server or forwarder, whose own upstream queries are its job, not an anomaly. */
  boolean servesDns;

  Peer(NodeNames.Name name, String key1, String key2) {
    this.name = name;
    this.key1 = key1;
    this.key2 = key2;
    this.destinationKey = destinationKey(name);
  }

  /** The pod id, or the node id when this is not a pod: what {@code source_pod} / {@code dest_pod} show. */
  String podOrNode() {
    return name.isPod() ? name.podId() : name.nodeId();
  }

  /** A readable name: {@code ns/pod}, {@code ns/workload}, an outside name or address. */
  String label() {
    return name.label();
  }

  private static String destinationKey(NodeNames.Name name) {
    String id = name.nodeId();
    if (name.kind().equals("world")) {
      String key = id.substring("world/".length());
      return isAddress(key) ? "world" : id;
    }
    if (name.kind().equals("ip")) {
      return "ip";
    }
    if (name.kind().equals("host")) {
      return "host";
    }
    return id;
  }

  /** An IPv4 or IPv6 literal (digits and dots, or anything with a colon), as opposed to a DNS name. */
  static boolean isAddress(String key) {
    if (key.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return !key.isEmpty();
  }
}
