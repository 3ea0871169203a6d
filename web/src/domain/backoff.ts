/** The reconnect policy of the live streams: capped exponential backoff with jitter. */
export interface BackoffPolicy {
  /** Wait before the first retry. */
  readonly initialMs: number;
  /** No wait is ever longer than this. */
  readonly maxMs: number;
  readonly multiplier: number;
  /** Share of the wait that is random, 0..1: the wait lies in [base * (1 - jitter), base]. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, multiplier: 2, jitter: 0.5 };

/**
 * The wait before retry number {@code attempt} (0 for the first retry). Jitter spreads many clients that lost the
 * same server so they do not all come back in the same millisecond.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const n = Math.max(0, Math.floor(attempt));
  // Exponent capped so that the power cannot overflow to Infinity for absurd attempt counts.
  const exp = Math.min(n, 64);
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.multiplier, exp));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - policy.jitter * r));
}
