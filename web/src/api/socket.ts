import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../domain/backoff';

/** Where a reconnecting socket stands. */
export type SocketState =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'open' }
  | { readonly kind: 'waiting'; readonly attempt: number; readonly delayMs: number; readonly retryAt: number }
  | { readonly kind: 'closed' };

export interface SocketHandlers {
  /** One parsed JSON message. Text that is not JSON is counted (see malformed) and skipped. */
  onMessage(message: unknown): void;
  onState(state: SocketState): void;
}

/** The subset of the browser's WebSocket the client uses (so tests can hand in a fake). */
export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
  readonly readyState: number;
}

export interface SocketOptions {
  readonly policy?: BackoffPolicy;
  readonly createSocket?: (url: string) => WebSocketLike;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

const OPEN = 1;

/**
 * A WebSocket that reconnects by itself with capped exponential backoff and jitter. The attempt counter goes back
 * to zero only once a message has arrived, so a server that accepts and drops at once still backs off.
 */
export class ReconnectingSocket {
  private socket: WebSocketLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = true;
  /** Messages that were not JSON, skipped. */
  malformed = 0;
  private readonly policy: BackoffPolicy;
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly url: () => string,
    private readonly handlers: SocketHandlers,
    options: SocketOptions = {},
  ) {
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    this.createSocket = options.createSocket ?? ((u) => new WebSocket(u) as unknown as WebSocketLike);
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes for good (no reconnect). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close();
      } catch {
        // already closing
      }
    }
    this.handlers.onState({ kind: 'closed' });
  }

  /** Sends a JSON message if connected; returns whether it was sent. */
  send(message: unknown): boolean {
    if (this.socket === null || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private connect(): void {
    this.timer = null;
    if (this.stopped) return;
    this.handlers.onState({ kind: 'connecting', attempt: this.attempt });
    let s: WebSocketLike;
    try {
      s = this.createSocket(this.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      if (this.socket === s) this.handlers.onState({ kind: 'open' });
    };
    s.onmessage = (ev) => {
      if (this.socket !== s) return;
      this.attempt = 0;
      let parsed: unknown;
      try {
        parsed = JSON.parse(typeof ev.data === 'string' ? ev.data : String(ev.data));
      } catch {
        this.malformed++;
        return;
      }
      this.handlers.onMessage(parsed);
    };
    s.onerror = () => {
      // onclose follows and schedules the retry
    };
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delayMs = backoffDelay(this.attempt, this.policy, this.random);
    this.attempt++;
    this.handlers.onState({ kind: 'waiting', attempt: this.attempt, delayMs, retryAt: this.now() + delayMs });
    this.timer = this.setTimer(() => this.connect(), delayMs);
  }
}

/** ws:// or wss:// URL of a path on the page's own server. */
export function wsUrl(path: string, query: string, location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}${query}`;
}
