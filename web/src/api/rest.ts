import { decodeAnomalies, decodeFlows, decodeGraph, decodeStatus } from './decode';
import type { Anomaly, Flow, FlowQuery, Graph, GraphQuery, Severity, Status } from './types';

/** The query string of /api/graph and /ws/graph for a subscription. */
export function graphQueryString(q: GraphQuery): string {
  const p = new URLSearchParams();
  p.set('level', q.level);
  if (q.namespaces.length > 0) p.set('namespace', q.namespaces.join(','));
  if (q.label.trim() !== '') p.set('label', q.label.trim());
  p.set('include_inactive', String(q.includeInactive));
  return `?${p.toString()}`;
}

/** The query string of /api/flows and /ws/flows; empty fields are left out. */
export function flowQueryString(q: Partial<FlowQuery> & { limit?: number }): string {
  const p = new URLSearchParams();
  if (q.limit !== undefined) p.set('limit', String(q.limit));
  for (const k of ['namespace', 'pod', 'verdict', 'protocol'] as const) {
    const v = q[k];
    if (v) p.set(k, v);
  }
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // not JSON
    }
    throw new Error(`GET ${path}: ${message}`);
  }
  return res.json();
}

export async function fetchGraph(q: GraphQuery, signal?: AbortSignal): Promise<Graph> {
  return decodeGraph(await getJson(`/api/graph${graphQueryString(q)}`, signal));
}

export async function fetchFlows(
  q: Partial<FlowQuery> & { limit?: number },
  signal?: AbortSignal,
): Promise<Flow[]> {
  return decodeFlows(await getJson(`/api/flows${flowQueryString(q)}`, signal));
}

export async function fetchAnomalies(
  q: { severity?: Severity; active?: boolean },
  signal?: AbortSignal,
): Promise<Anomaly[]> {
  const p = new URLSearchParams();
  if (q.severity) p.set('severity', q.severity);
  if (q.active !== undefined) p.set('active', String(q.active));
  const s = p.toString();
  return decodeAnomalies(await getJson(`/api/flows/anomalies${s ? `?${s}` : ''}`, signal));
}

export async function fetchStatus(signal?: AbortSignal): Promise<Status> {
  return decodeStatus(await getJson('/api/status', signal));
}
