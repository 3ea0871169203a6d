import { describe, expect, it } from 'vitest';
import { anomaly, delta, edge, node, snapshot } from '../testing/builders';
import { applyDelta, emptyGraphState, fromSnapshot, MAX_RESOLVED, type GraphState } from './graphState';

const A = 'workload/shop/frontend';
const B = 'workload/shop/cart';
const C = 'workload/shop/redis';

function base(): GraphState {
  return fromSnapshot(snapshot(10, [node(A), node(B)], [edge(A, B)]));
}

function applied(state: GraphState, d: Parameters<typeof applyDelta>[1]): GraphState {
  const r = applyDelta(state, d);
  if (r.kind !== 'applied') throw new Error(`expected applied, got ${r.kind}`);
  return r.state;
}

describe('fromSnapshot', () => {
  it('holds the snapshot whole', () => {
    const s = base();
    expect(s.seq).toBe(10);
    expect([...s.nodes.keys()]).toEqual([A, B]);
    expect([...s.edges.keys()]).toEqual([`${A}->${B}`]);
    expect(s.bytesMeasured).toBe(true);
  });

  it('replaces an earlier state entirely (nothing of the old graph survives)', () => {
    const old = applied(base(), delta(11, { nodes_added: [node(C)] }));
    const s = fromSnapshot(snapshot(50, [node(C)], []), old);
    expect([...s.nodes.keys()]).toEqual([C]);
    expect(s.edges.size).toBe(0);
    expect(s.seq).toBe(50);
    expect(s.structureVersion).toBeGreaterThan(old.structureVersion);
  });

  it('keeps only active anomalies as active', () => {
    const s = fromSnapshot(
      snapshot(1, [], [], { anomalies: [anomaly('a1'), anomaly('a2', { status: 'resolved' })] }),
    );
    expect([...s.anomalies.keys()]).toEqual(['a1']);
  });
});

describe('applyDelta', () => {
  it('adds, updates and removes nodes and edges', () => {
    const s = applied(
      base(),
      delta(11, {
        nodes_added: [node(C)],
        nodes_updated: [node(A, { is_active: false })],
        edges_added: [edge(B, C)],
        edges_updated: [edge(A, B, { bytes_per_sec: 99 })],
      }),
    );
    expect(s.seq).toBe(11);
    expect(s.nodes.get(C)).toBeDefined();
    expect(s.nodes.get(A)?.is_active).toBe(false);
    expect(s.edges.get(`${A}->${B}`)?.flow_data.bytes_per_sec).toBe(99);
    expect(s.edges.has(`${B}->${C}`)).toBe(true);

    const t = applied(s, delta(12, { edges_removed: [`${B}->${C}`], nodes_removed: [C] }));
    expect(t.nodes.has(C)).toBe(false);
    expect(t.edges.has(`${B}->${C}`)).toBe(false);
  });

  it('does not change the state it was given', () => {
    const s = base();
    applied(s, delta(11, { nodes_removed: [A] }));
    expect(s.nodes.has(A)).toBe(true);
    expect(s.seq).toBe(10);
  });

  it('removes the edges of a removed node even when the delta forgot them', () => {
    const s = applied(base(), delta(11, { nodes_removed: [B] }));
    expect(s.edges.size).toBe(0);
  });

  it('counts structure changes, not metric changes', () => {
    const s = base();
    const metricsOnly = applied(s, delta(11, { edges_updated: [edge(A, B, { bytes_per_sec: 5 })] }));
    expect(metricsOnly.structureVersion).toBe(s.structureVersion);
    const added = applied(metricsOnly, delta(12, { nodes_added: [node(C)] }));
    expect(added.structureVersion).toBe(s.structureVersion + 1);
  });

  it('asks for a resync on a sequence gap', () => {
    const r = applyDelta(base(), delta(13));
    expect(r.kind).toBe('resync');
    if (r.kind === 'resync') expect(r.reason).toContain('expected 11, got 13');
  });

  it('asks for a resync when no snapshot came yet', () => {
    expect(applyDelta(emptyGraphState(), delta(1)).kind).toBe('resync');
  });

  it('asks for a resync when the delta has no usable sequence number', () => {
    expect(applyDelta(base(), delta(Number.NaN)).kind).toBe('resync');
  });

  it('ignores an old or repeated delta', () => {
    expect(applyDelta(base(), delta(10)).kind).toBe('stale');
    expect(applyDelta(base(), delta(3)).kind).toBe('stale');
  });

  it('tracks anomalies: new, updated, resolved', () => {
    let s = applied(base(), delta(11, { anomalies_new: [anomaly('x', { severity: 'low' })] }));
    expect(s.anomalies.get('x')?.severity).toBe('low');
    s = applied(s, delta(12, { anomalies_updated: [anomaly('x', { severity: 'critical' })] }));
    expect(s.anomalies.get('x')?.severity).toBe('critical');
    s = applied(s, delta(13, { anomalies_resolved: [anomaly('x')] }));
    expect(s.anomalies.has('x')).toBe(false);
    expect(s.resolved.map((a) => a.id)).toEqual(['x']);
    expect(s.resolved[0]?.status).toBe('resolved');
  });

  it('keeps at most MAX_RESOLVED resolved anomalies, newest first', () => {
    let s = base();
    for (let i = 0; i < MAX_RESOLVED + 5; i++) {
      s = applied(s, delta(s.seq + 1, { anomalies_resolved: [anomaly(`r${i}`)] }));
    }
    expect(s.resolved).toHaveLength(MAX_RESOLVED);
    expect(s.resolved[0]?.id).toBe(`r${MAX_RESOLVED + 4}`);
  });

  it('takes the source status from the delta when it has one', () => {
    const s = applied(
      base(),
      delta(11, {
        status: { kind: 'hubble', target: 'relay:80', state: 'BACKING_OFF', detail: 'x', flows_received: 3 },
      }),
    );
    expect(s.status?.state).toBe('BACKING_OFF');
    expect(applied(s, delta(12)).status?.state).toBe('BACKING_OFF');
  });
});
