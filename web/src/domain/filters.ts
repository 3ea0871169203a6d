import type { Flow, GraphEdge, GraphNode } from '../api/types';

/** Namespaces that "hide system namespaces" hides: the cluster's own machinery, not the user's applications. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'monitoring',
  'cilium',
  'cilium-monitoring',
  'cilium-system',
  'hubble',
  'local-path-storage',
  'cert-manager',
  'ingress-nginx',
  'istio-system',
  'linkerd',
  'calico-system',
  'tigera-operator',
  'gatekeeper-system',
  'kyverno',
  'flux-system',
  'argocd',
  'prometheus',
  'grafana',
  'logging',
]);

export function isSystemNamespace(namespace: string | null | undefined): boolean {
  return namespace !== null && namespace !== undefined && SYSTEM_NAMESPACES.has(namespace);
}

/** What the graph shows, beyond what the server was asked for. */
export interface GraphFilter {
  /** Namespaces to show; empty means all. */
  readonly namespaces: readonly string[];
  readonly hideSystem: boolean;
}

export function isFilterActive(filter: GraphFilter): boolean {
  return filter.namespaces.length > 0 || filter.hideSystem;
}

function namespaceAllowed(ns: string, filter: GraphFilter): boolean {
  if (filter.hideSystem && isSystemNamespace(ns)) return false;
  return filter.namespaces.length === 0 || filter.namespaces.includes(ns);
}

/**
 * The nodes and edges that pass the filter. A node in a namespace passes when its namespace does; a node outside
 * any namespace (world, host, ...) passes when no filter is active or when it talks to a node that passes. An edge
 * passes when both its ends do.
 */
export function filterGraph(
  nodes: Iterable<GraphNode>,
  edges: Iterable<GraphEdge>,
  filter: GraphFilter,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const all = [...nodes];
  const allEdges = [...edges];
  if (!isFilterActive(filter)) {
    const ids = new Set(all.map((n) => n.id));
    return { nodes: all, edges: allEdges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }
  const namespaced = new Set<string>();
  const outside = new Map<string, GraphNode>();
  for (const n of all) {
    if (n.namespace) {
      if (namespaceAllowed(n.namespace, filter)) namespaced.add(n.id);
    } else {
      outside.set(n.id, n);
    }
  }
  const keptOutside = new Set<string>();
  for (const e of allEdges) {
    if (namespaced.has(e.source) && outside.has(e.target)) keptOutside.add(e.target);
    if (namespaced.has(e.target) && outside.has(e.source)) keptOutside.add(e.source);
  }
  const visible = (id: string) => namespaced.has(id) || keptOutside.has(id);
  return {
    nodes: all.filter((n) => visible(n.id)),
    edges: allEdges.filter((e) => visible(e.source) && visible(e.target)),
  };
}

/** A label filter as the server takes it: key=value pairs, comma separated (app=cart,tier=web), or empty. */
export function isValidLabelFilter(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  return t.split(',').every((part) => /^[A-Za-z0-9._/-]+(=|!=|==)[A-Za-z0-9._-]*$/.test(part.trim()));
}

/** Filters of the flow table. Empty fields match everything. */
export interface FlowFilter {
  readonly text: string;
  readonly namespace: string;
  readonly verdict: string;
  readonly protocol: string;
}

export const EMPTY_FLOW_FILTER: FlowFilter = { text: '', namespace: '', verdict: '', protocol: '' };

function flowNamespaces(f: Flow): string[] {
  const out: string[] = [];
  if (f.source_namespace) out.push(f.source_namespace);
  else if (f.source_pod.includes('/')) out.push(f.source_pod.slice(0, f.source_pod.indexOf('/')));
  if (f.dest_namespace) out.push(f.dest_namespace);
  else if (f.dest_pod.includes('/')) out.push(f.dest_pod.slice(0, f.dest_pod.indexOf('/')));
  return out;
}

export function matchesFlowFilter(f: Flow, filter: FlowFilter): boolean {
  if (filter.namespace && !flowNamespaces(f).includes(filter.namespace)) return false;
  if (filter.verdict && f.verdict.toUpperCase() !== filter.verdict.toUpperCase()) return false;
  if (filter.protocol) {
    const p = filter.protocol.toUpperCase();
    if (f.protocol.toUpperCase() !== p && f.l4_protocol.toUpperCase() !== p) return false;
  }
  const text = filter.text.trim().toLowerCase();
  if (text) {
    const haystack = [
      f.source_pod,
      f.dest_pod,
      f.source_ip,
      f.dest_ip,
      f.source_workload,
      f.dest_workload,
      ...f.source_names,
      ...f.dest_names,
      f.protocol,
      f.verdict,
      f.drop_reason,
      f.l7_summary,
      f.dest_port === null ? null : String(f.dest_port),
    ]
      .filter((x): x is string => typeof x === 'string')
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

/** Prepends items (oldest first as they arrived) to a newest-first list, keeping at most cap. */
export function pushNewest<T>(list: readonly T[], arrived: readonly T[], cap: number): T[] {
  if (arrived.length >= cap) return arrived.slice(arrived.length - cap).reverse();
  const fresh = [...arrived].reverse();
  return fresh.concat(list.slice(0, cap - fresh.length));
}

/**
 * The items that arrived (oldest first) whose id is neither in the list nor earlier among them: a flow can come
 * twice, from the table's prefill and from the stream. The table keys its rows by id, and React leaves a stale row
 * behind for a key that appears twice.
 */
export function unseen<T extends { readonly id: string }>(list: readonly T[], arrived: readonly T[]): T[] {
  const seen = new Set(list.map((x) => x.id));
  return arrived.filter((x) => {
    if (seen.has(x.id)) return false;
    seen.add(x.id);
    return true;
  });
}
