import { describe, expect, it } from 'vitest';
import { anomaly, edge, node, snapshot } from '../testing/builders';
import { fromSnapshot } from './graphState';
import { groupId } from './nodes';
import { buildElements, diffById, effectiveHealth } from './view';

const A = 'workload/shop/frontend';
const B = 'workload/shop/cart';
const W = 'world/api.stripe.com';
const NO_FILTER = { namespaces: [], hideSystem: false };

describe('buildElements', () => {
  const state = fromSnapshot(
    snapshot(
      1,
      [node(A), node(B), node(W), node('workload/kube-system/coredns')],
      [
        edge(A, B, { bytes_per_sec: 1536, is_active: true }),
        edge(B, W, { is_active: false, bytes_per_sec: 0 }),
      ],
      { anomalies: [anomaly('x', { severity: 'critical', source_node: A, dest_node: B })] },
    ),
  );
  const view = buildElements(state, NO_FILTER);

  it('groups namespaced nodes under their namespace and leaves outside nodes alone', () => {
    expect(view.nodes.get(A)?.parent).toBe(groupId('shop'));
    expect(view.nodes.get(groupId('shop'))?.kind).toBe('group');
    expect(view.nodes.get(W)?.parent).toBe('');
  });

  it('gives cluster DNS its own kind', () => {
    expect(view.nodes.get('workload/kube-system/coredns')?.kind).toBe('dns');
  });

  it('labels and sizes edges by bandwidth, marks idle ones', () => {
    const e = view.edges.get(`${A}->${B}`)!;
    expect(e.label).toContain('1.5 KB/s');
    expect(e.active).toBe(true);
    expect(e.width).toBeGreaterThan(1);
    expect(view.edges.get(`${B}->${W}`)?.active).toBe(false);
  });

  it('badges the nodes and edge of an anomaly', () => {
    expect(view.nodes.get(A)?.anomaly).toBe('critical');
    expect(view.nodes.get(B)?.anomaly).toBe('critical');
    expect(view.edges.get(`${A}->${B}`)?.anomaly).toBe('critical');
    expect(view.edges.get(`${A}->${B}`)?.label.startsWith('⚠')).toBe(true);
    expect(view.nodes.get(W)?.anomaly).toBe('');
  });

  it('labels and sizes by flow rate when bytes are not measured', () => {
    const s = fromSnapshot(
      snapshot(
        1,
        [node(A), node(B)],
        [edge(A, B, { bytes_per_sec: 0, flows_per_sec: 12, bytes_measured: false })],
        {
          bytes_measured: false,
        },
      ),
    );
    const v = buildElements(s, NO_FILTER);
    expect(v.edges.get(`${A}->${B}`)?.label).toBe('12 flows/s');
    expect(v.edges.get(`${A}->${B}`)?.byBytes).toBe(false);
    expect(v.bytesMeasured).toBe(false);
  });

  it('does not group at namespace level', () => {
    const s = fromSnapshot(snapshot(1, [node('namespace/shop')], [], { level: 'namespace' }));
    const v = buildElements(s, NO_FILTER);
    expect([...v.nodes.keys()]).toEqual(['namespace/shop']);
  });

  it('applies the namespace filter', () => {
    const v = buildElements(state, { namespaces: ['kube-system'], hideSystem: false });
    expect([...v.nodes.keys()].sort()).toEqual([groupId('kube-system'), 'workload/kube-system/coredns']);
  });
});

describe('effectiveHealth', () => {
  it('takes the worse of the server health and the error rate', () => {
    expect(effectiveHealth(edge(A, B, { error_rate: 0 }))).toBe('healthy');
    expect(effectiveHealth(edge(A, B, { error_rate: 0.06 }))).toBe('warning');
    expect(effectiveHealth(edge(A, B, { error_rate: 0.5 }))).toBe('critical');
    expect(effectiveHealth(edge(A, B, { error_rate: 0 }, 'critical'))).toBe('critical');
  });
});

describe('diffById', () => {
  it('reports added, changed and removed elements by id, ignoring equal ones', () => {
    const prev = new Map([
      ['a', { id: 'a', v: 1 }],
      ['b', { id: 'b', v: 1 }],
      ['c', { id: 'c', v: 1 }],
    ]);
    const next = new Map([
      ['a', { id: 'a', v: 1 }],
      ['b', { id: 'b', v: 2 }],
      ['d', { id: 'd', v: 1 }],
    ]);
    const d = diffById(prev, next);
    expect(d.added.map((x) => x.id)).toEqual(['d']);
    expect(d.updated.map((x) => x.id)).toEqual(['b']);
    expect(d.removed).toEqual(['c']);
  });

  it('sees nothing to do when rebuilt from unchanged data', () => {
    const s = fromSnapshot(snapshot(1, [node(A), node(B)], [edge(A, B)]));
    const d1 = buildElements(s, NO_FILTER);
    const d2 = buildElements(s, NO_FILTER);
    const nd = diffById(d1.nodes, d2.nodes);
    const ed = diffById(d1.edges, d2.edges);
    expect(nd.added.length + nd.updated.length + nd.removed.length).toBe(0);
    expect(ed.added.length + ed.updated.length + ed.removed.length).toBe(0);
  });
});
