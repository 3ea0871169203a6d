import type { Anomaly, Severity } from '../api/types';
import { severityRank } from './anomalyTargets';

/** Worst first, then newest first. */
export function sortAnomalies(list: Iterable<Anomaly>): Anomaly[] {
  return [...list].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (b.last_seen ?? b.detected_at ?? '').localeCompare(a.last_seen ?? a.detected_at ?? '') ||
      a.id.localeCompare(b.id),
  );
}

/** "" shows all; a severity shows that one only. */
export function bySeverity(list: readonly Anomaly[], severity: Severity | ''): Anomaly[] {
  return severity === '' ? [...list] : list.filter((a) => a.severity === severity);
}

/** Human name of an anomaly type: "port_scan" -> "Port scan". */
export function typeName(type: string): string {
  const s = type.replace(/_/g, ' ').trim();
  return s === '' ? 'Anomaly' : (s[0] ?? '').toUpperCase() + s.slice(1);
}
