import type { Level } from '../api/types';

export type LayoutName = 'layered' | 'force';

/** What the address bar holds, so that a link reproduces the view. */
export interface ViewState {
  readonly level: Level;
  /** Namespaces shown; empty means all. */
  readonly namespaces: readonly string[];
  /** Label filter, e.g. "app=cart". */
  readonly label: string;
  readonly layout: LayoutName;
  /** Id of the selected node or edge. */
  readonly selected: string | null;
  readonly hideSystem: boolean;
}

export const DEFAULT_VIEW: ViewState = {
  level: 'workload',
  namespaces: [],
  label: '',
  layout: 'layered',
  selected: null,
  hideSystem: false,
};

const LEVELS: readonly string[] = ['pod', 'workload', 'namespace'];
const LAYOUTS: readonly string[] = ['layered', 'force'];
const MAX_PARAM = 1024;

/** Reads a query string ("?level=pod&ns=a,b..."); unknown or bad values fall back to the defaults. */
export function parseViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const get = (k: string) => (q.get(k) ?? '').slice(0, MAX_PARAM);
  const level = get('level');
  const layout = get('layout');
  const ns = get('ns')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const selected = get('sel');
  const hide = get('hideSystem');
  return {
    level: LEVELS.includes(level) ? (level as Level) : DEFAULT_VIEW.level,
    namespaces: [...new Set(ns)].sort(),
    label: get('label').trim(),
    layout: LAYOUTS.includes(layout) ? (layout as LayoutName) : DEFAULT_VIEW.layout,
    selected: selected === '' ? null : selected,
    hideSystem: hide === '1' || hide === 'true',
  };
}

/** Writes the non-default parts of a view as a query string ("" when everything is default, else "?..."). */
export function serializeViewState(view: ViewState): string {
  const q = new URLSearchParams();
  if (view.level !== DEFAULT_VIEW.level) q.set('level', view.level);
  if (view.namespaces.length > 0) q.set('ns', [...view.namespaces].sort().join(','));
  if (view.label.trim() !== '') q.set('label', view.label.trim());
  if (view.layout !== DEFAULT_VIEW.layout) q.set('layout', view.layout);
  if (view.selected) q.set('sel', view.selected);
  if (view.hideSystem) q.set('hideSystem', '1');
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
