import { useMemo, useState } from 'react';
import { SEVERITIES, type Anomaly, type Severity } from '../../api/types';
import { bySeverity, sortAnomalies, typeName } from '../../domain/anomalies';
import { anomalyTargets } from '../../domain/anomalyTargets';
import { formatNumber, formatTime } from '../../domain/format';
import { requestFocus, type Services } from '../../store/services';
import { useStore } from '../../store/store';

/** Focuses an anomaly's nodes and edges on the graph and opens its evidence. */
export function useFocusAnomaly(services: Services): (a: Anomaly) => void {
  return (a: Anomaly) => {
    const { graph } = services.graph.store.get();
    const t = anomalyTargets(a, graph.level, graph.nodes, graph.edges);
    services.selectedAnomaly.set(a.id);
    requestFocus(services, [...t.nodeIds, ...t.edgeIds]);
  };
}

/** Active and recently resolved anomalies, worst first, with a severity filter and each one's evidence. */
export function AnomalyPanel({ services }: { services: Services }) {
  const active = useStore(services.graph.store, (s) => s.graph.anomalies);
  const resolved = useStore(services.graph.store, (s) => s.graph.resolved);
  const selected = useStore(services.selectedAnomaly, (s) => s);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const focus = useFocusAnomaly(services);
  const list = useMemo(() => bySeverity(sortAnomalies(active.values()), severity), [active, severity]);
  const past = useMemo(() => bySeverity(resolved, severity).slice(0, 20), [resolved, severity]);

  return (
    <section className="panel anomaly-panel" data-testid="anomaly-panel">
      <div className="panel-head">
        <h2>
          Anomalies{' '}
          <span className="count" data-testid="anomaly-count">
            {active.size}
          </span>
        </h2>
        <select
          data-testid="anomaly-severity-filter"
          aria-label="Severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity | '')}
        >
          <option value="">All severities</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <ul className="anomaly-list">
        {list.length === 0 && (
          <li className="muted">No active anomalies{severity ? ` of severity ${severity}` : ''}.</li>
        )}
        {list.map((a) => (
          <AnomalyItem key={a.id} anomaly={a} open={selected === a.id} onClick={() => focus(a)} />
        ))}
      </ul>
      {past.length > 0 && (
        <>
          <h3 className="muted">Resolved</h3>
          <ul className="anomaly-list resolved">
            {past.map((a) => (
              <AnomalyItem key={a.id} anomaly={a} open={selected === a.id} onClick={() => focus(a)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AnomalyItem({
  anomaly: a,
  open,
  onClick,
}: {
  anomaly: Anomaly;
  open: boolean;
  onClick: () => void;
}) {
  return (
    <li
      className={`anomaly-item severity-${a.severity} ${open ? 'open' : ''} ${a.status}`}
      data-testid="anomaly-item"
      data-anomaly-id={a.id}
      data-severity={a.severity}
    >
      <button type="button" className="anomaly-head" onClick={onClick}>
        <span className={`sev sev-${a.severity}`}>{a.severity}</span>
        <span className="anomaly-title">{a.title || typeName(a.type)}</span>
        <span className="muted anomaly-time">{formatTime(a.last_seen ?? a.detected_at)}</span>
      </button>
      {open && <Evidence anomaly={a} />}
    </li>
  );
}

function Evidence({ anomaly: a }: { anomaly: Anomaly }) {
  const ev = a.evidence;
  return (
    <div className="evidence" data-testid="anomaly-evidence">
      {a.description && <p>{a.description}</p>}
      <dl>
        <dt>Type</dt>
        <dd>{typeName(a.type)}</dd>
        {a.source_node && (
          <>
            <dt>Source</dt>
            <dd>{a.source_pod ?? a.source_node}</dd>
          </>
        )}
        {(a.dest_node ?? a.dest_pod) && (
          <>
            <dt>Destination</dt>
            <dd>{a.dest_pod ?? a.dest_node}</dd>
          </>
        )}
        <dt>Current</dt>
        <dd>{formatNumber(ev.current_value)}</dd>
        <dt>Baseline</dt>
        <dd>{formatNumber(ev.baseline_value)}</dd>
        <dt>Threshold</dt>
        <dd>{formatNumber(ev.threshold)}</dd>
        {a.peak_value !== null && (
          <>
            <dt>Peak</dt>
            <dd>{formatNumber(a.peak_value)}</dd>
          </>
        )}
        {a.score !== null && (
          <>
            <dt>Score</dt>
            <dd>{formatNumber(a.score)}</dd>
          </>
        )}
        {Object.entries(ev.details).map(([k, v]) => (
          <DetailRow key={k} name={k} value={v} />
        ))}
        <dt>Detected</dt>
        <dd>{formatTime(a.detected_at)} UTC</dd>
        {a.resolved_at && (
          <>
            <dt>Resolved</dt>
            <dd>{formatTime(a.resolved_at)} UTC</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function DetailRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name.replace(/_/g, ' ')}</dt>
      <dd>{value}</dd>
    </>
  );
}
