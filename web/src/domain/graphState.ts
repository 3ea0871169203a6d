import type {
  Anomaly,
  DeltaMessage,
  GraphEdge,
  GraphNode,
  Level,
  SnapshotMessage,
  SourceStatus,
} from '../api/types';

/** The client's copy of the server's graph at one level: what the last snapshot plus the deltas since say. */
export interface GraphState {
  readonly level: Level;
  /** Sequence number of the last message applied; -1 before the first snapshot. */
  readonly seq: number;
  readonly generatedAt: string | null;
  readonly windowSeconds: number;
  readonly bytesMeasured: boolean;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: ReadonlyMap<string, GraphEdge>;
  /** Active anomalies by id. */
  readonly anomalies: ReadonlyMap<string, Anomaly>;
  /** Recently resolved anomalies, newest first, at most MAX_RESOLVED. */
  readonly resolved: readonly Anomaly[];
  readonly status: SourceStatus | null;
  /** Grows whenever nodes or edges were added or removed (not when only their metrics changed). */
  readonly structureVersion: number;
}

export const MAX_RESOLVED = 100;

export function emptyGraphState(level: Level = 'workload'): GraphState {
  return {
    level,
    seq: -1,
    generatedAt: null,
    windowSeconds: 0,
    bytesMeasured: false,
    nodes: new Map(),
    edges: new Map(),
    anomalies: new Map(),
    resolved: [],
    status: null,
    structureVersion: 0,
  };
}

/** A snapshot replaces the whole state (after a connect, a reconnect, a resync or lost messages). */
export function fromSnapshot(msg: SnapshotMessage, previous?: GraphState): GraphState {
  const nodes = new Map<string, GraphNode>();
  for (const n of msg.graph.nodes) nodes.set(n.id, n);
  const edges = new Map<string, GraphEdge>();
  for (const e of msg.graph.edges) edges.set(e.id, e);
  const anomalies = new Map<string, Anomaly>();
  for (const a of msg.anomalies) if (a.status !== 'resolved') anomalies.set(a.id, a);
  return {
    level: msg.graph.level,
    seq: msg.seq,
    generatedAt: msg.graph.generated_at,
    windowSeconds: msg.graph.window_seconds,
    bytesMeasured: msg.graph.bytes_measured,
    nodes,
    edges,
    anomalies,
    resolved: (previous?.resolved ?? []).filter((a) => !anomalies.has(a.id)),
    status: msg.status ?? previous?.status ?? null,
    structureVersion: (previous?.structureVersion ?? 0) + 1,
  };
}

export type DeltaResult =
  | { readonly kind: 'applied'; readonly state: GraphState }
  /** An old or repeated message: nothing changes. */
  | { readonly kind: 'stale' }
  /** A gap (or no snapshot yet): the client must ask for a new snapshot. */
  | { readonly kind: 'resync'; readonly reason: string };

/** Applies one delta when it is the next in sequence; otherwise tells the caller to resync. Pure. */
export function applyDelta(state: GraphState, delta: DeltaMessage): DeltaResult {
  if (state.seq < 0) return { kind: 'resync', reason: 'delta before any snapshot' };
  if (!Number.isFinite(delta.seq)) return { kind: 'resync', reason: 'delta without a sequence number' };
  if (delta.seq <= state.seq) return { kind: 'stale' };
  if (delta.seq !== state.seq + 1) {
    return { kind: 'resync', reason: `sequence gap: expected ${state.seq + 1}, got ${delta.seq}` };
  }

  let structural = false;
  const nodes = new Map(state.nodes);
  for (const n of delta.nodes_added) {
    if (!nodes.has(n.id)) structural = true;
    nodes.set(n.id, n);
  }
  for (const n of delta.nodes_updated) {
    if (!nodes.has(n.id)) structural = true;
    nodes.set(n.id, n);
  }
  const removedNodes = new Set<string>();
  for (const id of delta.nodes_removed) {
    if (nodes.delete(id)) {
      removedNodes.add(id);
      structural = true;
    }
  }

  const edges = new Map(state.edges);
  for (const e of delta.edges_added) {
    if (!edges.has(e.id)) structural = true;
    edges.set(e.id, e);
  }
  for (const e of delta.edges_updated) {
    if (!edges.has(e.id)) structural = true;
    edges.set(e.id, e);
  }
  for (const id of delta.edges_removed) {
    if (edges.delete(id)) structural = true;
  }
  // An edge cannot outlive its endpoints, whatever the server forgot to say.
  if (removedNodes.size > 0) {
    for (const [id, e] of edges) {
      if (removedNodes.has(e.source) || removedNodes.has(e.target)) edges.delete(id);
    }
  }

  const anomalies = new Map(state.anomalies);
  let resolved = state.resolved;
  const newlyResolved: Anomaly[] = [];
  for (const a of [...delta.anomalies_new, ...delta.anomalies_updated]) {
    if (a.status === 'resolved') {
      anomalies.delete(a.id);
      newlyResolved.push(a);
    } else {
      anomalies.set(a.id, a);
    }
  }
  for (const a of delta.anomalies_resolved) {
    anomalies.delete(a.id);
    newlyResolved.push({ ...a, status: 'resolved' });
  }
  if (newlyResolved.length > 0) {
    const ids = new Set(newlyResolved.map((a) => a.id));
    resolved = [...newlyResolved.reverse(), ...resolved.filter((a) => !ids.has(a.id))].slice(0, MAX_RESOLVED);
  }

  return {
    kind: 'applied',
    state: {
      ...state,
      seq: delta.seq,
      generatedAt: delta.generated_at ?? state.generatedAt,
      nodes,
      edges,
      anomalies,
      resolved,
      status: delta.status ?? state.status,
      structureVersion: structural ? state.structureVersion + 1 : state.structureVersion,
    },
  };
}
