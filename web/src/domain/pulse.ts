/**
 * How often the shared pulse timer moves the dashes of active edges: every frame on small graphs, less often as
 * the number of animated edges grows (each step redraws them all), so the page stays responsive.
 */
export function pulseIntervalMs(activeEdges: number): number {
  if (activeEdges <= 300) return 33;
  if (activeEdges <= 1000) return 50;
  if (activeEdges <= 2000) return 80;
  return 120;
}

/** Next dash offset: decreasing offsets move the dashes from source to target; wraps at the dash period. */
export function nextDashOffset(offset: number, stepPx: number, period: number): number {
  const next = offset - stepPx;
  return next <= -period ? next + period : next;
}
