import { describe, expect, it } from 'vitest';
import { flowQueryString, graphQueryString } from './rest';

describe('query strings', () => {
  it('encodes a graph subscription', () => {
    expect(
      graphQueryString({ level: 'pod', namespaces: ['a', 'b'], label: 'app=x', includeInactive: true }),
    ).toBe('?level=pod&namespace=a%2Cb&label=app%3Dx&include_inactive=true');
    expect(graphQueryString({ level: 'workload', namespaces: [], label: ' ', includeInactive: false })).toBe(
      '?level=workload&include_inactive=false',
    );
  });

  it('leaves empty flow filters out', () => {
    expect(flowQueryString({ namespace: '', verdict: 'DROPPED', limit: 50 })).toBe(
      '?limit=50&verdict=DROPPED',
    );
    expect(flowQueryString({})).toBe('');
  });
});
