/**
 * Retry waits: a 429's retry-after is honoured exactly; otherwise exponential backoff with full
 * jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): wait = U(0, 1) ·
 * min(maxMs, baseMs · 2^retry), the uniform draw from the strategy's keyed random().
 */
import type { CallErrorKind } from '../contracts/index.ts';

export interface BackoffOptions {
  /** First backoff ceiling, ms. */
  baseBackoffMs: number;
  /** Largest backoff ceiling, ms. */
  maxBackoffMs: number;
}

/** Wait before retry number `retry` (0 = the first retry), virtual ms. */
export function retryWaitMs(
  retryAfterMs: number | undefined,
  retry: number,
  random: () => number,
  options: BackoffOptions,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  return random() * Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** retry);
}

/**
 * Errors worth retrying on the same model: transient ones. A timeout is not retried (the
 * client already waited its whole timeout; the next model is the better bet), nor are
 * context-length, quota and not-found errors, which a retry cannot fix.
 */
export function isRetryable(kind: CallErrorKind): boolean {
  return kind === 'rate_limit' || kind === 'server_error' || kind === 'overloaded' || kind === 'network';
}
