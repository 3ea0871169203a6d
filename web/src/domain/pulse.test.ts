import { describe, expect, it } from 'vitest';
import { choosePulsing, MAX_PULSING, nextDashOffset, pulseIntervalMs, type PulseCandidate } from './pulse';

describe('pulseIntervalMs', () => {
  it('steps every frame on small graphs and less often with more edges', () => {
    expect(pulseIntervalMs(10)).toBeLessThanOrEqual(34);
    expect(pulseIntervalMs(300)).toBeGreaterThan(pulseIntervalMs(10));
    expect(pulseIntervalMs(3000)).toBeGreaterThanOrEqual(pulseIntervalMs(300));
  });

  it('keeps redraws to a quarter of the time, at most one step a second', () => {
    expect(pulseIntervalMs(10, 50)).toBe(200);
    expect(pulseIntervalMs(10, 5)).toBe(33);
    expect(pulseIntervalMs(10, 900)).toBe(1000);
  });
});

describe('nextDashOffset', () => {
  it('moves the dash offset downwards (source to target) and wraps at the period', () => {
    expect(nextDashOffset(0, 2, 14)).toBe(-2);
    expect(nextDashOffset(-13, 2, 14)).toBe(-1);
    let o = 0;
    for (let i = 0; i < 1000; i++) {
      o = nextDashOffset(o, 1.5, 14);
      expect(o).toBeGreaterThan(-14);
      expect(o).toBeLessThanOrEqual(0);
    }
  });
});

describe('choosePulsing', () => {
  const view = { x1: 0, y1: 0, x2: 100, y2: 100 };
  it('animates edges in view (with a margin) and not the others', () => {
    const c: PulseCandidate[] = [
      { id: 'in', x: 50, y: 50, weight: 1 },
      { id: 'edge', x: 105, y: 50, weight: 1 },
      { id: 'out', x: 500, y: 50, weight: 1 },
    ];
    expect(choosePulsing(c, view)).toEqual(['in', 'edge']);
  });

  it('keeps the heaviest when more than the cap are in view', () => {
    const c: PulseCandidate[] = Array.from({ length: MAX_PULSING + 50 }, (_, i) => ({
      id: `e${i}`,
      x: 10,
      y: 10,
      weight: i,
    }));
    const chosen = choosePulsing(c, view);
    expect(chosen).toHaveLength(MAX_PULSING);
    expect(chosen[0]).toBe(`e${MAX_PULSING + 49}`);
    expect(chosen).not.toContain('e0');
  });
});
