/** Human-readable numbers: throughput in B/s, KB/s, MB/s, GB/s (1 KB = 1024 B), flow rates, shares, times. */

const BYTE_UNITS = ['B/s', 'KB/s', 'MB/s', 'GB/s', 'TB/s'] as const;

/** One decimal below 100 of a unit, none above: "0 B/s", "512 B/s", "1.5 KB/s", "230 MB/s". */
export function formatBytesPerSec(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '0 B/s';
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  if (unit === 0) return `${v < 10 && !Number.isInteger(v) ? v.toFixed(1) : Math.round(v)} B/s`;
  // 1023.96 KB/s would print as "1024.0 KB/s": carry to the next unit instead.
  if (Number(v.toFixed(v < 100 ? 1 : 0)) >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${v < 100 ? v.toFixed(1) : v.toFixed(0)} ${BYTE_UNITS[unit]}`;
}

/** Flow events per second, used where the source measures no bytes: "0 flows/s", "0.25 flows/s", "12 flows/s". */
export function formatFlowsPerSec(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '0 flows/s';
  if (value < 0.01) return '<0.01 flows/s';
  if (value < 1) return `${trimZeros(value.toFixed(2))} flows/s`;
  if (value < 10) return `${trimZeros(value.toFixed(1))} flows/s`;
  return `${Math.round(value)} flows/s`;
}

/** The throughput label of an edge: bytes where they were measured, flow rate otherwise. */
export function formatThroughput(
  flow: { bytes_per_sec: number; flows_per_sec: number },
  bytesMeasured: boolean,
): string {
  return bytesMeasured ? formatBytesPerSec(flow.bytes_per_sec) : formatFlowsPerSec(flow.flows_per_sec);
}

export function formatBytes(value: number): string {
  return formatBytesPerSec(value).replace('/s', '');
}

/** A share 0..1 as a percentage: "0%", "0.5%", "12%". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  const pct = share * 100;
  if (pct < 10) return `${trimZeros(pct.toFixed(1))}%`;
  return `${Math.round(pct)}%`;
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return trimZeros(value.toFixed(digits));
}

/** Wall-clock time of an ISO timestamp in UTC, to the millisecond: "15:04:05.123". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '–';
  return new Date(t).toISOString().slice(11, 23);
}

/** How long ago, for "last seen": "3s ago", "5m ago", "2h ago". */
export function formatAgo(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '–';
  const s = Math.max(0, Math.round((nowMs - t) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** Cuts a label to max characters with an ellipsis in the middle, keeping the distinctive tail of pod names. */
export function shortLabel(label: string, max = 32): string {
  if (label.length <= max) return label;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${label.slice(0, head)}…${label.slice(label.length - tail)}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
