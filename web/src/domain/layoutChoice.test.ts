import { describe, expect, it } from 'vitest';
import { effectiveLayout, LAYERED_MAX_EDGES, LAYERED_MAX_NODES } from './layoutChoice';

describe('effectiveLayout', () => {
  it('keeps the layered layout for graphs it can lay out quickly', () => {
    expect(effectiveLayout('layered', 50, 120)).toBe('layered');
    expect(effectiveLayout('layered', LAYERED_MAX_NODES, LAYERED_MAX_EDGES)).toBe('layered');
  });

  it('falls back to force past the node or edge limit', () => {
    expect(effectiveLayout('layered', LAYERED_MAX_NODES + 1, 10)).toBe('force');
    expect(effectiveLayout('layered', 10, LAYERED_MAX_EDGES + 1)).toBe('force');
  });

  it('always honours a force request', () => {
    expect(effectiveLayout('force', 5, 5)).toBe('force');
  });
});
