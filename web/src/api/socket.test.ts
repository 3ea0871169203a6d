import { describe, expect, it } from 'vitest';
import { ReconnectingSocket, wsUrl, type SocketState, type WebSocketLike } from './socket';

class FakeSocket implements WebSocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  readyState = 0;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  message(data: string): void {
    this.onmessage?.({ data });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: SocketState[] = [];
  const messages: unknown[] = [];
  const socket = new ReconnectingSocket(
    () => 'ws://test/ws/graph',
    { onMessage: (m) => messages.push(m), onState: (s) => states.push(s) },
    {
      policy: { initialMs: 100, maxMs: 1000, multiplier: 2, jitter: 0 },
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return timers.length;
      },
      clearTimer: () => {},
      now: () => 0,
    },
  );
  const last = () => sockets[sockets.length - 1]!;
  const fire = () => timers.shift()!.fn();
  return { socket, sockets, timers, states, messages, last, fire };
}

describe('ReconnectingSocket', () => {
  it('connects, reports open and passes parsed messages on', () => {
    const h = harness();
    h.socket.start();
    h.last().open();
    h.last().message('{"type":"snapshot","seq":1}');
    expect(h.states.map((s) => s.kind)).toEqual(['connecting', 'open']);
    expect(h.messages).toEqual([{ type: 'snapshot', seq: 1 }]);
  });

  it('skips and counts messages that are not JSON', () => {
    const h = harness();
    h.socket.start();
    h.last().open();
    h.last().message('<html>');
    expect(h.messages).toEqual([]);
    expect(h.socket.malformed).toBe(1);
  });

  it('reconnects after a drop with growing, capped waits', () => {
    const h = harness();
    h.socket.start();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      h.last().drop();
      waits.push(h.timers[0]!.ms);
      h.fire();
    }
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(h.sockets).toHaveLength(7);
    expect(h.states.filter((s) => s.kind === 'waiting')).toHaveLength(6);
  });

  it('starts over from the first wait once a message got through', () => {
    const h = harness();
    h.socket.start();
    h.last().drop();
    h.fire();
    h.last().drop();
    h.fire();
    h.last().open();
    h.last().message('{}');
    h.last().drop();
    expect(h.timers[0]!.ms).toBe(100);
  });

  it('keeps backing off when the server accepts and drops at once', () => {
    const h = harness();
    h.socket.start();
    h.last().open();
    h.last().drop();
    h.fire();
    h.last().open();
    h.last().drop();
    expect(h.timers[0]!.ms).toBe(200);
  });

  it('stops for good: no reconnect, socket closed', () => {
    const h = harness();
    h.socket.start();
    h.last().open();
    const s = h.last();
    h.socket.stop();
    expect(s.closed).toBe(true);
    expect(h.timers).toHaveLength(0);
    expect(h.states[h.states.length - 1]?.kind).toBe('closed');
  });

  it('sends only while open', () => {
    const h = harness();
    h.socket.start();
    expect(h.socket.send({ type: 'resync' })).toBe(false);
    h.last().open();
    expect(h.socket.send({ type: 'resync' })).toBe(true);
    expect(h.last().sent).toEqual(['{"type":"resync"}']);
  });
});

describe('wsUrl', () => {
  it('follows the page scheme', () => {
    expect(wsUrl('/ws/graph', '?level=pod', { protocol: 'http:', host: 'h:8080' })).toBe(
      'ws://h:8080/ws/graph?level=pod',
    );
    expect(wsUrl('/ws/flows', '', { protocol: 'https:', host: 'h' })).toBe('wss://h/ws/flows');
  });
});
