import type { StylesheetJson } from 'cytoscape';
import type { Severity } from '../../api/types';

/** Colours shared by the canvas and the legend. */
export const COLORS = {
  active: '#2563eb',
  idle: '#94a3b8',
  warning: '#f59e0b',
  critical: '#dc2626',
  focus: '#facc15',
  severity: { critical: '#dc2626', high: '#ea580c', medium: '#d97706', low: '#2563eb' } as Record<
    Severity,
    string
  >,
  kind: {
    pod: '#60a5fa',
    workload: '#2563eb',
    namespace: '#7c3aed',
    world: '#f97316',
    host: '#475569',
    'remote-node': '#94a3b8',
    'kube-apiserver': '#0f766e',
    dns: '#0891b2',
    unknown: '#9ca3af',
  } as Record<string, string>,
};

export const SHAPES: Record<string, string> = {
  pod: 'ellipse',
  workload: 'round-rectangle',
  namespace: 'round-rectangle',
  world: 'diamond',
  host: 'rectangle',
  'remote-node': 'rectangle',
  'kube-apiserver': 'hexagon',
  dns: 'round-tag',
  unknown: 'ellipse',
};

/** Dash pattern of an edge with traffic; the pulse moves its offset along it. */
export const DASH_PATTERN = [9, 5];
export const DASH_PERIOD = DASH_PATTERN.reduce((a, b) => a + b, 0);

function badge(color: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">` +
    `<circle cx="10" cy="10" r="9" fill="${color}" stroke="white" stroke-width="2"/>` +
    `<rect x="8.8" y="4.5" width="2.4" height="7" rx="1" fill="white"/>` +
    `<circle cx="10" cy="14.6" r="1.4" fill="white"/></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/**
 * Edges are 'bezier' while the graph is small (they carry a target arrow and keep A->B apart from B->A), and
 * 'haystack' past LARGE_GRAPH_EDGES (straight lines drawn without curve computations, direction shown by a mid
 * arrow and by the pulse), which keeps 3,000 edges at a usable frame rate.
 */
export const LARGE_GRAPH_EDGES = 1500;

/** Edge label size, and the on-screen size below which Cytoscape skips drawing them. */
export const EDGE_FONT_PX = 9;
export const EDGE_MIN_FONT_PX = 8;

export function graphStyle(large: boolean): StylesheetJson {
  const kindStyles: StylesheetJson = Object.keys(SHAPES).map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: SHAPES[kind] as never, 'background-color': COLORS.kind[kind] ?? COLORS.kind.unknown },
  }));
  const severityStyles: StylesheetJson = (Object.keys(COLORS.severity) as Severity[]).flatMap((s) => [
    {
      selector: `node[anomaly = "${s}"]`,
      style: {
        'background-image': badge(COLORS.severity[s]),
        'background-width': '18px',
        'background-height': '18px',
        'background-position-x': '100%',
        'background-position-y': '0%',
        'background-offset-x': 9,
        'background-offset-y': -9,
        'background-clip': 'none',
        'background-image-containment': 'over',
        'bounds-expansion': 12,
        'border-width': 3,
        'border-color': COLORS.severity[s],
      },
    },
    {
      selector: `edge[anomaly = "${s}"]`,
      style: {
        'underlay-color': COLORS.severity[s],
        'underlay-opacity': 0.3,
        'underlay-padding': 5,
        color: COLORS.severity[s],
      },
    },
  ]);
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 11,
        'min-zoomed-font-size': 7,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        color: '#1e293b',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        width: 28,
        height: 28,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    ...kindStyles,
    { selector: 'node[kind = "pod"]', style: { width: 20, height: 20 } },
    { selector: 'node[kind = "namespace"]', style: { width: 44, height: 44, 'font-size': 13 } },
    { selector: 'node[!active][kind != "group"]', style: { opacity: 0.55 } },
    {
      selector: 'node[kind = "group"]',
      style: {
        shape: 'round-rectangle',
        'background-color': '#f8fafc',
        'background-opacity': 1,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': '#94a3b8',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 13,
        'font-weight': 'bold',
        color: '#475569',
        padding: '14px',
      },
    },
    {
      selector: 'edge',
      style: {
        'curve-style': large ? 'haystack' : 'bezier',
        'haystack-radius': 0,
        width: 'data(width)',
        'line-color': COLORS.idle,
        'target-arrow-color': COLORS.idle,
        'mid-target-arrow-color': COLORS.idle,
        'target-arrow-shape': large ? 'none' : 'triangle',
        'mid-target-arrow-shape': large ? 'triangle' : 'none',
        'arrow-scale': 0.8,
        opacity: 0.22,
        label: 'data(label)',
        'font-size': EDGE_FONT_PX,
        'min-zoomed-font-size': EDGE_MIN_FONT_PX,
        'text-rotation': 'autorotate',
        color: '#334155',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
      },
    },
    {
      selector: 'edge[?active]',
      style: {
        opacity: 1,
        'line-color': COLORS.active,
        'target-arrow-color': COLORS.active,
        'mid-target-arrow-color': COLORS.active,
        'line-style': 'dashed',
        'line-dash-pattern': DASH_PATTERN,
        'line-dash-offset': 0,
      },
    },
    {
      selector: 'edge[health = "warning"]',
      style: {
        'line-color': COLORS.warning,
        'target-arrow-color': COLORS.warning,
        'mid-target-arrow-color': COLORS.warning,
      },
    },
    {
      selector: 'edge[health = "critical"]',
      style: {
        'line-color': COLORS.critical,
        'target-arrow-color': COLORS.critical,
        'mid-target-arrow-color': COLORS.critical,
      },
    },
    ...severityStyles,
    {
      selector: ':selected',
      style: { 'overlay-color': '#0ea5e9', 'overlay-opacity': 0.25, 'overlay-padding': 6 },
    },
    {
      selector: '.focused',
      style: { 'underlay-color': COLORS.focus, 'underlay-opacity': 0.8, 'underlay-padding': 9 },
    },
  ];
}
