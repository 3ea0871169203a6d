import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../api/types';
import { connectionSummary } from './connection';

const source = (state: string): SourceStatus => ({
  kind: 'hubble',
  target: 'relay:80',
  state,
  detail: 'boom',
  flows_received: 1,
});

describe('connectionSummary', () => {
  it('is connected when the socket is open, a snapshot came, and the source streams', () => {
    expect(connectionSummary({ kind: 'open' }, source('STREAMING'), true, 0).kind).toBe('connected');
    expect(connectionSummary({ kind: 'open' }, source('COMPLETED'), true, 0).kind).toBe('connected');
    expect(connectionSummary({ kind: 'open' }, null, true, 0).kind).toBe('connected');
  });

  it('says the source is down when the source does not stream', () => {
    for (const state of ['BACKING_OFF', 'FAILED', 'CONNECTING', 'STOPPED', 'IDLE']) {
      const s = connectionSummary({ kind: 'open' }, source(state), true, 0);
      expect(s.kind).toBe('source-down');
      expect(s.text).toContain('boom');
    }
  });

  it('is reconnecting while waiting to retry, with the time left', () => {
    const s = connectionSummary(
      { kind: 'waiting', attempt: 2, delayMs: 2000, retryAt: 5000 },
      null,
      true,
      3500,
    );
    expect(s.kind).toBe('reconnecting');
    expect(s.text).toContain('1.5 s');
  });

  it('is connecting on the first attempt and reconnecting on later ones', () => {
    expect(connectionSummary({ kind: 'connecting', attempt: 0 }, null, false, 0).kind).toBe('connecting');
    expect(connectionSummary({ kind: 'connecting', attempt: 3 }, null, false, 0).kind).toBe('reconnecting');
  });

  it('waits for the snapshot before saying connected', () => {
    expect(connectionSummary({ kind: 'open' }, source('STREAMING'), false, 0).kind).toBe('connecting');
  });
});
