import type { GraphNode, NodeKind } from '../api/types';

/** How a node is drawn: its wire kind, except that the cluster's DNS (CoreDNS / kube-dns) gets its own look. */
export type VisualKind = NodeKind | 'dns';

const DNS_NAME = /^(coredns|kube-dns)(-|$)/;

export function visualKind(node: Pick<GraphNode, 'kind' | 'namespace' | 'label' | 'labels'>): VisualKind {
  if ((node.kind === 'workload' || node.kind === 'pod') && node.namespace === 'kube-system') {
    if (DNS_NAME.test(node.label) || node.labels['k8s-app'] === 'kube-dns') return 'dns';
  }
  return node.kind;
}

/** Id of the compound node that groups a namespace's nodes (distinct from namespace-level node ids). */
export function groupId(namespace: string): string {
  return `group:ns/${namespace}`;
}

/** The namespace named by a node id: pod/NS/name, workload/NS/name, namespace/NS; null for world/, host/, ... */
export function namespaceOfNodeId(id: string): string | null {
  const parts = id.split('/');
  if ((parts[0] === 'pod' || parts[0] === 'workload') && parts.length >= 3 && parts[1]) return parts[1];
  if (parts[0] === 'namespace' && parts.length >= 2 && parts[1]) return parts.slice(1).join('/');
  return null;
}

/** Text shown for a node: its label, or the last part of its id. */
export function displayName(node: Pick<GraphNode, 'id' | 'label'>): string {
  if (node.label) return node.label;
  const slash = node.id.indexOf('/');
  return slash >= 0 ? node.id.slice(slash + 1) : node.id;
}
