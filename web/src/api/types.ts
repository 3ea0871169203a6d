/** The backend's wire contract (/api/graph, /api/flows, /api/flows/anomalies, /api/status, /ws/graph, /ws/flows). */

export type Level = 'pod' | 'workload' | 'namespace';
export const LEVELS: readonly Level[] = ['pod', 'workload', 'namespace'];

export type NodeKind =
  'pod' | 'workload' | 'namespace' | 'world' | 'host' | 'remote-node' | 'kube-apiserver' | 'unknown';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  namespace: string | null;
  labels: Record<string, string>;
  workload_kind: string | null;
  cluster: string | null;
  node_names: string[];
  is_active: boolean;
  last_seen: string | null;
}

export type Health = 'healthy' | 'warning' | 'critical';
export type Direction = 'egress' | 'ingress' | 'bidirectional';

export interface Counted {
  name: string;
  count: number;
}

export interface L7Summary {
  http_paths: { path: string; count: number }[];
  http_codes: Record<string, number>;
  dns_names: Counted[];
}

export interface FlowData {
  bytes_per_sec: number;
  packets_per_sec: number;
  flows_per_sec: number;
  /** Whether this edge's byte figures were measured; null when the server did not say (the graph's flag rules). */
  bytes_measured: boolean | null;
  connection_count: number;
  error_rate: number;
  protocol: string;
  protocols: string[];
  last_seen: string | null;
  is_active: boolean;
  direction: Direction | string;
  drop_reasons: Record<string, number>;
  l7: L7Summary;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  health: Health;
  flow_data: FlowData;
}

export interface Graph {
  level: Level;
  generated_at: string | null;
  window_seconds: number;
  bytes_measured: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
  stats: Record<string, unknown>;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface Evidence {
  current_value: number | null;
  baseline_value: number | null;
  threshold: number | null;
  details: Record<string, string>;
}

export interface Anomaly {
  id: string;
  type: string;
  severity: Severity;
  title: string;
  description: string;
  source_pod: string | null;
  dest_pod: string | null;
  evidence: Evidence;
  detected_at: string | null;
  score: number | null;
  status: 'active' | 'resolved';
  last_seen: string | null;
  resolved_at: string | null;
  peak_value: number | null;
  source_node: string | null;
  dest_node: string | null;
}

export type SourceState =
  'CONNECTING' | 'STREAMING' | 'BACKING_OFF' | 'COMPLETED' | 'FAILED' | 'STOPPED' | 'IDLE' | string;

export interface SourceStatus {
  kind: string;
  target: string;
  state: SourceState;
  detail: string;
  flows_received: number | null;
}

export interface Status {
  version: string;
  uptime_seconds: number | null;
  source: SourceStatus | null;
}

export interface Flow {
  id: string;
  source_pod: string;
  source_ip: string;
  source_port: number | null;
  dest_pod: string;
  dest_ip: string;
  dest_port: number | null;
  protocol: string;
  flow_type: string;
  bytes_sent: number | null;
  packets_sent: number | null;
  direction: string;
  verdict: string;
  timestamp: string | null;
  bytes_measured: boolean;
  l4_protocol: string;
  source_namespace: string | null;
  source_pod_name: string | null;
  source_workload: string | null;
  source_names: string[];
  dest_namespace: string | null;
  dest_pod_name: string | null;
  dest_workload: string | null;
  dest_names: string[];
  drop_reason: string | null;
  denied_by: string | null;
  is_reply: boolean | null;
  node_name: string | null;
  l7_summary: string | null;
}

export interface SnapshotMessage {
  type: 'snapshot';
  seq: number;
  graph: Graph;
  anomalies: Anomaly[];
  status: SourceStatus | null;
}

export interface DeltaMessage {
  type: 'delta';
  seq: number;
  generated_at: string | null;
  nodes_added: GraphNode[];
  nodes_updated: GraphNode[];
  nodes_removed: string[];
  edges_added: GraphEdge[];
  edges_updated: GraphEdge[];
  edges_removed: string[];
  anomalies_new: Anomaly[];
  anomalies_updated: Anomaly[];
  anomalies_resolved: Anomaly[];
  status: SourceStatus | null;
}

export interface LostMessage {
  type: 'lost';
  count: number;
}

export type GraphMessage = SnapshotMessage | DeltaMessage | LostMessage;

export type FlowMessage = { type: 'flow'; flow: Flow } | LostMessage;

/** What the graph stream subscribes to (query string of /ws/graph and /api/graph). */
export interface GraphQuery {
  level: Level;
  namespaces: readonly string[];
  label: string;
  includeInactive: boolean;
}

/** What the flow stream subscribes to (query string of /ws/flows and /api/flows). */
export interface FlowQuery {
  namespace: string;
  pod: string;
  verdict: string;
  protocol: string;
}
