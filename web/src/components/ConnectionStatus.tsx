import { useEffect, useState } from 'react';
import { connectionSummary } from '../domain/connection';
import type { Services } from '../store/services';
import { useStore } from '../store/store';

/** The link to the server and the server's link to its flow source: connected, reconnecting, or source down. */
export function ConnectionStatus({ services }: { services: Services }) {
  const socket = useStore(services.graph.store, (s) => s.socket);
  const source = useStore(services.graph.store, (s) => s.graph.status);
  const waiting = useStore(services.graph.store, (s) => s.awaitingSnapshot);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (socket.kind !== 'waiting') return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [socket]);
  const summary = connectionSummary(socket, source, !waiting, socket.kind === 'waiting' ? now : Date.now());
  const title = source ? `source: ${source.kind} ${source.target} (${source.state})` : undefined;
  return (
    <div className={`connection-status connection-${summary.kind}`} data-testid="connection-status" data-state={summary.kind} title={title}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{summary.text}</span>
    </div>
  );
}
