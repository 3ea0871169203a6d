import type {
  Anomaly,
  DeltaMessage,
  Flow,
  FlowData,
  GraphEdge,
  GraphNode,
  Level,
  SnapshotMessage,
} from '../api/types';

/** Builders of wire values for tests: every field has a plain default, tests override what they are about. */

export function node(id: string, over: Partial<GraphNode> = {}): GraphNode {
  const parts = id.split('/');
  const kind = (parts[0] ?? 'unknown') as GraphNode['kind'];
  const namespaced = kind === 'pod' || kind === 'workload' || kind === 'namespace';
  return {
    id,
    kind,
    label: parts[parts.length - 1] ?? id,
    namespace: namespaced ? (parts[1] ?? null) : null,
    labels: {},
    workload_kind: null,
    cluster: null,
    node_names: [],
    is_active: true,
    last_seen: '2024-01-02T15:04:05Z',
    ...over,
  };
}

export function flowData(over: Partial<FlowData> = {}): FlowData {
  return {
    bytes_per_sec: 1024,
    packets_per_sec: 2,
    flows_per_sec: 1,
    bytes_measured: true,
    connection_count: 3,
    error_rate: 0,
    protocol: 'TCP',
    protocols: ['TCP'],
    last_seen: '2024-01-02T15:04:05Z',
    is_active: true,
    direction: 'egress',
    drop_reasons: {},
    l7: { http_paths: [], http_codes: {}, dns_names: [] },
    ...over,
  };
}

export function edge(
  source: string,
  target: string,
  over: Partial<FlowData> = {},
  health: GraphEdge['health'] = 'healthy',
): GraphEdge {
  return {
    id: `${source}->${target}`,
    source,
    target,
    type: 'connection',
    health,
    flow_data: flowData(over),
  };
}

export function snapshot(
  seq: number,
  nodes: GraphNode[],
  edges: GraphEdge[],
  over: { level?: Level; bytes_measured?: boolean; anomalies?: Anomaly[] } = {},
): SnapshotMessage {
  return {
    type: 'snapshot',
    seq,
    graph: {
      level: over.level ?? 'workload',
      generated_at: '2024-01-02T15:04:05Z',
      window_seconds: 60,
      bytes_measured: over.bytes_measured ?? true,
      nodes,
      edges,
      stats: {},
    },
    anomalies: over.anomalies ?? [],
    status: { kind: 'simulator', target: 'sim', state: 'STREAMING', detail: '', flows_received: 1 },
  };
}

export function delta(seq: number, over: Partial<DeltaMessage> = {}): DeltaMessage {
  return {
    type: 'delta',
    seq,
    generated_at: '2024-01-02T15:04:06Z',
    nodes_added: [],
    nodes_updated: [],
    nodes_removed: [],
    edges_added: [],
    edges_updated: [],
    edges_removed: [],
    anomalies_new: [],
    anomalies_updated: [],
    anomalies_resolved: [],
    status: null,
    ...over,
  };
}

export function anomaly(id: string, over: Partial<Anomaly> = {}): Anomaly {
  return {
    id,
    type: 'traffic_spike',
    severity: 'high',
    title: 'Traffic spike',
    description: '',
    source_pod: null,
    dest_pod: null,
    evidence: { current_value: 10, baseline_value: 2, threshold: 6, details: {} },
    detected_at: '2024-01-02T15:04:05Z',
    score: 0.5,
    status: 'active',
    last_seen: '2024-01-02T15:04:05Z',
    resolved_at: null,
    peak_value: 10,
    source_node: null,
    dest_node: null,
    ...over,
  };
}

export function flow(id: string, over: Partial<Flow> = {}): Flow {
  return {
    id,
    source_pod: 'shop/frontend-1',
    source_ip: '10.0.0.1',
    source_port: 40000,
    dest_pod: 'shop/cart-1',
    dest_ip: '10.0.0.2',
    dest_port: 8080,
    protocol: 'TCP',
    flow_type: 'l3_l4',
    bytes_sent: null,
    packets_sent: null,
    direction: 'egress',
    verdict: 'FORWARDED',
    timestamp: '2024-01-02T15:04:05.123Z',
    bytes_measured: false,
    l4_protocol: 'TCP',
    source_namespace: 'shop',
    source_pod_name: 'frontend-1',
    source_workload: 'frontend',
    source_names: [],
    dest_namespace: 'shop',
    dest_pod_name: 'cart-1',
    dest_workload: 'cart',
    dest_names: [],
    drop_reason: null,
    denied_by: null,
    is_reply: false,
    node_name: null,
    l7_summary: null,
    ...over,
  };
}
