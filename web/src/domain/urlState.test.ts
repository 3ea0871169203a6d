import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from './urlState';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const view: ViewState = {
      level: 'pod',
      namespaces: ['payments', 'shop'],
      label: 'app=cart',
      layout: 'force',
      selected: 'workload/shop/checkout->workload/payments/payments-api',
      hideSystem: true,
    };
    const search = serializeViewState(view);
    expect(parseViewState(search)).toEqual(view);
  });

  it('writes nothing for the default view and reads the default from nothing', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW);
  });

  it('writes only what differs from the default', () => {
    expect(serializeViewState({ ...DEFAULT_VIEW, level: 'namespace' })).toBe('?level=namespace');
    expect(serializeViewState({ ...DEFAULT_VIEW, hideSystem: true })).toBe('?hideSystem=1');
  });

  it('encodes characters that mean something in a query string', () => {
    const view = { ...DEFAULT_VIEW, label: 'app=a&b', selected: 'world/x?y=1#z' };
    const search = serializeViewState(view);
    expect(search).not.toContain('&b');
    expect(parseViewState(search)).toEqual(view);
  });

  it('falls back to defaults for unknown values', () => {
    const v = parseViewState('?level=galaxy&layout=spiral&hideSystem=maybe');
    expect(v.level).toBe('workload');
    expect(v.layout).toBe('layered');
    expect(v.hideSystem).toBe(false);
  });

  it('sorts and de-duplicates namespaces, dropping empty ones', () => {
    expect(parseViewState('?ns=shop,,payments,shop').namespaces).toEqual(['payments', 'shop']);
  });
});
