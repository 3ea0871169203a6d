import type { GraphEdge, Health, Severity } from '../api/types';
import { anomalyBadges } from './anomalyTargets';
import { filterGraph, type GraphFilter } from './filters';
import { formatThroughput, shortLabel } from './format';
import type { GraphState } from './graphState';
import { displayName, groupId, visualKind, type VisualKind } from './nodes';
import { edgeWidth } from './scale';

/** What one graph node looks like: flat primitives only, so that two views compare field by field. */
export interface NodeView {
  readonly id: string;
  /** Compound parent (the namespace group), '' for none. */
  readonly parent: string;
  readonly label: string;
  readonly fullLabel: string;
  readonly kind: VisualKind | 'group';
  readonly namespace: string;
  readonly active: boolean;
  /** Worst active anomaly on this node, '' for none. */
  readonly anomaly: Severity | '';
}

/** What one graph edge looks like. */
export interface EdgeView {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Throughput label: "1.5 KB/s", or "3.2 flows/s" where bytes are not measured. */
  readonly label: string;
  readonly width: number;
  readonly health: Health;
  readonly active: boolean;
  readonly anomaly: Severity | '';
  /** Whether width and label are by bytes (true) or by flow rate (false). */
  readonly byBytes: boolean;
}

export interface ElementsView {
  readonly nodes: ReadonlyMap<string, NodeView>;
  readonly edges: ReadonlyMap<string, EdgeView>;
  /** The graph's own flag: bytes were measured by the source. */
  readonly bytesMeasured: boolean;
  /** Some edges are drawn by bytes and others by flow rate. */
  readonly mixedMeasurement: boolean;
}

/** Whether an edge is sized and labelled by bytes: only where the source measured them. */
export function edgeByBytes(edge: GraphEdge, graphBytesMeasured: boolean): boolean {
  return graphBytesMeasured && edge.flow_data.bytes_measured !== false;
}

/** The server's health, made worse where the error rate alone says so (5% warning, 20% critical). */
export function effectiveHealth(edge: GraphEdge): Health {
  const byErrors: Health =
    edge.flow_data.error_rate >= 0.2 ? 'critical' : edge.flow_data.error_rate >= 0.05 ? 'warning' : 'healthy';
  const rank = { healthy: 0, warning: 1, critical: 2 } as const;
  return rank[byErrors] > rank[edge.health] ? byErrors : edge.health;
}

/** The elements to draw for a state under a filter: nodes (with their namespace groups) and edges. */
export function buildElements(state: GraphState, filter: GraphFilter): ElementsView {
  const visible = filterGraph(state.nodes.values(), state.edges.values(), filter);
  const badges = anomalyBadges(state.anomalies.values(), state.level, state.nodes, state.edges);
  const grouped = state.level !== 'namespace';

  const nodes = new Map<string, NodeView>();
  const groups = new Map<string, { active: boolean }>();
  for (const n of visible.nodes) {
    const ns = n.namespace ?? '';
    const parent = grouped && ns !== '' ? groupId(ns) : '';
    if (parent !== '') {
      const g = groups.get(parent);
      groups.set(parent, { active: (g?.active ?? false) || n.is_active });
    }
    const name = displayName(n);
    nodes.set(n.id, {
      id: n.id,
      parent,
      label: shortLabel(name),
      fullLabel: name,
      kind: visualKind(n),
      namespace: ns,
      active: n.is_active,
      anomaly: badges.nodes.get(n.id) ?? '',
    });
  }
  const out = new Map<string, NodeView>();
  for (const [id, g] of groups) {
    const ns = id.slice('group:ns/'.length);
    out.set(id, {
      id,
      parent: '',
      label: ns,
      fullLabel: ns,
      kind: 'group',
      namespace: ns,
      active: g.active,
      anomaly: '',
    });
  }
  for (const [id, n] of nodes) out.set(id, n);

  const edges = new Map<string, EdgeView>();
  let byBytes = 0;
  let byFlows = 0;
  for (const e of visible.edges) {
    const bytes = edgeByBytes(e, state.bytesMeasured);
    if (bytes) byBytes++;
    else byFlows++;
    const anomaly = badges.edges.get(e.id) ?? '';
    const rate = formatThroughput(e.flow_data, bytes);
    edges.set(e.id, {
      id: e.id,
      source: e.source,
      target: e.target,
      label: anomaly ? `⚠ ${rate}` : rate,
      width: edgeWidth(e.flow_data, bytes),
      health: effectiveHealth(e),
      active: e.flow_data.is_active,
      anomaly,
      byBytes: bytes,
    });
  }
  return {
    nodes: out,
    edges,
    bytesMeasured: state.bytesMeasured,
    mixedMeasurement: byBytes > 0 && byFlows > 0,
  };
}

export interface Diff<V> {
  readonly added: V[];
  readonly updated: V[];
  readonly removed: string[];
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

/** What changed between two views, by stable id: only elements whose drawn fields differ count as updated. */
export function diffById<V extends { readonly id: string }>(
  prev: ReadonlyMap<string, V>,
  next: ReadonlyMap<string, V>,
): Diff<V> {
  const added: V[] = [];
  const updated: V[] = [];
  const removed: string[] = [];
  for (const [id, v] of next) {
    const old = prev.get(id);
    if (old === undefined) added.push(v);
    else if (old !== v && !shallowEqual(old, v)) updated.push(v);
  }
  for (const id of prev.keys()) if (!next.has(id)) removed.push(id);
  return { added, updated, removed };
}
