import cytoscape, {
  type Core,
  type EdgeCollection,
  type ElementDefinition,
  type LayoutOptions,
  type NodeSingular,
  type Position,
} from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { effectiveLayout, INCREMENTAL_LAYOUT_MAX_NODES } from '../../domain/layoutChoice';
import type { LayoutName } from '../../domain/urlState';
import { diffById, type EdgeView, type ElementsView, type NodeView } from '../../domain/view';
import { EDGE_FONT_PX, EDGE_MIN_FONT_PX, graphStyle, LARGE_GRAPH_EDGES } from './graphStyle';
import { PulseAnimator } from './pulse';

let registered = false;
function register(): void {
  if (registered) return;
  cytoscape.use(dagre);
  cytoscape.use(fcose);
  registered = true;
}

/** Cost of one sync, for the performance probe. */
export interface SyncStats {
  readonly ms: number;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly layout: boolean;
}

export interface GraphControllerOptions {
  readonly layout: LayoutName;
  readonly onSelect: (id: string | null) => void;
  /** Told which layout ran when it is not the one asked for (the layered one is too slow past a size). */
  readonly onLayoutUsed?: (used: LayoutName, requested: LayoutName) => void;
}

/** Nodes past which layouts run without animation (animating 1,000 nodes costs more than it shows). */
const ANIMATE_LIMIT = 300;
/** Quiet time after the last structural change before the layout runs again, and the least time between runs. */
const LAYOUT_DEBOUNCE_MS = 400;
const LAYOUT_MIN_GAP_MS = 2500;

function sameButLabel(a: EdgeView, b: EdgeView): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.width === b.width &&
    a.health === b.health &&
    a.active === b.active &&
    a.anomaly === b.anomaly &&
    a.byBytes === b.byBytes
  );
}

function nodeData(v: NodeView): ElementDefinition {
  const { parent, ...rest } = v;
  return { group: 'nodes', data: parent ? { ...rest, parent } : rest };
}

function edgeData(v: EdgeView): ElementDefinition {
  return { group: 'edges', data: { ...v } };
}

/**
 * Owns the Cytoscape instance: applies views to it as diffs by stable id inside cy.batch(), keeps positions stable
 * (layout only when nodes come or go, new nodes placed next to their neighbours first), drives the shared pulse,
 * and answers fit, zoom, focus and search.
 */
export class GraphController {
  readonly cy: Core;
  private nodes: ReadonlyMap<string, NodeView> = new Map();
  private edges: ReadonlyMap<string, EdgeView> = new Map();
  private readonly pulse: PulseAnimator;
  private layoutName: LayoutName;
  private large = false;
  private laidOut = false;
  private layoutTimer: ReturnType<typeof setTimeout> | null = null;
  private lastLayoutAt = 0;
  private newSinceLayout = new Set<string>();
  private running: cytoscape.Layouts | null = null;
  private lastView: ElementsView | null = null;
  /** Some edges show an older label than the view (skipped while labels were too small to see). */
  private staleLabels = false;
  /** The last layout runs (for the performance probe). */
  readonly layoutRuns: { name: string; full: boolean; nodes: number; ms: number }[] = [];

  constructor(
    container: HTMLElement,
    private readonly options: GraphControllerOptions,
  ) {
    register();
    this.layoutName = options.layout;
    this.cy = cytoscape({
      container,
      style: graphStyle(false),
      minZoom: 0.03,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Pan and zoom move a snapshot of the canvas instead of redrawing every element each frame.
      textureOnViewport: true,
      hideEdgesOnViewport: false,
    });
    this.cy.on('tap', 'node, edge', (ev) => {
      const ele = ev.target as cytoscape.SingularElementArgument;
      if (ele.isNode() && ele.data('kind') === 'group') {
        this.options.onSelect(null);
        return;
      }
      this.options.onSelect(ele.id());
    });
    this.cy.on('tap', (ev) => {
      if (ev.target === this.cy) {
        this.cy.elements('.focused').removeClass('focused');
        this.options.onSelect(null);
      }
    });
    this.pulse = new PulseAnimator(this.cy);
    this.pulse.start();
    this.cy.on('zoom', () => {
      if (this.staleLabels && this.labelsShown()) this.refreshLabels();
    });
  }

  /** Applies the labels skipped while they were too small to be drawn. */
  private refreshLabels(): void {
    const view = this.lastView;
    this.staleLabels = false;
    if (!view) return;
    const edges = new Map(this.edges);
    this.cy.batch(() => {
      for (const [id, v] of view.edges) {
        const old = edges.get(id);
        if (old && old.label !== v.label) {
          this.cy.getElementById(id).data('label', v.label);
          edges.set(id, { ...old, label: v.label });
        }
      }
    });
    this.edges = edges;
  }

  destroy(): void {
    this.pulse.stop();
    if (this.layoutTimer !== null) clearTimeout(this.layoutTimer);
    this.running?.stop();
    this.cy.destroy();
  }

