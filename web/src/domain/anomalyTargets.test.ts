import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../api/types';
import { anomaly, edge, node } from '../testing/builders';
import { anomalyBadges, anomalyTargets, endNodeIds } from './anomalyTargets';

function maps(nodes: GraphNode[], edges: GraphEdge[] = []) {
  return {
    nodes: new Map(nodes.map((n) => [n.id, n])),
    edges: new Map(edges.map((e) => [e.id, e])),
  };
}

const scan = anomaly('a', {
  type: 'port_scan',
  source_node: 'workload/shop/checkout',
  source_pod: 'shop/checkout-7d4b9c6f5-x2k4f',
  dest_node: 'workload/payments/api',
  dest_pod: 'payments/api-5f6d7-abcde',
});

describe('endNodeIds', () => {
  it('uses the workload node at workload level', () => {
    const { nodes } = maps([node('workload/shop/checkout')]);
    expect(endNodeIds('workload/shop/checkout', 'shop/checkout-1', 'workload', nodes)).toEqual([
      'workload/shop/checkout',
    ]);
  });

  it('uses the pod at pod level', () => {
    const { nodes } = maps([node('pod/shop/checkout-1'), node('pod/shop/checkout-2')]);
    expect(endNodeIds('workload/shop/checkout', 'shop/checkout-1', 'pod', nodes)).toEqual([
      'pod/shop/checkout-1',
    ]);
  });

  it('falls back to every pod of the workload at pod level when the pod is unknown', () => {
    const { nodes } = maps([
      node('pod/shop/checkout-1'),
      node('pod/shop/checkout-2'),
      node('pod/shop/cart-1'),
    ]);
    expect(endNodeIds('workload/shop/checkout', null, 'pod', nodes).sort()).toEqual([
      'pod/shop/checkout-1',
      'pod/shop/checkout-2',
    ]);
  });

  it('uses the namespace at namespace level', () => {
    const { nodes } = maps([node('namespace/shop')]);
    expect(endNodeIds('workload/shop/checkout', 'shop/checkout-1', 'namespace', nodes)).toEqual([
      'namespace/shop',
    ]);
  });

  it('uses outside nodes as they are at every level', () => {
    const { nodes } = maps([node('world/api.stripe.com')]);
    for (const level of ['pod', 'workload', 'namespace'] as const) {
      expect(endNodeIds('world/api.stripe.com', null, level, nodes)).toEqual(['world/api.stripe.com']);
    }
  });

  it('finds nothing for nodes not in the graph', () => {
    expect(endNodeIds('workload/x/y', 'x/y-1', 'workload', new Map())).toEqual([]);
  });
});

describe('anomalyTargets', () => {
  it('finds both ends and the edge between them', () => {
    const e = edge('workload/shop/checkout', 'workload/payments/api');
    const { nodes, edges } = maps(
      [node('workload/shop/checkout'), node('workload/payments/api'), node('workload/shop/cart')],
      [e, edge('workload/shop/checkout', 'workload/shop/cart')],
    );
    const t = anomalyTargets(scan, 'workload', nodes, edges);
    expect(t.nodeIds.sort()).toEqual(['workload/payments/api', 'workload/shop/checkout']);
    expect(t.edgeIds).toEqual([e.id]);
  });

  it('marks only the source when there is no destination', () => {
    const a = anomaly('dns', { type: 'dns_anomaly', source_node: 'workload/shop/checkout' });
    const { nodes, edges } = maps(
      [node('workload/shop/checkout'), node('workload/kube-system/coredns')],
      [edge('workload/shop/checkout', 'workload/kube-system/coredns')],
    );
    const t = anomalyTargets(a, 'workload', nodes, edges);
    expect(t.nodeIds).toEqual(['workload/shop/checkout']);
    expect(t.edgeIds).toEqual([]);
  });
});

describe('anomalyBadges', () => {
  it('keeps the worst severity per element and ignores resolved anomalies', () => {
    const { nodes, edges } = maps(
      [node('workload/shop/checkout'), node('workload/payments/api')],
      [edge('workload/shop/checkout', 'workload/payments/api')],
    );
    const b = anomalyBadges(
      [
        { ...scan, id: '1', severity: 'low' },
        { ...scan, id: '2', severity: 'critical' },
        { ...scan, id: '3', severity: 'high' },
        {
          ...scan,
          id: '4',
          severity: 'critical',
          status: 'resolved',
          source_node: 'workload/payments/api',
          dest_node: null,
          dest_pod: null,
          source_pod: null,
        },
      ],
      'workload',
      nodes,
      edges,
    );
    expect(b.nodes.get('workload/shop/checkout')).toBe('critical');
    expect(b.edges.get('workload/shop/checkout->workload/payments/api')).toBe('critical');
  });
});
