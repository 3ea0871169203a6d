import { decodeFlowMessage, decodeGraphMessage } from './decode';
import { flowQueryString, graphQueryString } from './rest';
import { ReconnectingSocket, wsUrl, type SocketOptions, type SocketState } from './socket';
import type { Flow, FlowQuery, GraphMessage, GraphQuery } from './types';

/** The graph stream (/ws/graph): snapshots and deltas for one subscription, reconnecting by itself. */
export class GraphStream {
  private readonly socket: ReconnectingSocket;
  /** Messages of an unknown type, skipped. */
  unknown = 0;

  constructor(
    query: GraphQuery,
    handlers: { onMessage(m: GraphMessage): void; onState(s: SocketState): void },
    options: SocketOptions = {},
    location: { protocol: string; host: string } = window.location,
  ) {
    const qs = graphQueryString(query);
    this.socket = new ReconnectingSocket(
      () => wsUrl('/ws/graph', qs, location),
      {
        onMessage: (raw) => {
          const m = decodeGraphMessage(raw);
          if (m === null) this.unknown++;
          else handlers.onMessage(m);
        },
        onState: handlers.onState,
      },
      options,
    );
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  /** Asks the server for a fresh snapshot (after a sequence gap). */
  requestResync(): boolean {
    return this.socket.send({ type: 'resync' });
  }
}

/** The flow stream (/ws/flows): one flow per message, reconnecting by itself. */
export class FlowStream {
  private readonly socket: ReconnectingSocket;
  /** Flows the server said it dropped for us. */
  lost = 0;
  unknown = 0;

  constructor(
    query: Partial<FlowQuery>,
    handlers: { onFlow(f: Flow): void; onState(s: SocketState): void; onLost?(count: number): void },
    options: SocketOptions = {},
    location: { protocol: string; host: string } = window.location,
  ) {
    const qs = flowQueryString(query);
    this.socket = new ReconnectingSocket(
      () => wsUrl('/ws/flows', qs, location),
      {
        onMessage: (raw) => {
          const m = decodeFlowMessage(raw);
          if (m === null) this.unknown++;
          else if (m.type === 'lost') {
            this.lost += m.count;
            handlers.onLost?.(m.count);
          } else handlers.onFlow(m.flow);
        },
        onState: handlers.onState,
      },
      options,
    );
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }
}
