import type { Core, EdgeCollection, EdgeSingular } from 'cytoscape';
import { choosePulsing, nextDashOffset, pulseIntervalMs, type PulseCandidate } from '../../domain/pulse';
import { DASH_PERIOD } from './graphStyle';

const SEVERITY_WEIGHT: Record<string, number> = { critical: 400, high: 300, medium: 200, low: 100 };

/**
 * The one timer behind every pulsing edge: a requestAnimationFrame loop that moves line-dash-offset on the
 * animated edges inside one cy.batch(). Not one timer per edge. On big graphs it animates only the edges in view
 * (the heaviest MAX_PULSING of them) and slows its steps to the measured cost of a redraw.
 */
export class PulseAnimator {
  private raf = 0;
  private last = 0;
  private offset = 0;
  private active: EdgeCollection;
  private pulsing: EdgeCollection;
  /** Time the last step was set, to measure how long the redraw after it took. */
  private stepAt = 0;
  /** Smoothed cost of the frame after a step, in ms. */
  private frameCost = 0;
  private choose: ReturnType<typeof setTimeout> | null = null;
  private readonly onViewport = () => this.scheduleChoose();

  constructor(private readonly cy: Core) {
    this.active = cy.collection() as EdgeCollection;
    this.pulsing = cy.collection() as EdgeCollection;
    cy.on('viewport', this.onViewport);
  }

  /** The edges with traffic now; the animated ones are chosen among them. */
  setEdges(edges: EdgeCollection): void {
    this.active = edges;
    this.choosePulsing();
  }

  /** Ids of the edges being animated (for tests and the probe). */
  pulsingIds(): string[] {
    return this.pulsing.map((e) => e.id());
  }

  private scheduleChoose(): void {
    if (this.choose !== null) return;
    this.choose = setTimeout(() => {
      this.choose = null;
      this.choosePulsing();
    }, 200);
  }

  private choosePulsing(): void {
    const candidates: PulseCandidate[] = [];
    this.active.forEach((e: EdgeSingular) => {
      if (e.removed()) return;
      const s = e.source().position();
      const t = e.target().position();
      const weight = (SEVERITY_WEIGHT[e.data('anomaly') as string] ?? 0) + Number(e.data('width') ?? 0);
      candidates.push({ id: e.id(), x: (s.x + t.x) / 2, y: (s.y + t.y) / 2, weight });
    });
    const ids = new Set(choosePulsing(candidates, this.cy.extent()));
    const next = this.active.filter((e) => ids.has(e.id()));
    // Edges that stop pulsing lose their bypass and fall back to the stylesheet.
    const stopped = this.pulsing.difference(next).filter((e) => e.inside());
    if (stopped.nonempty()) this.cy.batch(() => stopped.removeStyle('line-dash-offset'));
    this.pulsing = next;
  }

  /**
   * Whether a step is due soon and redraws are costly, so that the caller applying a graph update should take the
   * step in its own cy.batch() (one redraw for both instead of two).
   */
  stepDueWithUpdate(now: number): boolean {
    const interval = pulseIntervalMs(this.pulsing.length, this.frameCost);
    return this.raf !== 0 && interval >= 250 && now - this.last >= interval / 2;
  }

  /** One step, inside the caller's cy.batch(). */
  stepInBatch(now: number): void {
    const interval = pulseIntervalMs(this.pulsing.length, this.frameCost);
    this.last = now;
    if (this.pulsing.empty()) return;
    this.offset = nextDashOffset(this.offset, 1.5 * (interval / 33), DASH_PERIOD);
    this.pulsing.style('line-dash-offset', Math.round(this.offset * 10) / 10);
    this.stepAt = performance.now();
  }

  start(): void {
    if (this.raf !== 0 || (globalThis as { __nvNoPulse?: boolean }).__nvNoPulse) return;
    const tick = (t: number) => {
      this.raf = requestAnimationFrame(tick);
      if (this.stepAt > 0) {
        // The first frame after a step carries its redraw.
        this.frameCost = this.frameCost * 0.7 + (performance.now() - this.stepAt) * 0.3;
        this.stepAt = 0;
      }
      const interval = pulseIntervalMs(this.pulsing.length, this.frameCost);
      if (t - this.last < interval) return;
      const steps = Math.min(4, (t - this.last) / interval);
      this.last = t;
      if (this.pulsing.empty()) return;
      this.offset = nextDashOffset(this.offset, 1.5 * steps * (interval / 33), DASH_PERIOD);
      const offset = Math.round(this.offset * 10) / 10;
      this.cy.batch(() => {
        this.pulsing.style('line-dash-offset', offset);
      });
      this.stepAt = performance.now();
    };
    this.raf = requestAnimationFrame(tick);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    if (this.choose !== null) clearTimeout(this.choose);
    this.cy.off('viewport', this.onViewport);
  }
}
