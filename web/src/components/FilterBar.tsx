import { useEffect, useRef, useState } from 'react';
import { LEVELS, type Level } from '../api/types';
import { isSystemNamespace, isValidLabelFilter } from '../domain/filters';
import type { LayoutName } from '../domain/urlState';
import type { Services } from '../store/services';
import { useStore } from '../store/store';
import { useNamespaces } from './useNamespaces';

/** The graph's view controls: level, namespaces, label, system namespaces, layout. */
export function FilterBar({ services }: { services: Services }) {
  return (
    <div className="filter-bar">
      <LevelSwitch services={services} />
      <NamespaceFilter services={services} />
      <LabelFilter services={services} />
      <HideSystemToggle services={services} />
      <LayoutSwitch services={services} />
    </div>
  );
}

const LEVEL_NAMES: Record<Level, string> = { pod: 'Pods', workload: 'Workloads', namespace: 'Namespaces' };

export function LevelSwitch({ services }: { services: Services }) {
  const level = useStore(services.view.store, (s) => s.level);
  return (
    <div className="segmented" role="group" aria-label="Graph level" data-testid="level-switch">
      {LEVELS.map((l) => (
        <button
          key={l}
          type="button"
          data-testid={`level-${l}`}
          aria-pressed={level === l}
          className={level === l ? 'active' : ''}
          onClick={() => services.view.update({ level: l, selected: null })}
        >
          {LEVEL_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

export function NamespaceFilter({ services }: { services: Services }) {
  const selected = useStore(services.view.store, (s) => s.namespaces);
  const all = useNamespaces(services);
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (ev: MouseEvent) => {
      if (ref.current && !ref.current.contains(ev.target as Node)) ref.current.open = false;
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, []);
  const options = [...new Set([...all, ...selected])].sort();
  const toggle = (ns: string) => {
    const next = selected.includes(ns) ? selected.filter((x) => x !== ns) : [...selected, ns].sort();
    services.view.update({ namespaces: next });
  };
  const summary =
    selected.length === 0
      ? 'All namespaces'
      : selected.length === 1
        ? selected[0]
        : `${selected.length} namespaces`;
  return (
    <details className="dropdown" data-testid="namespace-filter" ref={ref}>
      <summary data-testid="namespace-filter-toggle" title="Namespaces shown">
        {summary}
      </summary>
      <div className="dropdown-menu">
        <button
          type="button"
          className="link"
          data-testid="namespace-filter-all"
          onClick={() => services.view.update({ namespaces: [] })}
        >
          All namespaces
        </button>
        {options.length === 0 && <div className="muted">No namespaces yet</div>}
        {options.map((ns) => (
          <label key={ns} className="check">
            <input
              type="checkbox"
              data-testid="namespace-option"
              value={ns}
              checked={selected.includes(ns)}
              onChange={() => toggle(ns)}
            />
            <span>{ns}</span>
            {isSystemNamespace(ns) && <span className="muted"> (system)</span>}
          </label>
        ))}
      </div>
    </details>
  );
}

export function LabelFilter({ services }: { services: Services }) {
  const label = useStore(services.view.store, (s) => s.label);
  // Re-mounted when the applied label changes (e.g. back/forward), so the field shows it.
  return <LabelInput key={label} services={services} label={label} />;
}

function LabelInput({ services, label }: { services: Services; label: string }) {
  const [text, setText] = useState(label);
  const valid = isValidLabelFilter(text);
  const apply = () => {
    if (valid && text.trim() !== label) services.view.update({ label: text.trim() });
  };
  return (
    <input
      className={`label-filter ${valid ? '' : 'invalid'}`}
      data-testid="label-filter"
      type="search"
      placeholder="label, e.g. app=cart"
      aria-label="Label filter"
      title={valid ? 'Only nodes with this label (key=value)' : 'Use key=value, comma separated'}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
    />
  );
}

export function HideSystemToggle({ services }: { services: Services }) {
  const hide = useStore(services.view.store, (s) => s.hideSystem);
  return (
    <label className="check" title="Hide kube-system, monitoring and other system namespaces">
      <input
        type="checkbox"
        data-testid="hide-system"
        checked={hide}
        onChange={(e) => services.view.update({ hideSystem: e.target.checked })}
      />
      <span>Hide system</span>
    </label>
  );
}

export function LayoutSwitch({ services }: { services: Services }) {
  const layout = useStore(services.view.store, (s) => s.layout);
  return (
    <select
      data-testid="layout-switch"
      aria-label="Layout"
      value={layout}
      onChange={(e) => services.view.update({ layout: e.target.value as LayoutName })}
    >
      <option value="layered">Layered (left to right)</option>
      <option value="force">Force-directed</option>
    </select>
  );
}
