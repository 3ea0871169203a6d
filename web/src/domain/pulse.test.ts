import { describe, expect, it } from 'vitest';
import { nextDashOffset, pulseIntervalMs } from './pulse';

describe('pulse', () => {
  it('steps less often as more edges pulse', () => {
    const counts = [10, 300, 301, 1000, 1001, 2000, 5000];
    const intervals = counts.map(pulseIntervalMs);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThanOrEqual(intervals[i - 1]!);
    expect(pulseIntervalMs(10)).toBeLessThanOrEqual(34);
  });

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
