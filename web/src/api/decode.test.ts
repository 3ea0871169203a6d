import { describe, expect, it } from 'vitest';
import { decodeEdge, decodeFlowMessage, decodeGraphMessage, decodeNode } from './decode';

describe('decode', () => {
  it('drops elements without an id instead of failing', () => {
    expect(decodeNode({ kind: 'pod' })).toBeNull();
    expect(decodeNode('nonsense')).toBeNull();
    expect(decodeEdge({ id: 'e', source: 'a' })).toBeNull();
  });

  it('fills missing fields with neutral defaults and unknown kinds with "unknown"', () => {
    const n = decodeNode({ id: 'x/y', kind: 'spaceship' })!;
    expect(n.kind).toBe('unknown');
    expect(n.labels).toEqual({});
    expect(n.label).toBe('x/y');
    const e = decodeEdge({
      id: 'e',
      source: 'a',
      target: 'b',
      health: 'meh',
      flow_data: { bytes_per_sec: 'NaN', error_rate: 7 },
    })!;
    expect(e.health).toBe('healthy');
    expect(e.flow_data.bytes_per_sec).toBe(0);
    expect(e.flow_data.error_rate).toBe(1);
    expect(e.flow_data.bytes_measured).toBeNull();
  });

  it('cuts oversized strings', () => {
    const n = decodeNode({ id: 'a', label: 'x'.repeat(10_000) })!;
    expect(n.label.length).toBeLessThan(2100);
  });

  it('decodes the three graph messages and rejects unknown ones', () => {
    expect(
      decodeGraphMessage({
        type: 'snapshot',
        seq: 4,
        graph: { nodes: [{ id: 'a' }, {}], edges: [] },
        anomalies: [],
      }),
    ).toMatchObject({ type: 'snapshot', seq: 4, graph: { nodes: [{ id: 'a' }] } });
    expect(decodeGraphMessage({ type: 'delta', seq: 5, nodes_added: [{ id: 'b' }] })).toMatchObject({
      type: 'delta',
      seq: 5,
      nodes_added: [{ id: 'b' }],
      edges_removed: [],
    });
    expect(decodeGraphMessage({ type: 'lost', count: 3 })).toEqual({ type: 'lost', count: 3 });
    expect(decodeGraphMessage({ type: 'gossip' })).toBeNull();
    expect(decodeGraphMessage([1, 2])).toBeNull();
  });

  it('gives a delta without a sequence number NaN (so the client resyncs)', () => {
    const m = decodeGraphMessage({ type: 'delta' });
    expect(m?.type === 'delta' && Number.isNaN(m.seq)).toBe(true);
  });

  it('tells flows from lost notices on the flow stream', () => {
    expect(decodeFlowMessage({ type: 'lost', count: 9 })).toEqual({ type: 'lost', count: 9 });
    expect(decodeFlowMessage({ id: 'f1', verdict: 'DROPPED' })).toMatchObject({
      type: 'flow',
      flow: { id: 'f1', verdict: 'DROPPED' },
    });
    expect(decodeFlowMessage({ verdict: 'DROPPED' })).toBeNull();
  });
});
