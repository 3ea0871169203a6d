import type { Flow, GraphEdge, GraphNode } from '../api/types';
import type { GraphState } from './graphState';
import { edgeByBytes } from './view';

/** Totals over the edges of one node, for the details panel. */
export interface NodeSummary {
  readonly inRate: number;
  readonly outRate: number;
  /** Whether the rates are bytes/s (true) or flows/s (false). */
  readonly byBytes: boolean;
  readonly connections: number;
  /** Flow-weighted error rate over all its edges, 0..1. */
  readonly errorRate: number;
  readonly protocols: string[];
  readonly peers: number;
  readonly activeEdges: number;
  readonly httpPaths: { path: string; count: number }[];
  readonly dnsNames: { name: string; count: number }[];
  readonly dropReasons: { name: string; count: number }[];
}

function topCounts(entries: Iterable<[string, number]>, n: number): { key: string; count: number }[] {
  return [...entries]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([key, count]) => ({ key, count }));
}

function add(m: Map<string, number>, k: string, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

export function summarizeNode(nodeId: string, state: GraphState, top = 5): NodeSummary {
  const byBytes = state.bytesMeasured;
  let inRate = 0;
  let outRate = 0;
  let connections = 0;
  let flows = 0;
  let errors = 0;
  let activeEdges = 0;
  const peers = new Set<string>();
  const protocols = new Set<string>();
  const paths = new Map<string, number>();
  const dns = new Map<string, number>();
  const drops = new Map<string, number>();
  for (const e of state.edges.values()) {
    const out = e.source === nodeId;
    if (!out && e.target !== nodeId) continue;
    const fd = e.flow_data;
    const rate = byBytes && edgeByBytes(e, state.bytesMeasured) ? fd.bytes_per_sec : fd.flows_per_sec;
    if (out) outRate += rate;
    else inRate += rate;
    peers.add(out ? e.target : e.source);
    connections += fd.connection_count;
    flows += fd.flows_per_sec;
    errors += fd.flows_per_sec * fd.error_rate;
    if (fd.is_active) activeEdges++;
    for (const p of fd.protocols.length > 0 ? fd.protocols : [fd.protocol]) if (p) protocols.add(p);
    for (const p of fd.l7.http_paths) add(paths, p.path, p.count);
    for (const d of fd.l7.dns_names) add(dns, d.name, d.count);
    for (const [k, v] of Object.entries(fd.drop_reasons)) add(drops, k, v);
  }
  return {
    inRate,
    outRate,
    byBytes,
    connections,
    errorRate: flows > 0 ? errors / flows : 0,
    protocols: [...protocols].sort(),
    peers: peers.size,
    activeEdges,
    httpPaths: topCounts(paths, top).map(({ key, count }) => ({ path: key, count })),
    dnsNames: topCounts(dns, top).map(({ key, count }) => ({ name: key, count })),
    dropReasons: topCounts(drops, top).map(({ key, count }) => ({ name: key, count })),
  };
}

export function topHttpPaths(edge: GraphEdge, n = 5): { path: string; count: number }[] {
  return [...edge.flow_data.l7.http_paths].sort((a, b) => b.count - a.count).slice(0, n);
}

function nameOf(node: GraphNode): string {
  return node.label || node.id.slice(node.id.lastIndexOf('/') + 1);
}

/** Whether one end of a flow (source or destination) is the given node. */
export function flowEndIs(f: Flow, end: 'source' | 'dest', node: GraphNode): boolean {
  const ns = end === 'source' ? f.source_namespace : f.dest_namespace;
  const pod = end === 'source' ? f.source_pod : f.dest_pod;
  const podNs = ns ?? (pod.includes('/') ? pod.slice(0, pod.indexOf('/')) : null);
  const workload = end === 'source' ? f.source_workload : f.dest_workload;
  const names = end === 'source' ? f.source_names : f.dest_names;
  const ip = end === 'source' ? f.source_ip : f.dest_ip;
  const name = nameOf(node);
  switch (node.kind) {
    case 'pod':
      return pod === `${node.namespace}/${name}` || (podNs === node.namespace && pod.endsWith(`/${name}`));
    case 'workload':
      if (podNs !== node.namespace) return false;
      if (workload) return workload === name;
      return pod.startsWith(`${node.namespace}/${name}-`);
    case 'namespace':
      return podNs === (node.namespace ?? name);
    default:
      return names.includes(name) || ip === name || pod === name;
  }
}

/** What /api/flows is asked for the recent flows of a node, and which of the answers belong to it. */
export function recentFlowsQuery(node: GraphNode): { namespace?: string; pod?: string } {
  if (node.kind === 'pod' && node.namespace) return { pod: `${node.namespace}/${nameOf(node)}` };
  if (node.namespace) return { namespace: node.namespace };
  return {};
}
