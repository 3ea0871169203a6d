import { useSyncExternalStore } from 'react';

/** A minimal observable value for React (useSyncExternalStore) and for imperative listeners (the graph canvas). */
export class Store<S> {
  private listeners = new Set<() => void>();

  constructor(private state: S) {}

  readonly get = (): S => this.state;

  set(next: S | ((s: S) => S)): void {
    const value = typeof next === 'function' ? (next as (s: S) => S)(this.state) : next;
    if (Object.is(value, this.state)) return;
    this.state = value;
    for (const l of [...this.listeners]) l();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The part of a store's state a component shows; the selector must return stable references. */
export function useStore<S, T>(store: Store<S>, selector: (s: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}
