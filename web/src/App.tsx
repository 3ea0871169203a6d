import { useEffect } from 'react';
import { ConnectionStatus } from './components/ConnectionStatus';
import { FilterBar } from './components/FilterBar';
import { AnomalyPanel } from './features/anomalies/AnomalyPanel';
import { FlowTable } from './features/flows/FlowTable';
import { DetailsPanel } from './features/graph/DetailsPanel';
import { GraphPanel } from './features/graph/GraphPanel';
import type { Services } from './store/services';
import { useStore } from './store/store';

/** The page: filters and connection status on top, the live graph with details and anomalies, the flow table. */
export function App({ services }: { services: Services }) {
  const level = useStore(services.view.store, (s) => s.level);
  const namespaces = useStore(services.view.store, (s) => s.namespaces);
  const label = useStore(services.view.store, (s) => s.label);

  useEffect(() => {
    services.graph.setQuery({ level, namespaces, label, includeInactive: true });
  }, [services, level, namespaces, label]);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">network-visualizer</h1>
        <FilterBar services={services} />
        <ConnectionStatus services={services} />
      </header>
      <main className="app-main">
        <GraphPanel services={services} />
        <aside className="app-side">
          <DetailsPanel services={services} />
          <AnomalyPanel services={services} />
        </aside>
      </main>
      <FlowTable services={services} />
    </div>
  );
}
