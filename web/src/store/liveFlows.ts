import { fetchFlows } from '../api/rest';
import type { SocketState } from '../api/socket';
import { FlowStream } from '../api/streams';
import type { Flow, FlowQuery } from '../api/types';
import { pushNewest, unseen } from '../domain/filters';
import { Store } from './store';

/** Rows the flow table keeps: the newest this many. */
export const MAX_ROWS = 500;
const FLUSH_MS = 300;

export interface LiveFlowsState {
  readonly query: FlowQuery;
  /** What the table shows, newest first: live rows, or the rows frozen when paused. */
  readonly rows: readonly Flow[];
  readonly paused: boolean;
  /** Flows that arrived while paused. */
  readonly missed: number;
  readonly lost: number;
  readonly socket: SocketState;
}

const EMPTY_QUERY: FlowQuery = { namespace: '', pod: '', verdict: '', protocol: '' };

/**
 * The live flow table's data: /ws/flows filtered by the server on namespace, verdict and protocol, batched into
 * the newest MAX_ROWS rows a few times a second, frozen while paused.
 */
export class LiveFlows {
  readonly store = new Store<LiveFlowsState>({
    query: EMPTY_QUERY,
    rows: [],
    paused: false,
    missed: 0,
    lost: 0,
    socket: { kind: 'connecting', attempt: 0 },
  });
  private live: Flow[] = [];
  private pending: Flow[] = [];
  private stream: FlowStream | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private prefill: AbortController | null = null;

  start(): void {
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.subscribe(this.store.get().query);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.stream?.stop();
    this.stream = null;
    this.prefill?.abort();
  }

  setQuery(query: FlowQuery): void {
    const cur = this.store.get().query;
    if (
      cur.namespace === query.namespace &&
      cur.pod === query.pod &&
      cur.verdict === query.verdict &&
      cur.protocol === query.protocol
    ) {
      return;
    }
    this.stream?.stop();
    this.live = [];
    this.pending = [];
    this.store.set((s) => ({ ...s, query, rows: s.paused ? s.rows : [] }));
    this.subscribe(query);
  }

  setPaused(paused: boolean): void {
    this.store.set((s) => ({ ...s, paused, missed: 0, rows: paused ? s.rows : this.live }));
  }

  private subscribe(query: FlowQuery): void {
    const stream = new FlowStream(query, {
      onFlow: (f) => {
        if (this.stream === stream) this.pending.push(f);
      },
      onLost: (n) => this.store.set((s) => ({ ...s, lost: s.lost + n })),
      onState: (socket) => {
        if (this.stream === stream) this.store.set((s) => ({ ...s, socket }));
      },
    });
    this.stream = stream;
    stream.start();
    this.prefill?.abort();
    const ctrl = new AbortController();
    this.prefill = ctrl;
    fetchFlows({ ...query, limit: 200 }, ctrl.signal)
      .then((flows) => {
        if (this.stream !== stream || this.live.length > 0) return;
        // /api/flows gives oldest first or newest first depending on the server: sort by time, oldest first.
        const sorted = [...flows].sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''));
        this.pending = [...sorted, ...this.pending];
      })
      .catch(() => {
        // the stream fills the table anyway
      });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const arrived = this.pending;
    this.pending = [];
    const fresh = unseen(this.live, arrived);
    this.live = pushNewest(this.live, fresh, MAX_ROWS);
    this.store.set((s) => (s.paused ? { ...s, missed: s.missed + fresh.length } : { ...s, rows: this.live }));
  }
}
