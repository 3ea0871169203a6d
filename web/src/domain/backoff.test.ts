import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

const NO_JITTER: BackoffPolicy = { initialMs: 500, maxMs: 10_000, multiplier: 2, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles from the initial wait', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, NO_JITTER))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, even after very many attempts', () => {
    expect(backoffDelay(5, NO_JITTER)).toBe(10_000);
    expect(backoffDelay(50, NO_JITTER)).toBe(10_000);
    expect(backoffDelay(10_000, NO_JITTER)).toBe(10_000);
  });

  it('jitters downwards within the jitter share', () => {
    const p = { ...NO_JITTER, jitter: 0.5 };
    expect(backoffDelay(2, p, () => 0)).toBe(2000);
    expect(backoffDelay(2, p, () => 1)).toBe(1000);
    expect(backoffDelay(2, p, () => 0.5)).toBe(1500);
  });

  it('keeps jittered waits within [base * (1 - jitter), cap] for any random value', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      for (const r of [0, 0.1, 0.37, 0.9, 0.999]) {
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
        expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.initialMs * (1 - DEFAULT_BACKOFF.jitter));
      }
    }
  });

  it('treats negative or fractional attempts as the nearest valid one', () => {
    expect(backoffDelay(-3, NO_JITTER)).toBe(500);
    expect(backoffDelay(1.7, NO_JITTER)).toBe(1000);
  });
});
