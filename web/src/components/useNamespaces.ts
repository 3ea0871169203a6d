import { useEffect, useMemo, useState } from 'react';
import { fetchGraph } from '../api/rest';
import type { Services } from '../store/services';
import { useStore } from '../store/store';

const REFRESH_MS = 15_000;

/**
 * Every namespace known: those in the graph shown, plus those of the whole cluster (the namespace-level graph,
 * fetched now and then, since a namespace filter sent to the server hides the others from the live graph).
 */
export function useNamespaces(services: Services): string[] {
  const nodes = useStore(services.graph.store, (s) => s.graph.nodes);
  const [cluster, setCluster] = useState<string[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    const load = () =>
      fetchGraph({ level: 'namespace', namespaces: [], label: '', includeInactive: true }, ctrl.signal)
        .then((g) => {
          const names = new Set<string>();
          for (const n of g.nodes) if (n.namespace) names.add(n.namespace);
          setCluster([...names].sort());
        })
        .catch(() => {
          // the live graph's namespaces still show
        });
    void load();
    const t = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(t);
      ctrl.abort();
    };
  }, []);
  return useMemo(() => {
    const all = new Set(cluster);
    for (const n of nodes.values()) if (n.namespace) all.add(n.namespace);
    return [...all].sort();
  }, [nodes, cluster]);
}
