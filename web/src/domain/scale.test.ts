import { describe, expect, it } from 'vitest';
import { BYTES_SCALE, edgeWidth, FLOWS_SCALE, logWidth } from './scale';

describe('logWidth', () => {
  it('clamps to the minimum at or below the floor and the maximum at or above the ceiling', () => {
    expect(logWidth(0, BYTES_SCALE)).toBe(BYTES_SCALE.minWidth);
    expect(logWidth(-3, BYTES_SCALE)).toBe(BYTES_SCALE.minWidth);
    expect(logWidth(Number.NaN, BYTES_SCALE)).toBe(BYTES_SCALE.minWidth);
    expect(logWidth(BYTES_SCALE.ceil * 10, BYTES_SCALE)).toBe(BYTES_SCALE.maxWidth);
  });

  it('is logarithmic: each factor of the same size adds the same width', () => {
    const scale = { minWidth: 1, maxWidth: 9, floor: 1, ceil: 1e8 };
    expect(logWidth(10, scale)).toBe(2);
    expect(logWidth(100, scale)).toBe(3);
    expect(logWidth(1e4, scale)).toBe(5);
    expect(logWidth(1e7, scale)).toBe(8);
  });

  it('grows monotonically with bandwidth', () => {
    let prev = 0;
    for (const v of [1, 100, 10_000, 1e6, 1e8]) {
      const w = logWidth(v, BYTES_SCALE);
      expect(w).toBeGreaterThanOrEqual(prev);
      prev = w;
    }
    expect(logWidth(1e6, BYTES_SCALE)).toBeGreaterThan(logWidth(1e3, BYTES_SCALE));
  });

  it('rounds to half pixels so that tiny changes do not restyle', () => {
    const w = logWidth(12_345, BYTES_SCALE);
    expect(w * 2).toBe(Math.round(w * 2));
    expect(logWidth(12_345, BYTES_SCALE)).toBe(logWidth(12_400, BYTES_SCALE));
  });
});

describe('edgeWidth', () => {
  it('sizes by bytes when measured and by flows otherwise', () => {
    const rates = { bytes_per_sec: 0, flows_per_sec: 100 };
    expect(edgeWidth(rates, true)).toBe(BYTES_SCALE.minWidth);
    expect(edgeWidth(rates, false)).toBeGreaterThan(FLOWS_SCALE.minWidth);
  });
});
