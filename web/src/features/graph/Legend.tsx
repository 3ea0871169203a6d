import type { Services } from '../../store/services';
import { useStore } from '../../store/store';
import { COLORS, SHAPES } from './graphStyle';

const KIND_NAMES: [string, string][] = [
  ['workload', 'workload'],
  ['pod', 'pod'],
  ['namespace', 'namespace'],
  ['dns', 'cluster DNS'],
  ['kube-apiserver', 'API server'],
  ['world', 'outside the cluster'],
  ['host', 'host'],
  ['remote-node', 'remote node'],
];

/** What colours, shapes and widths mean; says whether widths and labels are by bytes or by flow rate. */
export function Legend({ services }: { services: Services }) {
  const bytes = useStore(services.graph.store, (s) => s.graph.bytesMeasured);
  const hasSnapshot = useStore(services.graph.store, (s) => s.graph.seq >= 0);
  return (
    <div className="legend" data-testid="legend" data-measure={bytes ? 'bytes' : 'flows'}>
      <div className="legend-kinds">
        {KIND_NAMES.map(([kind, name]) => (
          <span key={kind} className="legend-item">
            <span className={`swatch shape-${SHAPES[kind]}`} style={{ background: COLORS.kind[kind] }} />
            {name}
          </span>
        ))}
      </div>
      <div className="legend-edges">
        <span className="legend-item">
          <span className="line dashed" style={{ borderColor: COLORS.active }} /> traffic now (dashes move
          source → target)
        </span>
        <span className="legend-item">
          <span className="line" style={{ borderColor: COLORS.idle, opacity: 0.4 }} /> idle
        </span>
        <span className="legend-item">
          <span className="line" style={{ borderColor: COLORS.warning }} /> drops/errors ≥ 5%
        </span>
        <span className="legend-item">
          <span className="line" style={{ borderColor: COLORS.critical }} /> critical
        </span>
        <span className="legend-item">
          <span className="badge-dot" style={{ background: COLORS.severity.high }}>
            !
          </span>{' '}
          anomaly
        </span>
      </div>
      <div className="legend-measure" data-testid="legend-measure">
        {!hasSnapshot
          ? 'Edge width: —'
          : bytes
            ? 'Edge width and label: bandwidth in bytes/s (B/s, KB/s, MB/s), log scale'
            : 'Edge width and label: flow rate in flows/s, log scale — this source measures no byte counts'}
      </div>
    </div>
  );
}
