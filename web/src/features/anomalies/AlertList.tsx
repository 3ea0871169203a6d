import { useMemo } from 'react';
import { sortAnomalies } from '../../domain/anomalies';
import type { Services } from '../../store/services';
import { useStore } from '../../store/store';
import { useFocusAnomaly } from './AnomalyPanel';

const SHOWN = 3;

/** The worst active anomalies, inline over the graph; clicking one focuses it. */
export function AlertList({ services }: { services: Services }) {
  const active = useStore(services.graph.store, (s) => s.graph.anomalies);
  const focus = useFocusAnomaly(services);
  const list = useMemo(() => sortAnomalies(active.values()), [active]);
  if (list.length === 0) return null;
  return (
    <div className="alert-list" data-testid="alert-list" role="status">
      {list.slice(0, SHOWN).map((a) => (
        <button
          type="button"
          key={a.id}
          className={`alert-item severity-${a.severity}`}
          data-testid="alert-item"
          onClick={() => focus(a)}
          title={a.description}
        >
          <span className={`sev sev-${a.severity}`}>{a.severity}</span> {a.title}
        </button>
      ))}
      {list.length > SHOWN && <span className="muted">+{list.length - SHOWN} more</span>}
    </div>
  );
}
