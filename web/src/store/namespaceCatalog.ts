import { fetchGraph } from '../api/rest';
import { Store } from './store';

const REFRESH_MS = 15_000;

/**
 * Every namespace of the cluster, from the namespace-level graph fetched now and then: a namespace filter sent to
 * the server hides the other namespaces from the live graph, yet the filter must still offer them.
 */
export class NamespaceCatalog {
  readonly store = new Store<readonly string[]>([]);
  private timer: ReturnType<typeof setInterval> | null = null;
  private ctrl: AbortController | null = null;

  start(): void {
    this.ctrl = new AbortController();
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.ctrl?.abort();
  }

  private async load(): Promise<void> {
    try {
      const g = await fetchGraph(
        { level: 'namespace', namespaces: [], label: '', includeInactive: true },
        this.ctrl?.signal,
      );
      const names = new Set<string>();
      for (const n of g.nodes) if (n.namespace) names.add(n.namespace);
      const sorted = [...names].sort();
      if (sorted.join(',') !== this.store.get().join(',')) this.store.set(sorted);
    } catch {
      // the live graph's namespaces still show
    }
  }
}