  /** Edge labels are drawn at 9px and skipped below 8px on screen (min-zoomed-font-size): below this zoom. */
  private labelsShown(): boolean {
    return this.cy.zoom() * EDGE_FONT_PX >= EDGE_MIN_FONT_PX;
  }

  /**
   * Applies a view: adds, updates and removes only what changed. While edge labels are too small to be drawn,
   * a change of label alone is not applied (it would restyle thousands of edges every second for nothing); the
   * labels are brought up to date when zooming in makes them visible.
   */
  sync(view: ElementsView): SyncStats {
    const t0 = performance.now();
    this.lastView = view;
    const nd = diffById(this.nodes, view.nodes);
    const ed = diffById(this.edges, view.edges);
    const appliedEdges = new Map(view.edges);
    if (!this.labelsShown() && ed.updated.length > 0) {
      const kept: EdgeView[] = [];
      for (const v of ed.updated) {
        const old = this.edges.get(v.id);
        if (old && old.label !== v.label && sameButLabel(old, v)) {
          appliedEdges.set(v.id, old);
          this.staleLabels = true;
        } else {
          kept.push(v);
        }
      }
      ed.updated.length = 0;
      ed.updated.push(...kept);
    }
    const forced = (globalThis as { __nvCurve?: string }).__nvCurve;
    const large = forced ? forced === 'haystack' : view.edges.size > LARGE_GRAPH_EDGES;
    if (large !== this.large) {
      this.large = large;
      this.cy.style(graphStyle(large));
    }
    const structural = nd.added.length + nd.removed.length + ed.added.length + ed.removed.length > 0;

    this.cy.batch(() => {
      for (const id of ed.removed) this.cy.getElementById(id).remove();
      for (const id of nd.removed) this.cy.getElementById(id).remove();

      if (nd.added.length > 0) {
        // Parents before children, so that compound nodes exist when their children arrive.
        const sorted = [...nd.added].sort(
          (a, b) => (a.kind === 'group' ? 0 : 1) - (b.kind === 'group' ? 0 : 1),
        );
        const defs = sorted.map((v) => {
          const def = nodeData(v);
          if (v.kind !== 'group') {
            def.position = this.placeNear(v, view);
            this.newSinceLayout.add(v.id);
          }
          return def;
        });
        this.cy.add(defs);
      }
      for (const v of nd.updated) {
        const ele = this.cy.getElementById(v.id);
        const { parent, ...rest } = v;
        ele.data(rest);
        if ((ele.data('parent') ?? '') !== parent) ele.move({ parent: parent || null });
      }
      if (ed.added.length > 0) this.cy.add(ed.added.map(edgeData));
      for (const v of ed.updated) this.cy.getElementById(v.id).data({ ...v });
      const now = performance.now();
      if (this.pulse.stepDueWithUpdate(now)) this.pulse.stepInBatch(now);
    });

    this.nodes = view.nodes;
    this.edges = appliedEdges;
    if (ed.added.length + ed.updated.length + ed.removed.length > 0 || structural) {
      this.pulse.setEdges(this.cy.edges('[?active]') as EdgeCollection);
    }

    let layout = false;
    if (!this.laidOut && view.nodes.size > 0) {
      this.runLayout(true);
      layout = true;
    } else if (nd.added.some((v) => v.kind !== 'group') && view.nodes.size <= INCREMENTAL_LAYOUT_MAX_NODES) {
      this.scheduleLayout();
      layout = true;
    }
    if (view.nodes.size === 0) this.laidOut = false;
    return {
      ms: performance.now() - t0,
      added: nd.added.length + ed.added.length,
      updated: nd.updated.length + ed.updated.length,
      removed: nd.removed.length + ed.removed.length,
      layout,
    };
  }

  /** A position next to the node's placed neighbours, else inside its namespace group, else the view's middle. */
  private placeNear(v: NodeView, view: ElementsView): Position {
    const jitter = () => (Math.random() - 0.5) * 60;
    const points: Position[] = [];
    for (const e of view.edges.values()) {
      const other = e.source === v.id ? e.target : e.target === v.id ? e.source : null;
      if (other === null) continue;
      const n = this.cy.getElementById(other);
      if (n.nonempty() && n.isNode() && !n.isParent()) points.push(n.position());
      if (points.length >= 8) break;
    }
    if (points.length > 0) {
      const x = points.reduce((s, p) => s + p.x, 0) / points.length;
      const y = points.reduce((s, p) => s + p.y, 0) / points.length;
      return { x: x + 40 + jitter(), y: y + jitter() };
    }
    if (v.parent) {
      const g = this.cy.getElementById(v.parent);
      if (g.nonempty() && g.isParent()) {
        const bb = g.boundingBox();
        return { x: (bb.x1 + bb.x2) / 2 + jitter(), y: bb.y2 + 20 + jitter() };
      }
    }
    const ext = this.cy.extent();
    return { x: (ext.x1 + ext.x2) / 2 + jitter(), y: (ext.y1 + ext.y2) / 2 + jitter() };
  }

