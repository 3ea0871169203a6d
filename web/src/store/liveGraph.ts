import type { SocketState } from '../api/socket';
import { GraphStream } from '../api/streams';
import type { GraphMessage, GraphQuery } from '../api/types';
import { applyDelta, emptyGraphState, fromSnapshot, type GraphState } from '../domain/graphState';
import { Store } from './store';

export interface LiveGraphState {
  readonly query: GraphQuery;
  readonly graph: GraphState;
  readonly socket: SocketState;
  /** A snapshot was asked for (gap) or announced (lost): deltas are ignored until it comes. */
  readonly awaitingSnapshot: boolean;
  readonly resyncs: number;
  readonly lostMessages: number;
}

/** Milliseconds after which a snapshot that has not come is asked for again. */
const RESYNC_RETRY_MS = 5000;

/** Listener told of every applied message, with the time it took to apply (for the performance probe). */
export type ApplyListener = (kind: 'snapshot' | 'delta', ms: number) => void;

/**
 * The live graph: one subscription to /ws/graph at a time, its messages folded into a GraphState. A new query
 * (level, namespaces, label) replaces the subscription; a reconnect's snapshot replaces the state whole.
 */
export class LiveGraph {
  readonly store: Store<LiveGraphState>;
  private stream: Pick<GraphStream, 'start' | 'stop' | 'requestResync'> | null = null;
  private awaitingSince = 0;

  constructor(
    query: GraphQuery,
    private readonly openStream: (
      q: GraphQuery,
      handlers: { onMessage(m: GraphMessage): void; onState(s: SocketState): void },
    ) => Pick<GraphStream, 'start' | 'stop' | 'requestResync'> = (q, h) => new GraphStream(q, h),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.store = new Store<LiveGraphState>({
      query,
      graph: emptyGraphState(query.level),
      socket: { kind: 'connecting', attempt: 0 },
      awaitingSnapshot: true,
      resyncs: 0,
      lostMessages: 0,
    });
  }

  private applyListeners = new Set<ApplyListener>();

  /** Tells the listener what each applied message cost; returns the unsubscribe function. */
  onApplied(listener: ApplyListener): () => void {
    this.applyListeners.add(listener);
    return () => this.applyListeners.delete(listener);
  }

  private applied(kind: 'snapshot' | 'delta', ms: number): void {
    for (const l of this.applyListeners) l(kind, ms);
  }

  start(): void {
    this.subscribe(this.store.get().query);
  }

  stop(): void {
    this.stream?.stop();
    this.stream = null;
  }

  /** Changes what is subscribed to; a no-op when the query is the same. */
  setQuery(query: GraphQuery): void {
    const cur = this.store.get().query;
    if (
      cur.level === query.level &&
      cur.label === query.label &&
      cur.includeInactive === query.includeInactive &&
      cur.namespaces.join(',') === query.namespaces.join(',')
    ) {
      return;
    }
    this.stop();
    this.store.set((s) => ({
      ...s,
      query,
      graph: { ...emptyGraphState(query.level), structureVersion: s.graph.structureVersion + 1 },
      awaitingSnapshot: true,
    }));
    this.subscribe(query);
  }

  private subscribe(query: GraphQuery): void {
    const stream = this.openStream(query, {
      onMessage: (m) => {
        if (this.stream === stream) this.handle(m);
      },
      onState: (socket) => {
        if (this.stream !== stream) return;
        // A new connection always begins with a snapshot: until it comes, deltas are not ours to apply.
        if (socket.kind === 'open') this.awaitingSince = this.now();
        this.store.set((s) => ({
          ...s,
          socket,
          awaitingSnapshot: socket.kind === 'open' ? true : s.awaitingSnapshot,
        }));
      },
    });
    this.stream = stream;
    stream.start();
  }

  /** Folds one message into the state (public for tests). */
  handle(m: GraphMessage): void {
    const t0 = performance.now();
    const s = this.store.get();
    switch (m.type) {
      case 'snapshot': {
        const graph = fromSnapshot(m, s.graph);
        // Told before the store changes: the graph canvas redraws inside store.set and records this cost with it.
        this.applied('snapshot', performance.now() - t0);
        this.store.set({ ...s, graph, awaitingSnapshot: false });
        return;
      }
      case 'lost':
        this.awaitingSince = this.now();
        this.store.set({ ...s, awaitingSnapshot: true, lostMessages: s.lostMessages + m.count });
        return;
      case 'delta': {
        if (s.awaitingSnapshot) {
          if (this.now() - this.awaitingSince > RESYNC_RETRY_MS) this.resync(s);
          return;
        }
        const r = applyDelta(s.graph, m);
        if (r.kind === 'applied') {
          this.applied('delta', performance.now() - t0);
          this.store.set({ ...s, graph: r.state });
        } else if (r.kind === 'resync') {
          this.resync(s);
        }
        return;
      }
    }
  }

  private resync(s: LiveGraphState): void {
    this.awaitingSince = this.now();
    this.stream?.requestResync();
    this.store.set({ ...s, awaitingSnapshot: true, resyncs: s.resyncs + 1 });
  }
}
