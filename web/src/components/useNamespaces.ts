import { useMemo } from 'react';
import type { Services } from '../store/services';
import { useStore } from '../store/store';

/** Every namespace known: those of the whole cluster (the catalog) and those in the graph shown. */
export function useNamespaces(services: Services): string[] {
  const nodes = useStore(services.graph.store, (s) => s.graph.nodes);
  const cluster = useStore(services.namespaces.store, (s) => s);
  return useMemo(() => {
    const all = new Set(cluster);
    for (const n of nodes.values()) if (n.namespace) all.add(n.namespace);
    return [...all].sort();
  }, [nodes, cluster]);
}
