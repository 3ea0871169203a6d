import type { SocketState } from '../api/socket';
import type { SourceStatus } from '../api/types';

export type ConnectionKind = 'connecting' | 'connected' | 'reconnecting' | 'source-down';

export interface ConnectionSummary {
  readonly kind: ConnectionKind;
  readonly text: string;
}

/** Source states in which flows arrive as they should. */
const HEALTHY_SOURCE = new Set(['STREAMING', 'COMPLETED']);

/**
 * One line on the connection: the browser's link to our server first (connecting, reconnecting), then the server's
 * link to its flow source (source down when it is not streaming or done).
 */
export function connectionSummary(
  socket: SocketState,
  source: SourceStatus | null,
  hasSnapshot: boolean,
  nowMs: number,
): ConnectionSummary {
  switch (socket.kind) {
    case 'waiting': {
      const secs = Math.max(0, (socket.retryAt - nowMs) / 1000);
      return {
        kind: 'reconnecting',
        text: `Reconnecting… (attempt ${socket.attempt}, next in ${secs.toFixed(1)} s)`,
      };
    }
    case 'closed':
      return { kind: 'reconnecting', text: 'Disconnected' };
    case 'connecting':
      return socket.attempt > 0
        ? { kind: 'reconnecting', text: `Reconnecting… (attempt ${socket.attempt})` }
        : { kind: 'connecting', text: 'Connecting…' };
    case 'open':
      if (!hasSnapshot) return { kind: 'connecting', text: 'Connected, waiting for the graph…' };
      if (source !== null && !HEALTHY_SOURCE.has(source.state)) {
        const detail = source.detail ? `: ${source.detail}` : '';
        return {
          kind: 'source-down',
          text: `Source ${source.state.toLowerCase().replace('_', ' ')}${detail}`,
        };
      }
      return {
        kind: 'connected',
        text: source?.state === 'COMPLETED' ? 'Connected · source finished' : 'Connected · live',
      };
  }
}
