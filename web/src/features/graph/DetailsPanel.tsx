import { useEffect, useState } from 'react';
import { fetchFlows } from '../../api/rest';
import type { Flow, GraphEdge, GraphNode } from '../../api/types';
import { flowEndIs, recentFlowsQuery, summarizeNode, topHttpPaths } from '../../domain/details';
import {
  formatAgo,
  formatBytesPerSec,
  formatFlowsPerSec,
  formatNumber,
  formatPercent,
  formatThroughput,
} from '../../domain/format';
import type { GraphState } from '../../domain/graphState';
import { displayName, visualKind } from '../../domain/nodes';
import { edgeByBytes, effectiveHealth } from '../../domain/view';
import type { Services } from '../../store/services';
import { useStore } from '../../store/store';
import { useNow } from '../../components/useNow';
import { FlowRow, FlowTableHead } from '../flows/FlowRow';

const RECENT = 15;
const REFRESH_MS = 5000;

/** The selected node or edge: what it is, its metrics, protocols, top L7 and its recent flows. */
export function DetailsPanel({ services }: { services: Services }) {
  const selected = useStore(services.view.store, (s) => s.selected);
  const graph = useStore(services.graph.store, (s) => s.graph);
  const node = selected ? graph.nodes.get(selected) : undefined;
  const edge = selected && !node ? graph.edges.get(selected) : undefined;

  return (
    <section className="panel details-panel" data-testid="details-panel">
      <div className="panel-head">
        <h2>Details</h2>
        {selected && (
          <button type="button" className="link" onClick={() => services.view.update({ selected: null })}>
            Clear
          </button>
        )}
      </div>
      {!selected && <p className="muted">Select a node or an edge on the graph.</p>}
      {selected && !node && !edge && <p className="muted">{selected} is not in the graph shown.</p>}
      {node && <NodeDetails node={node} graph={graph} />}
      {edge && <EdgeDetails edge={edge} graph={graph} />}
    </section>
  );
}

