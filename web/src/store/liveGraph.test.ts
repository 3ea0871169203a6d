import { describe, expect, it } from 'vitest';
import type { SocketState } from '../api/socket';
import type { GraphMessage } from '../api/types';
import { delta, edge, node, snapshot } from '../testing/builders';
import { LiveGraph } from './liveGraph';

const A = 'workload/shop/a';
const B = 'workload/shop/b';

function harness() {
  let handlers: { onMessage(m: GraphMessage): void; onState(s: SocketState): void } | null = null;
  let resyncs = 0;
  let streams = 0;
  let now = 0;
  const live = new LiveGraph(
    { level: 'workload', namespaces: [], label: '', includeInactive: true },
    (_q, h) => {
      handlers = h;
      streams++;
      return { start() {}, stop() {}, requestResync: () => (resyncs++, true) };
    },
    () => now,
  );
  live.start();
  return {
    live,
    open: () => handlers!.onState({ kind: 'open' }),
    drop: () => handlers!.onState({ kind: 'waiting', attempt: 1, delayMs: 100, retryAt: 100 }),
    send: (m: GraphMessage) => handlers!.onMessage(m),
    resyncs: () => resyncs,
    streams: () => streams,
    advance: (ms: number) => (now += ms),
  };
}

describe('LiveGraph', () => {
  it('applies a snapshot then consecutive deltas', () => {
    const h = harness();
    h.open();
    h.send(snapshot(1, [node(A)], []));
    h.send(delta(2, { nodes_added: [node(B)], edges_added: [edge(A, B)] }));
    const s = h.live.store.get();
    expect(s.graph.seq).toBe(2);
    expect(s.graph.nodes.size).toBe(2);
    expect(s.awaitingSnapshot).toBe(false);
  });

  it('asks for a resync on a gap and ignores deltas until the snapshot comes', () => {
    const h = harness();
    h.open();
    h.send(snapshot(1, [node(A)], []));
    h.send(delta(3));
    expect(h.resyncs()).toBe(1);
    expect(h.live.store.get().awaitingSnapshot).toBe(true);
    h.send(delta(4, { nodes_added: [node(B)] }));
    expect(h.live.store.get().graph.nodes.has(B)).toBe(false);
    expect(h.resyncs()).toBe(1);
    h.send(snapshot(10, [node(A), node(B)], []));
    h.send(delta(11));
    expect(h.live.store.get().graph.seq).toBe(11);
  });

  it('asks again when the snapshot does not come', () => {
    const h = harness();
    h.open();
    h.send(snapshot(1, [node(A)], []));
    h.send(delta(5));
    h.advance(6000);
    h.send(delta(6));
    expect(h.resyncs()).toBe(2);
  });

  it('waits for the snapshot after a lost notice', () => {
    const h = harness();
    h.open();
    h.send(snapshot(1, [node(A)], []));
    h.send({ type: 'lost', count: 7 });
    h.send(delta(2, { nodes_added: [node(B)] }));
    expect(h.live.store.get().graph.nodes.has(B)).toBe(false);
    expect(h.live.store.get().lostMessages).toBe(7);
  });

  it('keeps the old graph while reconnecting and replaces it whole with the new snapshot', () => {
    const h = harness();
    h.open();
    h.send(snapshot(1, [node(A), node(B)], [edge(A, B)]));
    h.drop();
    expect(h.live.store.get().graph.nodes.size).toBe(2);
    expect(h.live.store.get().socket.kind).toBe('waiting');
    h.open();
    h.send(delta(2));
    expect(h.live.store.get().graph.seq).toBe(1);
    h.send(snapshot(500, [node(A)], []));
    const s = h.live.store.get();
    expect(s.graph.seq).toBe(500);
    expect([...s.graph.nodes.keys()]).toEqual([A]);
    expect(s.graph.edges.size).toBe(0);
  });

  it('opens a new subscription when the query changes, and not when it does not', () => {
    const h = harness();
    h.live.setQuery({ level: 'workload', namespaces: [], label: '', includeInactive: true });
    expect(h.streams()).toBe(1);
    h.live.setQuery({ level: 'pod', namespaces: [], label: '', includeInactive: true });
    expect(h.streams()).toBe(2);
    expect(h.live.store.get().graph.level).toBe('pod');
    expect(h.live.store.get().graph.nodes.size).toBe(0);
  });
});
