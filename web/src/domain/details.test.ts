import { describe, expect, it } from 'vitest';
import { edge, flow, node, snapshot } from '../testing/builders';
import { flowEndIs, recentFlowsQuery, summarizeNode } from './details';
import { fromSnapshot } from './graphState';

const A = 'workload/shop/frontend';
const B = 'workload/shop/cart';
const C = 'workload/shop/checkout';

describe('summarizeNode', () => {
  const state = fromSnapshot(
    snapshot(
      1,
      [node(A), node(B), node(C)],
      [
        edge(A, B, {
          bytes_per_sec: 100,
          flows_per_sec: 10,
          error_rate: 0.1,
          protocols: ['HTTP'],
          l7: { http_paths: [{ path: '/api/cart', count: 5 }], http_codes: {}, dns_names: [] },
        }),
        edge(C, A, {
          bytes_per_sec: 50,
          flows_per_sec: 30,
          error_rate: 0,
          protocols: ['TCP'],
          is_active: false,
        }),
        edge(B, C, { bytes_per_sec: 999 }),
      ],
    ),
  );
  const s = summarizeNode(A, state);

  it('adds up in and out over its own edges only', () => {
    expect(s.outRate).toBe(100);
    expect(s.inRate).toBe(50);
    expect(s.peers).toBe(2);
    expect(s.activeEdges).toBe(1);
  });

  it('weights the error rate by flows', () => {
    expect(s.errorRate).toBeCloseTo((10 * 0.1) / 40);
  });

  it('collects protocols and top paths', () => {
    expect(s.protocols).toEqual(['HTTP', 'TCP']);
    expect(s.httpPaths).toEqual([{ path: '/api/cart', count: 5 }]);
  });
});

describe('flowEndIs', () => {
  const f = flow('1', {
    source_pod: 'shop/frontend-abc-1',
    source_workload: 'frontend',
    dest_pod: '',
    dest_names: ['api.stripe.com'],
    dest_namespace: null,
  });

  it('matches a pod, its workload and its namespace', () => {
    expect(flowEndIs(f, 'source', node('pod/shop/frontend-abc-1', { kind: 'pod' }))).toBe(true);
    expect(flowEndIs(f, 'source', node('workload/shop/frontend'))).toBe(true);
    expect(flowEndIs(f, 'source', node('namespace/shop', { kind: 'namespace', namespace: 'shop' }))).toBe(
      true,
    );
    expect(flowEndIs(f, 'source', node('workload/shop/cart'))).toBe(false);
  });

  it('matches outside nodes by name', () => {
    expect(flowEndIs(f, 'dest', node('world/api.stripe.com', { label: 'api.stripe.com' }))).toBe(true);
    expect(flowEndIs(f, 'dest', node('world/example.org', { label: 'example.org' }))).toBe(false);
  });
});

describe('recentFlowsQuery', () => {
  it('asks by pod for pods and by namespace for the rest', () => {
    expect(recentFlowsQuery(node('pod/shop/frontend-1'))).toEqual({ pod: 'shop/frontend-1' });
    expect(recentFlowsQuery(node('workload/shop/frontend'))).toEqual({ namespace: 'shop' });
    expect(recentFlowsQuery(node('world/x'))).toEqual({});
  });
});
