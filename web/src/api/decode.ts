import type {
  Anomaly,
  Direction,
  Evidence,
  Flow,
  FlowData,
  FlowMessage,
  Graph,
  GraphEdge,
  GraphMessage,
  GraphNode,
  Health,
  L7Summary,
  Level,
  NodeKind,
  Severity,
  SourceStatus,
  Status,
} from './types';

/**
 * Tolerant decoders from untrusted JSON to the wire types: missing or mistyped fields get neutral defaults, oversized
 * strings are cut, and an element without an id is dropped (null) rather than crashing the page.
 */

const MAX_STRING = 2048;
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, fallback = ''): string {
  if (typeof v === 'string') return v.length > MAX_STRING ? v.slice(0, MAX_STRING) + '…' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fallback;
}

function strOrNull(v: unknown): string | null {
  const s = str(v);
  return s === '' ? null : s;
}

function num(v: unknown, fallback = 0): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = num(v, Number.NaN);
  return Number.isNaN(n) ? null : n;
}

function bool(v: unknown, fallback = false): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function strArray(v: unknown): string[] {
  return arr(v)
    .map((x) => str(x))
    .filter((x) => x !== '');
}

function strRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[str(k)] = str(x);
  return out;
}

function numRecord(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[str(k)] = num(x);
  return out;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

const NODE_KINDS: readonly NodeKind[] = [
  'pod',
  'workload',
  'namespace',
  'world',
  'host',
  'remote-node',
  'kube-apiserver',
  'unknown',
];
const HEALTHS: readonly Health[] = ['healthy', 'warning', 'critical'];
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const LEVELS: readonly Level[] = ['pod', 'workload', 'namespace'];

export function decodeNode(v: unknown): GraphNode | null {
  if (!isObj(v)) return null;
  const id = str(v.id);
  if (id === '') return null;
  return {
    id,
    kind: oneOf(v.kind, NODE_KINDS, 'unknown'),
    label: str(v.label, id),
    namespace: strOrNull(v.namespace),
    labels: strRecord(v.labels),
    workload_kind: strOrNull(v.workload_kind),
    cluster: strOrNull(v.cluster),
    node_names: strArray(v.node_names),
    is_active: bool(v.is_active, true),
    last_seen: strOrNull(v.last_seen),
  };
}

function decodeL7(v: unknown): L7Summary {
  const o = isObj(v) ? v : {};
  return {
    http_paths: arr(o.http_paths)
      .filter(isObj)
      .map((p) => ({ path: str(p.path), count: num(p.count) })),
    http_codes: numRecord(o.http_codes),
    dns_names: arr(o.dns_names)
      .filter(isObj)
      .map((p) => ({ name: str(p.name), count: num(p.count) })),
  };
}

export function decodeFlowData(v: unknown): FlowData {
  const o = isObj(v) ? v : {};
  return {
    bytes_per_sec: Math.max(0, num(o.bytes_per_sec)),
    packets_per_sec: Math.max(0, num(o.packets_per_sec)),
    flows_per_sec: Math.max(0, num(o.flows_per_sec)),
    bytes_measured: typeof o.bytes_measured === 'boolean' ? o.bytes_measured : null,
    connection_count: Math.max(0, num(o.connection_count)),
    error_rate: Math.min(1, Math.max(0, num(o.error_rate))),
    protocol: str(o.protocol),
    protocols: strArray(o.protocols),
    last_seen: strOrNull(o.last_seen),
    is_active: bool(o.is_active, false),
    direction: str(o.direction, 'egress') as Direction,
    drop_reasons: numRecord(o.drop_reasons),
    l7: decodeL7(o.l7),
  };
}

export function decodeEdge(v: unknown): GraphEdge | null {
  if (!isObj(v)) return null;
  const id = str(v.id);
  const source = str(v.source);
  const target = str(v.target);
  if (id === '' || source === '' || target === '') return null;
  return {
    id,
    source,
    target,
    type: str(v.type, 'connection'),
    health: oneOf(v.health, HEALTHS, 'healthy'),
    flow_data: decodeFlowData(v.flow_data),
  };
}

function present<T>(x: T | null): x is T {
  return x !== null;
}

export function decodeGraph(v: unknown): Graph {
  const o = isObj(v) ? v : {};
  return {
    level: oneOf(o.level, LEVELS, 'workload'),
    generated_at: strOrNull(o.generated_at),
    window_seconds: num(o.window_seconds),
    bytes_measured: bool(o.bytes_measured, false),
    nodes: arr(o.nodes).map(decodeNode).filter(present),
    edges: arr(o.edges).map(decodeEdge).filter(present),
    stats: isObj(o.stats) ? o.stats : {},
  };
}

function decodeEvidence(v: unknown): Evidence {
  const o = isObj(v) ? v : {};
  return {
    current_value: numOrNull(o.current_value),
    baseline_value: numOrNull(o.baseline_value),
    threshold: numOrNull(o.threshold),
    details: strRecord(o.details),
  };
}

export function decodeAnomaly(v: unknown): Anomaly | null {
  if (!isObj(v)) return null;
  const id = str(v.id);
  if (id === '') return null;
  return {
    id,
    type: str(v.type, 'unknown'),
    severity: oneOf(v.severity, SEVERITIES, 'low'),
    title: str(v.title, str(v.type, 'anomaly')),
    description: str(v.description),
    source_pod: strOrNull(v.source_pod),
    dest_pod: strOrNull(v.dest_pod),
    evidence: decodeEvidence(v.evidence),
    detected_at: strOrNull(v.detected_at),
    score: numOrNull(v.score),
    status: v.status === 'resolved' ? 'resolved' : 'active',
    last_seen: strOrNull(v.last_seen),
    resolved_at: strOrNull(v.resolved_at),
    peak_value: numOrNull(v.peak_value),
    source_node: strOrNull(v.source_node),
    dest_node: strOrNull(v.dest_node),
  };
}

export function decodeAnomalies(v: unknown): Anomaly[] {
  return arr(v).map(decodeAnomaly).filter(present);
}

export function decodeSourceStatus(v: unknown): SourceStatus | null {
  if (!isObj(v)) return null;
  return {
    kind: str(v.kind),
    target: str(v.target),
    state: str(v.state, 'IDLE'),
    detail: str(v.detail),
    flows_received: numOrNull(v.flows_received),
  };
}

export function decodeStatus(v: unknown): Status {
  const o = isObj(v) ? v : {};
  return {
    version: str(o.version),
    uptime_seconds: numOrNull(o.uptime_seconds),
    source: decodeSourceStatus(o.source),
  };
}

export function decodeFlow(v: unknown): Flow | null {
  if (!isObj(v)) return null;
  const id = str(v.id);
  if (id === '') return null;
  return {
    id,
    source_pod: str(v.source_pod),
    source_ip: str(v.source_ip),
    source_port: numOrNull(v.source_port),
    dest_pod: str(v.dest_pod),
    dest_ip: str(v.dest_ip),
    dest_port: numOrNull(v.dest_port),
    protocol: str(v.protocol),
    flow_type: str(v.flow_type),
    bytes_sent: numOrNull(v.bytes_sent),
    packets_sent: numOrNull(v.packets_sent),
    direction: str(v.direction),
    verdict: str(v.verdict),
    timestamp: strOrNull(v.timestamp),
    bytes_measured: bool(v.bytes_measured, false),
    l4_protocol: str(v.l4_protocol),
    source_namespace: strOrNull(v.source_namespace),
    source_pod_name: strOrNull(v.source_pod_name),
    source_workload: strOrNull(v.source_workload),
    source_names: strArray(v.source_names),
    dest_namespace: strOrNull(v.dest_namespace),
    dest_pod_name: strOrNull(v.dest_pod_name),
    dest_workload: strOrNull(v.dest_workload),
    dest_names: strArray(v.dest_names),
    drop_reason: strOrNull(v.drop_reason),
    denied_by: strOrNull(v.denied_by),
    is_reply: typeof v.is_reply === 'boolean' ? v.is_reply : null,
    node_name: strOrNull(v.node_name),
    l7_summary: strOrNull(v.l7_summary),
  };
}

export function decodeFlows(v: unknown): Flow[] {
  return arr(v).map(decodeFlow).filter(present);
}

/** One /ws/graph message, or null when it is not one we know (ignored and counted by the caller). */
export function decodeGraphMessage(v: unknown): GraphMessage | null {
  if (!isObj(v)) return null;
  switch (v.type) {
    case 'snapshot':
      return {
        type: 'snapshot',
        seq: num(v.seq),
        graph: decodeGraph(v.graph),
        anomalies: decodeAnomalies(v.anomalies),
        status: decodeSourceStatus(v.status),
      };
    case 'delta':
      return {
        type: 'delta',
        seq: num(v.seq, Number.NaN),
        generated_at: strOrNull(v.generated_at),
        nodes_added: arr(v.nodes_added).map(decodeNode).filter(present),
        nodes_updated: arr(v.nodes_updated).map(decodeNode).filter(present),
        nodes_removed: strArray(v.nodes_removed),
        edges_added: arr(v.edges_added).map(decodeEdge).filter(present),
        edges_updated: arr(v.edges_updated).map(decodeEdge).filter(present),
        edges_removed: strArray(v.edges_removed),
        anomalies_new: decodeAnomalies(v.anomalies_new),
        anomalies_updated: decodeAnomalies(v.anomalies_updated),
        anomalies_resolved: decodeAnomalies(v.anomalies_resolved),
        status: decodeSourceStatus(v.status),
      };
    case 'lost':
      return { type: 'lost', count: num(v.count) };
    default:
      return null;
  }
}

/** One /ws/flows message: a flow, or a notice that the server dropped some. */
export function decodeFlowMessage(v: unknown): FlowMessage | null {
  if (isObj(v) && v.type === 'lost') return { type: 'lost', count: num(v.count) };
  const flow = decodeFlow(v);
  return flow === null ? null : { type: 'flow', flow };
}
