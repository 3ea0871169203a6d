import { useEffect, useMemo, useState } from 'react';
import { matchesFlowFilter } from '../../domain/filters';
import { useNamespaces } from '../../components/useNamespaces';
import { MAX_ROWS } from '../../store/liveFlows';
import type { Services } from '../../store/services';
import { useStore } from '../../store/store';
import { FlowRow, FlowTableHead } from './FlowRow';

const VERDICTS = ['FORWARDED', 'DROPPED', 'ERROR', 'AUDIT', 'REDIRECTED', 'TRACED', 'TRANSLATED'];
const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'HTTP', 'HTTPS', 'gRPC', 'DNS'];

/** The live flow table: the newest flows, filtered, pausable. */
export function FlowTable({ services }: { services: Services }) {
  const rows = useStore(services.flows.store, (s) => s.rows);
  const paused = useStore(services.flows.store, (s) => s.paused);
  const missed = useStore(services.flows.store, (s) => s.missed);
  const lost = useStore(services.flows.store, (s) => s.lost);
  const query = useStore(services.flows.store, (s) => s.query);
  const namespaces = useNamespaces(services);
  const [text, setText] = useState('');
  const [namespace, setNamespace] = useState(query.namespace);
  const [verdict, setVerdict] = useState(query.verdict);
  const [protocol, setProtocol] = useState(query.protocol);

  // Namespace, verdict and protocol go to the server, so that rare flows are not pushed out by busy ones.
  useEffect(() => {
    services.flows.setQuery({ namespace, verdict, protocol, pod: '' });
  }, [services, namespace, verdict, protocol]);

  const shown = useMemo(
    () => rows.filter((f) => matchesFlowFilter(f, { text, namespace, verdict, protocol })),
    [rows, text, namespace, verdict, protocol],
  );

  return (
    <section className="flow-panel" data-testid="flow-table">
      <div className="panel-head">
        <h2>
          Flows{' '}
          <span className="count" data-testid="flow-count">
            {shown.length}
          </span>
        </h2>
        <button
          type="button"
          data-testid="flow-pause"
          aria-pressed={paused}
          onClick={() => services.flows.setPaused(!paused)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        {paused && missed > 0 && (
          <span className="muted" data-testid="flow-missed">
            {missed} new while paused
          </span>
        )}
        {lost > 0 && (
          <span className="muted" title="The server dropped flows for this slow connection">
            {lost} lost
          </span>
        )}
        <input
          type="search"
          data-testid="flow-filter-text"
          placeholder="Filter text…"
          aria-label="Filter flows by text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          data-testid="flow-filter-namespace"
          aria-label="Namespace"
          value={namespace}
          onChange={(e) => setNamespace(e.target.value)}
        >
          <option value="">All namespaces</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
        <select
          data-testid="flow-filter-verdict"
          aria-label="Verdict"
          value={verdict}
          onChange={(e) => setVerdict(e.target.value)}
        >
          <option value="">All verdicts</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <select
          data-testid="flow-filter-protocol"
          aria-label="Protocol"
          value={protocol}
          onChange={(e) => setProtocol(e.target.value)}
        >
          <option value="">All protocols</option>
          {PROTOCOLS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <span className="muted">last {MAX_ROWS}</span>
      </div>
      <div className="table-scroll">
        <table className="flows">
          <FlowTableHead />
          <tbody>
            {shown.map((f) => (
              <FlowRow key={f.id} flow={f} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <div className="muted empty">{rows.length === 0 ? 'Waiting for flows…' : 'No flow matches.'}</div>
        )}
      </div>
    </section>
  );
}
