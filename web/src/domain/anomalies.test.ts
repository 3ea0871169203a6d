import { describe, expect, it } from 'vitest';
import { anomaly } from '../testing/builders';
import { bySeverity, sortAnomalies, typeName } from './anomalies';

describe('anomaly lists', () => {
  const list = [
    anomaly('a', { severity: 'low', last_seen: '2024-01-02T15:00:03Z' }),
    anomaly('b', { severity: 'critical', last_seen: '2024-01-02T15:00:01Z' }),
    anomaly('c', { severity: 'critical', last_seen: '2024-01-02T15:00:02Z' }),
    anomaly('d', { severity: 'medium' }),
  ];

  it('sorts worst first, then newest first', () => {
    expect(sortAnomalies(list).map((a) => a.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('filters by severity, empty meaning all', () => {
    expect(bySeverity(list, 'critical').map((a) => a.id)).toEqual(['b', 'c']);
    expect(bySeverity(list, '')).toHaveLength(4);
  });

  it('names types for people', () => {
    expect(typeName('data_exfiltration')).toBe('Data exfiltration');
    expect(typeName('')).toBe('Anomaly');
  });
});
