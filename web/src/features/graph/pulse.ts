import type { Core, EdgeCollection } from 'cytoscape';
import { nextDashOffset, pulseIntervalMs } from '../../domain/pulse';
import { DASH_PERIOD } from './graphStyle';

/**
 * The one timer behind every pulsing edge: a requestAnimationFrame loop that, at an interval scaled to the number
 * of active edges, moves line-dash-offset on all of them inside one cy.batch(). Not one timer per edge.
 */
export class PulseAnimator {
  private raf = 0;
  private last = 0;
  private offset = 0;
  private edges: EdgeCollection;

  constructor(private readonly cy: Core) {
    this.edges = cy.collection() as EdgeCollection;
  }

  setEdges(edges: EdgeCollection): void {
    // Edges that stopped being active lose their bypass and fall back to the stylesheet.
    const stopped = this.edges.difference(edges).filter((e) => e.inside());
    if (stopped.nonempty()) stopped.removeStyle('line-dash-offset');
    this.edges = edges;
  }

  start(): void {
    if (this.raf !== 0) return;
    const tick = (t: number) => {
      this.raf = requestAnimationFrame(tick);
      const interval = pulseIntervalMs(this.edges.length);
      if (t - this.last < interval) return;
      const steps = Math.min(4, (t - this.last) / interval);
      this.last = t;
      if (this.edges.empty()) return;
      this.offset = nextDashOffset(this.offset, 1.5 * steps * (interval / 33), DASH_PERIOD);
      const offset = Math.round(this.offset * 10) / 10;
      this.cy.batch(() => {
        this.edges.style('line-dash-offset', offset);
      });
    };
    this.raf = requestAnimationFrame(tick);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
  }
}