function Row({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

function NodeDetails({ node, graph }: { node: GraphNode; graph: GraphState }) {
  const now = useNow(1000);
  const s = summarizeNode(node.id, graph);
  const rate = (v: number) => (s.byBytes ? formatBytesPerSec(v) : formatFlowsPerSec(v));
  const labels = Object.entries(node.labels);
  return (
    <div data-testid="details-node" data-id={node.id}>
      <h3 className="details-title">{displayName(node)}</h3>
      <dl>
        <Row name="Kind">{visualKind(node) === 'dns' ? 'cluster DNS' : node.kind}</Row>
        {node.namespace && <Row name="Namespace">{node.namespace}</Row>}
        {node.workload_kind && <Row name="Workload kind">{node.workload_kind}</Row>}
        {node.node_names.length > 0 && <Row name="On nodes">{node.node_names.join(', ')}</Row>}
        {node.cluster && <Row name="Cluster">{node.cluster}</Row>}
        <Row name="In">{rate(s.inRate)}</Row>
        <Row name="Out">{rate(s.outRate)}</Row>
        <Row name="Connections">{formatNumber(s.connections, 0)}</Row>
        <Row name="Error rate">{formatPercent(s.errorRate)}</Row>
        <Row name="Peers">{`${s.peers} (${s.activeEdges} active ${s.activeEdges === 1 ? 'edge' : 'edges'})`}</Row>
        <Row name="Protocols">{s.protocols.join(', ') || '–'}</Row>
        <Row name="Last seen">{formatAgo(node.last_seen, now)}</Row>
      </dl>
      {labels.length > 0 && (
        <details>
          <summary>Labels ({labels.length})</summary>
          <ul className="labels">
            {labels.map(([k, v]) => (
              <li key={k} className="mono">{`${k}=${v}`}</li>
            ))}
          </ul>
        </details>
      )}
      <Counts title="Top HTTP paths" items={s.httpPaths.map((p) => [p.path, p.count])} />
      <Counts title="Top DNS names" items={s.dnsNames.map((p) => [p.name, p.count])} />
      <Counts title="Drop reasons" items={s.dropReasons.map((p) => [p.name, p.count])} />
      <RecentFlows
        query={recentFlowsQuery(node)}
        match={(f) => flowEndIs(f, 'source', node) || flowEndIs(f, 'dest', node)}
      />
    </div>
  );
}

function EdgeDetails({ edge, graph }: { edge: GraphEdge; graph: GraphState }) {
  const now = useNow(1000);
  const fd = edge.flow_data;
  const src = graph.nodes.get(edge.source);
  const dst = graph.nodes.get(edge.target);
  const bytes = edgeByBytes(edge, graph.bytesMeasured);
  const codes = Object.entries(fd.l7.http_codes).sort((a, b) => b[1] - a[1]);
  const drops = Object.entries(fd.drop_reasons).sort((a, b) => b[1] - a[1]);
  return (
    <div data-testid="details-edge" data-id={edge.id}>
      <h3 className="details-title">
        {src ? displayName(src) : edge.source} → {dst ? displayName(dst) : edge.target}
      </h3>
      <dl>
        <Row name="Throughput">{formatThroughput(fd, bytes)}</Row>
        {bytes && <Row name="Packets">{`${formatNumber(fd.packets_per_sec)} /s`}</Row>}
        <Row name="Flow rate">{formatFlowsPerSec(fd.flows_per_sec)}</Row>
        {!bytes && <Row name="Bytes">not measured by this source</Row>}
        <Row name="Connections">{formatNumber(fd.connection_count, 0)}</Row>
        <Row name="Error rate">{formatPercent(fd.error_rate)}</Row>
        <Row name="Health">{effectiveHealth(edge)}</Row>
        <Row name="Protocols">
          {(fd.protocols.length > 0 ? fd.protocols : [fd.protocol]).filter(Boolean).join(', ') || '–'}
        </Row>
        <Row name="Direction">{fd.direction}</Row>
        <Row name="State">{fd.is_active ? 'active' : 'idle'}</Row>
        <Row name="Last seen">{formatAgo(fd.last_seen, now)}</Row>
      </dl>
      <Counts title="Top HTTP paths" items={topHttpPaths(edge).map((p) => [p.path, p.count])} />
      <Counts title="HTTP codes" items={codes} />
      <Counts title="DNS names" items={fd.l7.dns_names.map((d) => [d.name, d.count])} />
      <Counts title="Drop reasons" items={drops} />
      {src && dst && (
        <RecentFlows
          query={recentFlowsQuery(src)}
          match={(f) =>
            (flowEndIs(f, 'source', src) && flowEndIs(f, 'dest', dst)) ||
            (flowEndIs(f, 'source', dst) && flowEndIs(f, 'dest', src))
          }
        />
      )}
    </div>
  );
}

function Counts({ title, items }: { title: string; items: [string, number][] }) {
  if (items.length === 0) return null;
  return (
    <div className="counts">
      <h4>{title}</h4>
      <ul>
        {items.slice(0, 5).map(([k, v]) => (
          <li key={k}>
            <span className="mono">{k}</span> <span className="muted">×{formatNumber(v, 0)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RecentFlows({
  query,
  match,
}: {
  query: { namespace?: string; pod?: string };
  match: (f: Flow) => boolean;
}) {
  const [flows, setFlows] = useState<Flow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${query.namespace ?? ''}|${query.pod ?? ''}`;
  useEffect(() => {
    const ctrl = new AbortController();
    const load = () =>
      fetchFlows({ ...query, limit: 500 }, ctrl.signal)
        .then((all) => {
          setFlows(all);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
        });
    void load();
    const t = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(t);
      ctrl.abort();
    };
    // the query is identified by its key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const mine = (flows ?? [])
    .filter(match)
    .sort((a, b) => (b.timestamp ?? '').localeCompare(a.timestamp ?? ''))
    .slice(0, RECENT);
  return (
    <div className="recent-flows" data-testid="details-recent-flows">
      <h4>Recent flows</h4>
      {error && <p className="muted">{error}</p>}
      {flows !== null && mine.length === 0 && <p className="muted">None in the recent flows.</p>}
      {mine.length > 0 && (
        <table className="flows compact">
          <FlowTableHead compact />
          <tbody>
            {mine.map((f) => (
              <FlowRow key={f.id} flow={f} compact />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
