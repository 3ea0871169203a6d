import { useEffect, useRef, useState } from 'react';
import { buildElements } from '../../domain/view';
import type { GraphState } from '../../domain/graphState';
import { LAYERED_MAX_EDGES, LAYERED_MAX_NODES } from '../../domain/layoutChoice';
import type { LayoutName } from '../../domain/urlState';
import type { Services } from '../../store/services';
import { useStore } from '../../store/store';
import { AlertList } from '../anomalies/AlertList';
import { GraphController } from './graphController';
import { Legend } from './Legend';
import { installProbe, recordSample } from './perfProbe';

/** The live graph: canvas, toolbar (fit, zoom, search), legend and inline alerts. */
export function GraphPanel({ services }: { services: Services }) {
  const container = useRef<HTMLDivElement>(null);
  const [layoutNote, setLayoutNote] = useState<LayoutName | null>(null);
  const controller = useRef<GraphController | null>(null);
  const layout = useStore(services.view.store, (s) => s.layout);
  const empty = useStore(services.graph.store, (s) => s.graph.nodes.size === 0);
  const awaiting = useStore(services.graph.store, (s) => s.awaitingSnapshot && s.graph.seq < 0);
  // While the link is down the graph shown is the last one received: drawn greyed, not as if live.
  const stale = useStore(services.graph.store, (s) => s.socket.kind !== 'open' && s.graph.seq >= 0);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const ctl = new GraphController(el, {
      layout: services.view.store.get().layout,
      onSelect: (id) => {
        if (services.view.store.get().selected !== id) services.view.update({ selected: id });
      },
      onLayoutUsed: (used, requested) => setLayoutNote(used === requested ? null : used),
    });
    controller.current = ctl;
    const probe = installProbe(ctl);
    let applyMs = 0;
    let applyKind: 'snapshot' | 'delta' = 'snapshot';
    const stopProbe = services.graph.onApplied((kind, ms) => {
      applyKind = kind;
      applyMs = ms;
    });
    let lastGraph: GraphState | null = null;
    let lastFilter = '';
    const render = () => {
      const { graph } = services.graph.store.get();
      const v = services.view.store.get();
      const filterKey = `${v.namespaces.join(',')}|${v.hideSystem}`;
      if (graph !== lastGraph || filterKey !== lastFilter) {
        lastGraph = graph;
        lastFilter = filterKey;
        const t0 = performance.now();
        const view = buildElements(graph, { namespaces: v.namespaces, hideSystem: v.hideSystem });
        const buildMs = performance.now() - t0;
        const stats = ctl.sync(view);
        recordSample(probe, { kind: applyKind, applyMs, buildMs, syncMs: stats.ms, updated: stats.updated });
        applyMs = 0;
      }
      ctl.select(v.selected);
    };
    render();
    const unsubscribe = [
      services.graph.store.subscribe(render),
      services.view.store.subscribe(render),
      services.focus.subscribe(() => {
        const f = services.focus.get();
        if (f) ctl.focus(f.ids);
      }),
    ];
    return () => {
      for (const u of unsubscribe) u();
      stopProbe();
      ctl.destroy();
      controller.current = null;
    };
  }, [services]);

  useEffect(() => controller.current?.setLayout(layout), [layout]);

  return (
    <section className="graph-panel">
      <GraphToolbar controller={controller} />
      {layoutNote && (
        <div className="layout-note" data-testid="layout-note">
          Too big for the layered layout ({LAYERED_MAX_NODES} nodes, {LAYERED_MAX_EDGES} edges at most): drawn
          force-directed.
        </div>
      )}
      <div
        className={`graph-canvas ${stale ? 'graph-stale' : ''}`}
        data-testid="graph"
        data-stale={stale}
        ref={container}
      />
      {empty && (
        <div className="graph-empty" data-testid="graph-empty">
          {awaiting ? 'Connecting to the live graph…' : 'No traffic seen yet for this view.'}
        </div>
      )}
      <AlertList services={services} />
      <Legend services={services} />
    </section>
  );
}

function GraphToolbar({ controller }: { controller: React.RefObject<GraphController | null> }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<{ id: string; label: string }[]>([]);
  const [miss, setMiss] = useState(false);
  const find = (value: string) => {
    setText(value);
    setMiss(false);
    setHits(controller.current?.search(value) ?? []);
  };
  const reveal = () => {
    const ctl = controller.current;
    if (!ctl) return;
    const exact = hits.find((h) => h.label === text) ?? hits[0];
    setMiss(!(exact && ctl.reveal(exact.id)));
  };
  return (
    <div className="graph-toolbar">
      <button
        type="button"
        data-testid="graph-fit"
        title="Fit the graph"
        onClick={() => controller.current?.fit()}
      >
        Fit
      </button>
      <button
        type="button"
        data-testid="graph-relayout"
        title="Lay the graph out again"
        onClick={() => controller.current?.runLayout(true)}
      >
        Re-layout
      </button>
      <button
        type="button"
        data-testid="graph-zoom-in"
        title="Zoom in"
        onClick={() => controller.current?.zoomBy(1.25)}
      >
        +
      </button>
      <button
        type="button"
        data-testid="graph-zoom-out"
        title="Zoom out"
        onClick={() => controller.current?.zoomBy(0.8)}
      >
        −
      </button>
      <input
        type="search"
        data-testid="graph-search"
        className={miss ? 'invalid' : ''}
        placeholder="Find a node…"
        aria-label="Find a node by name"
        list="graph-search-hits"
        value={text}
        onChange={(e) => find(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') reveal();
        }}
      />
      <datalist id="graph-search-hits">
        {hits.map((h) => (
          <option key={h.id} value={h.label} />
        ))}
      </datalist>
    </div>
  );
}
