import { LiveFlows } from './liveFlows';
import { LiveGraph } from './liveGraph';
import { NamespaceCatalog } from './namespaceCatalog';
import { Store } from './store';
import { ViewStore } from './viewStore';

/** A request to highlight elements on the graph (from the anomaly panel or the alert list). */
export interface FocusRequest {
  readonly ids: readonly string[];
  /** Grows with each request, so asking twice for the same ids focuses twice. */
  readonly token: number;
}

/** Everything the components share: the view state, the live graph, the live flows, and focus requests. */
export interface Services {
  readonly view: ViewStore;
  readonly graph: LiveGraph;
  readonly flows: LiveFlows;
  readonly namespaces: NamespaceCatalog;
  readonly focus: Store<FocusRequest | null>;
  /** The anomaly whose evidence is shown. */
  readonly selectedAnomaly: Store<string | null>;
}

export function createServices(): Services {
  const view = new ViewStore();
  const v = view.store.get();
  const graph = new LiveGraph({
    level: v.level,
    namespaces: v.namespaces,
    label: v.label,
    includeInactive: true,
  });
  return {
    view,
    graph,
    flows: new LiveFlows(),
    namespaces: new NamespaceCatalog(),
    focus: new Store<FocusRequest | null>(null),
    selectedAnomaly: new Store<string | null>(null),
  };
}

export function requestFocus(services: Services, ids: readonly string[]): void {
  services.focus.set((prev) => ({ ids, token: (prev?.token ?? 0) + 1 }));
}
