/**
 * How often the shared pulse timer moves the dashes of active edges: every frame on small graphs, less often as
 * the number of animated edges grows, and never so often that redrawing (frameCostMs, measured) takes more than
 * a quarter of the time: on a slow machine with a big graph the dashes step instead of glide, the page stays usable.
 */
export function pulseIntervalMs(pulsingEdges: number, frameCostMs = 0): number {
  const base = pulsingEdges <= 100 ? 33 : pulsingEdges <= 300 ? 50 : 80;
  return Math.min(1000, Math.max(base, 4 * frameCostMs));
}

/** Next dash offset: decreasing offsets move the dashes from source to target; wraps at the dash period. */
export function nextDashOffset(offset: number, stepPx: number, period: number): number {
  const next = offset - stepPx;
  return next <= -period ? next + period : next;
}

/** The most edges animated at once; the other active edges stay dashed but still. */
export const MAX_PULSING = 300;

export interface PulseCandidate {
  readonly id: string;
  /** Midpoint of the edge, in model coordinates. */
  readonly x: number;
  readonly y: number;
  /** Bigger pulses first: anomalous edges, then by width (bandwidth). */
  readonly weight: number;
}

/**
 * The edges to animate: those whose midpoint is in view (with a margin), the heaviest first, at most max.
 * Animating edges nobody can see costs as much as animating visible ones.
 */
export function choosePulsing(
  candidates: readonly PulseCandidate[],
  view: { x1: number; y1: number; x2: number; y2: number },
  max = MAX_PULSING,
): string[] {
  const mx = (view.x2 - view.x1) * 0.1;
  const my = (view.y2 - view.y1) * 0.1;
  const inView = candidates.filter(
    (c) => c.x >= view.x1 - mx && c.x <= view.x2 + mx && c.y >= view.y1 - my && c.y <= view.y2 + my,
  );
  if (inView.length > max) inView.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
  return inView.slice(0, max).map((c) => c.id);
}
