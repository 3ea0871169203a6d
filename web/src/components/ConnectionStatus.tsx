import { connectionSummary } from '../domain/connection';
import type { Services } from '../store/services';
import { useStore } from '../store/store';
import { useNow } from './useNow';

/** The link to the server and the server's link to its flow source: connected, reconnecting, or source down. */
export function ConnectionStatus({ services }: { services: Services }) {
  const socket = useStore(services.graph.store, (s) => s.socket);
  const source = useStore(services.graph.store, (s) => s.graph.status);
  const waiting = useStore(services.graph.store, (s) => s.awaitingSnapshot);
  const now = useNow(250, socket.kind === 'waiting');
  const summary = connectionSummary(socket, source, !waiting, now);
  const title = source ? `source: ${source.kind} ${source.target} (${source.state})` : undefined;
  return (
    <div
      className={`connection-status connection-${summary.kind}`}
      data-testid="connection-status"
      data-state={summary.kind}
      title={title}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span>{summary.text}</span>
    </div>
  );
}
