import { describe, expect, it } from 'vitest';
import { edge, flow, node } from '../testing/builders';
import {
  EMPTY_FLOW_FILTER,
  filterGraph,
  isSystemNamespace,
  isValidLabelFilter,
  matchesFlowFilter,
  pushNewest,
  unseen,
} from './filters';

const front = node('workload/shop/frontend');
const pay = node('workload/payments/api');
const dns = node('workload/kube-system/coredns');
const prom = node('workload/monitoring/prometheus');
const stripe = node('world/api.stripe.com');
const host = node('host/sim-node-1');
const nodes = [front, pay, dns, prom, stripe, host];
const edges = [
  edge(front.id, pay.id),
  edge(front.id, dns.id),
  edge(pay.id, stripe.id),
  edge(prom.id, front.id),
  edge(host.id, dns.id),
];

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('filterGraph', () => {
  it('shows everything without a filter', () => {
    const g = filterGraph(nodes, edges, { namespaces: [], hideSystem: false });
    expect(g.nodes).toHaveLength(nodes.length);
    expect(g.edges).toHaveLength(edges.length);
  });

  it('drops edges whose ends are not in the graph', () => {
    const g = filterGraph([front], [edge(front.id, 'workload/gone/x')], {
      namespaces: [],
      hideSystem: false,
    });
    expect(g.edges).toHaveLength(0);
  });

  it('keeps the chosen namespaces and the outside nodes they talk to', () => {
    const g = filterGraph(nodes, edges, { namespaces: ['payments'], hideSystem: false });
    expect(ids(g.nodes)).toEqual([pay.id, stripe.id]);
    expect(ids(g.edges)).toEqual([`${pay.id}->${stripe.id}`]);
  });

  it('hides system namespaces and outside nodes that only talked to them', () => {
    const g = filterGraph(nodes, edges, { namespaces: [], hideSystem: true });
    expect(ids(g.nodes)).toEqual([stripe.id, pay.id, front.id].sort());
    expect(g.edges.every((e) => !e.source.includes('kube-system') && !e.target.includes('kube-system'))).toBe(
      true,
    );
    expect(g.nodes.some((n) => n.id === host.id)).toBe(false);
  });

  it('knows the usual system namespaces', () => {
    expect(isSystemNamespace('kube-system')).toBe(true);
    expect(isSystemNamespace('monitoring')).toBe(true);
    expect(isSystemNamespace('shop')).toBe(false);
    expect(isSystemNamespace(null)).toBe(false);
  });
});

describe('isValidLabelFilter', () => {
  it('accepts key=value lists and nothing', () => {
    expect(isValidLabelFilter('')).toBe(true);
    expect(isValidLabelFilter('app=cart')).toBe(true);
    expect(isValidLabelFilter('app=cart,app.kubernetes.io/tier=web')).toBe(true);
  });
  it('rejects what is not a selector', () => {
    expect(isValidLabelFilter('app')).toBe(false);
    expect(isValidLabelFilter('<script>=1')).toBe(false);
  });
});

describe('matchesFlowFilter', () => {
  const f = flow('1', {
    verdict: 'DROPPED',
    drop_reason: 'POLICY_DENIED',
    protocol: 'HTTP',
    l7_summary: 'GET http://cart/api/cart 200 12ms',
    dest_namespace: 'payments',
    dest_pod: 'payments/api-1',
  });

  it('matches everything with an empty filter', () => {
    expect(matchesFlowFilter(f, EMPTY_FLOW_FILTER)).toBe(true);
  });

  it('matches text anywhere, ignoring case', () => {
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, text: 'API/CART' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, text: 'policy_denied' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, text: 'nowhere' })).toBe(false);
  });

  it('matches a namespace at either end', () => {
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, namespace: 'payments' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, namespace: 'shop' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, namespace: 'kube-system' })).toBe(false);
  });

  it('matches verdict and protocol (L7 or L4)', () => {
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, verdict: 'dropped' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, verdict: 'FORWARDED' })).toBe(false);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, protocol: 'http' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, protocol: 'TCP' })).toBe(true);
    expect(matchesFlowFilter(f, { ...EMPTY_FLOW_FILTER, protocol: 'UDP' })).toBe(false);
  });
});

describe('unseen', () => {
  it('drops what the list has and repeats among the arrivals, keeping their order', () => {
    const list = [flow('a'), flow('b')];
    const arrived = [flow('b'), flow('c'), flow('d'), flow('c'), flow('a'), flow('e')];
    expect(unseen(list, arrived).map((f) => f.id)).toEqual(['c', 'd', 'e']);
  });
});

describe('pushNewest', () => {
  it('puts the latest arrival first and keeps at most cap', () => {
    expect(pushNewest([3, 2, 1], [4, 5], 4)).toEqual([5, 4, 3, 2]);
  });
  it('keeps only the newest arrivals when more than cap arrive at once', () => {
    expect(pushNewest([1], [2, 3, 4, 5, 6], 3)).toEqual([6, 5, 4]);
  });
});
