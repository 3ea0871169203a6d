import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatBytesPerSec,
  formatFlowsPerSec,
  formatPercent,
  formatThroughput,
  formatTime,
  shortLabel,
} from './format';

describe('formatBytesPerSec', () => {
  it('shows bytes below one kilobyte as whole bytes', () => {
    expect(formatBytesPerSec(0)).toBe('0 B/s');
    expect(formatBytesPerSec(512)).toBe('512 B/s');
    expect(formatBytesPerSec(1023)).toBe('1023 B/s');
  });

  it('keeps one decimal for small fractional byte rates', () => {
    expect(formatBytesPerSec(2.5)).toBe('2.5 B/s');
  });

  it('switches to KB/s, MB/s and GB/s at powers of 1024', () => {
    expect(formatBytesPerSec(1024)).toBe('1.0 KB/s');
    expect(formatBytesPerSec(1536)).toBe('1.5 KB/s');
    expect(formatBytesPerSec(150 * 1024)).toBe('150 KB/s');
    expect(formatBytesPerSec(10 * 1024 * 1024)).toBe('10.0 MB/s');
    expect(formatBytesPerSec(3 * 1024 ** 3)).toBe('3.0 GB/s');
  });

  it('carries to the next unit instead of printing 1024.0', () => {
    expect(formatBytesPerSec(1024 * 1024 - 1)).toBe('1.0 MB/s');
  });

  it('treats negative, NaN and infinite values as zero', () => {
    expect(formatBytesPerSec(-5)).toBe('0 B/s');
    expect(formatBytesPerSec(Number.NaN)).toBe('0 B/s');
    expect(formatBytesPerSec(Number.POSITIVE_INFINITY)).toBe('0 B/s');
  });
});

describe('formatFlowsPerSec', () => {
  it('uses two significant decimals below one, one below ten, none above', () => {
    expect(formatFlowsPerSec(0)).toBe('0 flows/s');
    expect(formatFlowsPerSec(0.004)).toBe('<0.01 flows/s');
    expect(formatFlowsPerSec(0.25)).toBe('0.25 flows/s');
    expect(formatFlowsPerSec(0.5)).toBe('0.5 flows/s');
    expect(formatFlowsPerSec(3.21)).toBe('3.2 flows/s');
    expect(formatFlowsPerSec(3)).toBe('3 flows/s');
    expect(formatFlowsPerSec(120.6)).toBe('121 flows/s');
  });
});

describe('formatThroughput', () => {
  const rates = { bytes_per_sec: 2048, flows_per_sec: 4 };
  it('labels by bytes where bytes were measured', () => {
    expect(formatThroughput(rates, true)).toBe('2.0 KB/s');
  });
  it('labels by flow rate where they were not', () => {
    expect(formatThroughput(rates, false)).toBe('4 flows/s');
  });
});

describe('formatPercent', () => {
  it('formats shares', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.005)).toBe('0.5%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.123)).toBe('12%');
    expect(formatPercent(1)).toBe('100%');
  });
});

describe('formatTime and formatAgo', () => {
  it('prints UTC wall time to the millisecond', () => {
    expect(formatTime('2024-01-02T15:04:05.123Z')).toBe('15:04:05.123');
    expect(formatTime('not a time')).toBe('–');
    expect(formatTime(null)).toBe('–');
  });
  it('prints how long ago', () => {
    const now = Date.parse('2024-01-02T15:10:00Z');
    expect(formatAgo('2024-01-02T15:09:57Z', now)).toBe('3s ago');
    expect(formatAgo('2024-01-02T15:05:00Z', now)).toBe('5m ago');
    expect(formatAgo('2024-01-02T13:00:00Z', now)).toBe('2h ago');
  });
});

describe('shortLabel', () => {
  it('leaves short labels alone', () => {
    expect(shortLabel('checkout')).toBe('checkout');
  });
  it('cuts long labels in the middle, keeping the pod suffix', () => {
    const s = shortLabel('a-very-long-deployment-name-7d4b9c6f5-x2k4f', 24);
    expect(s).toHaveLength(24);
    expect(s).toContain('…');
    expect(s.endsWith('x2k4f')).toBe(true);
  });
});
