import type { Flow } from '../api/types';

/** One end of a flow as text: pod (ns/name), else a DNS name, else the IP. */
export function endpointText(f: Flow, end: 'source' | 'dest'): string {
  const pod = end === 'source' ? f.source_pod : f.dest_pod;
  const names = end === 'source' ? f.source_names : f.dest_names;
  const ip = end === 'source' ? f.source_ip : f.dest_ip;
  if (pod) return pod;
  if (names[0]) return names[0];
  return ip || '?';
}

/** "TCP/8080", "HTTP/80", "DNS/53", or just the protocol when there is no port. */
export function protocolText(f: Flow): string {
  const proto = f.protocol || f.l4_protocol || '?';
  return f.dest_port !== null && f.dest_port > 0 ? `${proto}/${f.dest_port}` : proto;
}

/** "DROPPED (POLICY_DENIED)", "FORWARDED". */
export function verdictText(f: Flow): string {
  const reason = f.drop_reason ? ` (${f.drop_reason})` : '';
  return `${f.verdict || '?'}${reason}`;
}
