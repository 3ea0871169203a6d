import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from '../domain/urlState';
import { Store } from './store';

/** The view state (level, filters, layout, selection), mirrored in the address bar so that a link reproduces it. */
export class ViewStore {
  readonly store: Store<ViewState>;

  constructor(private readonly win: Window | null = typeof window === 'undefined' ? null : window) {
    this.store = new Store<ViewState>(win ? parseViewState(win.location.search) : DEFAULT_VIEW);
    win?.addEventListener('popstate', () => this.store.set(parseViewState(win.location.search)));
  }

  update(patch: Partial<ViewState>): void {
    const next = { ...this.store.get(), ...patch };
    this.store.set(next);
    if (this.win) {
      const search = serializeViewState(next);
      if (search !== this.win.location.search) {
        this.win.history.replaceState(
          null,
          '',
          `${this.win.location.pathname}${search}${this.win.location.hash}`,
        );
      }
    }
  }
}
