import type { Core } from 'cytoscape';
import type { GraphController } from './graphController';

/** One applied graph message and what it cost (milliseconds). */
export interface ApplySample {
  readonly kind: 'snapshot' | 'delta';
  /** Folding the message into the state. */
  readonly applyMs: number;
  /** Building the element view (filters, badges, labels, widths). */
  readonly buildMs: number;
  /** Diffing and applying it to Cytoscape in one batch. */
  readonly syncMs: number;
  readonly updated: number;
}

const MAX_SAMPLES = 300;

/** What the browser tests and the render-cost script read: the Cytoscape instance and apply costs. */
export interface GraphProbe {
  readonly cy: Core;
  readonly controller: GraphController;
  readonly samples: ApplySample[];
  /** Layout runs: which, on how many nodes, how long the synchronous part took. */
  readonly layouts: { name: string; full: boolean; nodes: number; ms: number }[];
}

declare global {
  interface Window {
    __nv?: GraphProbe;
  }
}

export function installProbe(controller: GraphController): GraphProbe {
  const probe: GraphProbe = { cy: controller.cy, controller, samples: [], layouts: controller.layoutRuns };
  window.__nv = probe;
  return probe;
}

export function recordSample(probe: GraphProbe, sample: ApplySample): void {
  probe.samples.push(sample);
  if (probe.samples.length > MAX_SAMPLES) probe.samples.splice(0, probe.samples.length - MAX_SAMPLES);
}