  private scheduleLayout(): void {
    if (this.layoutTimer !== null) clearTimeout(this.layoutTimer);
    const wait = Math.max(LAYOUT_DEBOUNCE_MS, this.lastLayoutAt + LAYOUT_MIN_GAP_MS - Date.now());
    this.layoutTimer = setTimeout(() => {
      this.layoutTimer = null;
      this.runLayout(false);
    }, wait);
  }

  /** Full layout (fit to it) or incremental (existing nodes held in place or moved gently). */
  runLayout(full: boolean): void {
    this.running?.stop();
    const leaves = this.cy.nodes().filter((n) => !n.isParent());
    if (leaves.empty()) return;
    this.laidOut = true;
    this.lastLayoutAt = Date.now();
    const animate = !full && leaves.length <= ANIMATE_LIMIT;
    const fresh = this.newSinceLayout;
    this.newSinceLayout = new Set();
    const used = effectiveLayout(this.layoutName, leaves.length, this.cy.edges().length);
    this.options.onLayoutUsed?.(used, this.layoutName);
    let options: LayoutOptions;
    if (used === 'force') {
      const fixed = full
        ? []
        : leaves
            .filter((n) => !fresh.has(n.id()))
            .map((n: NodeSingular) => ({ nodeId: n.id(), position: { ...n.position() } }));
      options = {
        name: 'fcose',
        quality: full ? 'default' : 'proof',
        randomize: full,
        animate,
        animationDuration: 500,
        fit: full,
        padding: 30,
        nodeDimensionsIncludeLabels: false,
        nodeRepulsion: () => 6000,
        idealEdgeLength: () => 90,
        nodeSeparation: 60,
        fixedNodeConstraint: fixed.length > 0 && fixed.length < leaves.length ? fixed : undefined,
      } as LayoutOptions;
    } else {
      options = {
        name: 'dagre',
        rankDir: 'LR',
        nodeSep: 18,
        rankSep: 110,
        edgeSep: 8,
        animate,
        animationDuration: 500,
        fit: full,
        padding: 30,
      } as LayoutOptions;
    }
    const t0 = performance.now();
    this.running = this.cy.layout(options);
    this.running.run();
    this.layoutRuns.push({ name: used, full, nodes: leaves.length, ms: performance.now() - t0 });
    if (this.layoutRuns.length > 50) this.layoutRuns.shift();
  }

  setLayout(name: LayoutName): void {
    if (name === this.layoutName) return;
    this.layoutName = name;
    this.runLayout(true);
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(), padding: 30 }, duration: 300 });
  }

  zoomBy(factor: number): void {
    const ext = this.cy.extent();
    const level = Math.min(this.cy.maxZoom(), Math.max(this.cy.minZoom(), this.cy.zoom() * factor));
    this.cy.zoom({ level, position: { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 } });
  }

  /** Ids of the edges the pulse animates now. */
  pulsingIds(): string[] {
    return this.pulse.pulsingIds();
  }

  /** Selects one element (or none) without telling onSelect back. */
  select(id: string | null): void {
    const current = this.cy.$(':selected');
    if (id === null) {
      current.unselect();
      return;
    }
    const ele = this.cy.getElementById(id);
    if (ele.empty()) return;
    if (current.length === 1 && current.first().id() === id) return;
    current.unselect();
    ele.select();
  }

  /** Highlights the given elements and brings them into view. */
  focus(ids: readonly string[]): number {
    this.cy.elements('.focused').removeClass('focused');
    let eles = this.cy.collection();
    for (const id of ids) eles = eles.union(this.cy.getElementById(id));
    if (eles.empty()) return 0;
    eles.addClass('focused');
    // Fit the elements, but never closer than 1.2x, so that their neighbourhood stays in view.
    const bb = eles.boundingBox();
    const w = this.cy.width();
    const h = this.cy.height();
    const zoom = Math.min(
      1.2,
      Math.max(this.cy.minZoom(), Math.min((w - 240) / Math.max(bb.w, 1), (h - 240) / Math.max(bb.h, 1))),
    );
    this.cy.animate({ zoom, center: { eles }, duration: 400 });
    return eles.length;
  }

  /** Nodes whose name or id contains the text (case-insensitive), best first (name starts with the text). */
  search(text: string, limit = 20): { id: string; label: string }[] {
    const t = text.trim().toLowerCase();
    if (t === '') return [];
    const hits: { id: string; label: string; rank: number }[] = [];
    for (const v of this.nodes.values()) {
      if (v.kind === 'group') continue;
      const name = v.fullLabel.toLowerCase();
      if (name.includes(t) || v.id.toLowerCase().includes(t)) {
        hits.push({ id: v.id, label: v.fullLabel, rank: name.startsWith(t) ? 0 : 1 });
      }
    }
    hits.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label));
    return hits.slice(0, limit).map(({ id, label }) => ({ id, label }));
  }

  /** Centres on a node and selects it. */
  reveal(id: string): boolean {
    const ele = this.cy.getElementById(id);
    if (ele.empty()) return false;
    this.cy.animate({ center: { eles: ele }, zoom: Math.max(this.cy.zoom(), 1.2), duration: 300 });
    this.select(id);
    this.options.onSelect(id);
    return true;
  }
}
