import type { LayoutName } from './urlState';

/**
 * Past these sizes the layered layout (dagre, with namespace groups) takes seconds to minutes on one core, so the
 * force layout (fcose) is used instead and the page says so.
 */
export const LAYERED_MAX_NODES = 200;
export const LAYERED_MAX_EDGES = 500;

/** Past this many nodes, nodes that appear are placed next to their neighbours and the layout is not re-run. */
export const INCREMENTAL_LAYOUT_MAX_NODES = 300;

export function effectiveLayout(requested: LayoutName, nodes: number, edges: number): LayoutName {
  if (requested === 'layered' && (nodes > LAYERED_MAX_NODES || edges > LAYERED_MAX_EDGES)) return 'force';
  return requested;
}
