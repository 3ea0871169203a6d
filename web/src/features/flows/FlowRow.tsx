import { memo } from 'react';
import type { Flow } from '../../api/types';
import { formatTime } from '../../domain/format';
import { endpointText, protocolText, verdictText } from '../../domain/flowText';

/** One flow as a table row. Every string from the flow is a React text node, never HTML. */
export const FlowRow = memo(function FlowRow({
  flow: f,
  compact = false,
}: {
  flow: Flow;
  compact?: boolean;
}) {
  const verdict = f.verdict.toUpperCase();
  const bad = verdict === 'DROPPED' || verdict === 'ERROR';
  if (compact) {
    return (
      <tr data-testid="details-flow-row" data-flow-id={f.id} className={`verdict-${verdict.toLowerCase()}`}>
        <td className="mono">{formatTime(f.timestamp).slice(0, 8)}</td>
        <td className="wrap" title={f.l7_summary ?? undefined}>
          {endpointText(f, 'source')} → {endpointText(f, 'dest')}
          {f.l7_summary && <div className="muted l7">{f.l7_summary}</div>}
        </td>
        <td className="mono">{protocolText(f)}</td>
        <td className={`verdict ${bad ? 'bad' : ''}`}>{verdictText(f)}</td>
      </tr>
    );
  }
  return (
    <tr data-testid="flow-row" data-flow-id={f.id} className={`verdict-${verdict.toLowerCase()}`}>
      <td className="mono">{formatTime(f.timestamp)}</td>
      <td className="endpoint" title={f.source_ip}>
        {endpointText(f, 'source')}
      </td>
      <td className="endpoint" title={f.dest_ip}>
        {endpointText(f, 'dest')}
      </td>
      <td className="mono">{protocolText(f)}</td>
      <td
        className={`verdict ${verdict === 'DROPPED' || verdict === 'ERROR' ? 'bad' : ''}`}
        title={f.denied_by ?? undefined}
      >
        {verdictText(f)}
      </td>
      <td className="l7" title={f.l7_summary ?? undefined}>
        {f.l7_summary ?? ''}
      </td>
    </tr>
  );
});

export function FlowTableHead({ compact = false }: { compact?: boolean }) {
  if (compact) {
    return (
      <thead>
        <tr>
          <th>Time</th>
          <th>Flow</th>
          <th>Protocol</th>
          <th>Verdict</th>
        </tr>
      </thead>
    );
  }
  return (
    <thead>
      <tr>
        <th>Time (UTC)</th>
        <th>Source</th>
        <th>Destination</th>
        <th>Protocol/port</th>
        <th>Verdict</th>
        <th>L7</th>
      </tr>
    </thead>
  );
}
