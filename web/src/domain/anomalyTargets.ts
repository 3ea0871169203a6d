import type { Anomaly, GraphEdge, GraphNode, Level, Severity } from '../api/types';
import { namespaceOfNodeId } from './nodes';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityRank(s: Severity | '' | null | undefined): number {
  return s ? RANK[s] : 0;
}

export function worse(a: Severity | '', b: Severity | ''): Severity | '' {
  return severityRank(a) >= severityRank(b) ? a : b;
}

function podId(pod: string): string | null {
  if (pod.startsWith('pod/')) return pod;
  return pod.includes('/') ? `pod/${pod}` : null;
}

/**
 * The ids of the nodes, at the level shown, that stand for one end of an anomaly. Anomalies name workload-level
 * nodes (source_node) and pods (source_pod); at pod level the pod (or every pod of the workload) stands for it, at
 * namespace level its namespace. Nodes outside namespaces (world/..., host/...) have the same id at every level.
 */
export function endNodeIds(
  nodeRef: string | null,
  podRef: string | null,
  level: Level,
  nodes: ReadonlyMap<string, GraphNode>,
): string[] {
  const out = new Set<string>();
  const add = (id: string | null) => {
    if (id !== null && nodes.has(id)) out.add(id);
  };
  const refNs = nodeRef ? namespaceOfNodeId(nodeRef) : null;
  const podNs =
    podRef && !podRef.startsWith('pod/') && podRef.includes('/') ? (podRef.split('/')[0] ?? null) : null;
  const ns = refNs ?? (podRef?.startsWith('pod/') ? namespaceOfNodeId(podRef) : podNs);

  if (nodeRef && ns === null) add(nodeRef); // world/..., host/..., remote-node/...: the same at every level
  if (podRef && ns === null && nodes.has(podRef)) add(podRef);

  if (level === 'workload') {
    if (nodeRef?.startsWith('workload/')) add(nodeRef);
  } else if (level === 'pod') {
    if (podRef) add(podId(podRef));
    if (out.size === 0 && nodeRef?.startsWith('workload/')) {
      const [, wns, name] = nodeRef.split('/');
      for (const n of nodes.values()) {
        if (n.kind === 'pod' && n.namespace === wns && name && n.label.startsWith(`${name}-`)) out.add(n.id);
      }
    }
  } else if (ns !== null) {
    add(`namespace/${ns}`);
  }
  if (nodeRef && out.size === 0) add(nodeRef);
  return [...out];
}

/** The nodes and edges an anomaly is about, in the graph shown. */
export function anomalyTargets(
  anomaly: Anomaly,
  level: Level,
  nodes: ReadonlyMap<string, GraphNode>,
  edges: ReadonlyMap<string, GraphEdge>,
): { nodeIds: string[]; edgeIds: string[] } {
  const src = endNodeIds(anomaly.source_node, anomaly.source_pod, level, nodes);
  const dst =
    anomaly.dest_node === null && anomaly.dest_pod === null
      ? []
      : endNodeIds(anomaly.dest_node, anomaly.dest_pod, level, nodes);
  const edgeIds: string[] = [];
  if (src.length > 0 && dst.length > 0) {
    const s = new Set(src);
    const d = new Set(dst);
    for (const e of edges.values()) {
      if ((s.has(e.source) && d.has(e.target)) || (d.has(e.source) && s.has(e.target))) edgeIds.push(e.id);
    }
  }
  return { nodeIds: [...new Set([...src, ...dst])], edgeIds };
}

/** The worst active anomaly severity per node id and per edge id. */
export function anomalyBadges(
  anomalies: Iterable<Anomaly>,
  level: Level,
  nodes: ReadonlyMap<string, GraphNode>,
  edges: ReadonlyMap<string, GraphEdge>,
): { nodes: Map<string, Severity>; edges: Map<string, Severity> } {
  const nodeBadges = new Map<string, Severity>();
  const edgeBadges = new Map<string, Severity>();
  for (const a of anomalies) {
    if (a.status === 'resolved') continue;
    const t = anomalyTargets(a, level, nodes, edges);
    for (const id of t.nodeIds) nodeBadges.set(id, worse(nodeBadges.get(id) ?? '', a.severity) as Severity);
    for (const id of t.edgeIds) edgeBadges.set(id, worse(edgeBadges.get(id) ?? '', a.severity) as Severity);
  }
  return { nodes: nodeBadges, edges: edgeBadges };
}
