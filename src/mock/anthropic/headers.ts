/**
 * Anthropic's rate-limit headers: anthropic-ratelimit-{requests,tokens,input-tokens,
 * output-tokens}-{limit,remaining,reset}, resets as RFC 3339 instants. The world keeps one
 * token budget (prompt + max_tokens, as TPM counts), so the tokens, input-tokens and
 * output-tokens families all report it.
 */
import type { RateLimitSnapshot } from '../../contracts/index.ts';
import type { Clock } from '../clock.ts';
import { toDate } from '../clock.ts';
import { retryAfterSeconds } from '../rate-limit-format.ts';

/** RFC 3339 with whole seconds, rounded up (a reset is never announced early). */
export function rfc3339(clock: Clock, virtualMs: number): string {
  const date = toDate(clock, virtualMs);
  const seconds = Math.ceil(date.getTime() / 1000) * 1000;
  return new Date(seconds).toISOString().replace('.000Z', 'Z');
}

export function anthropicRateLimitHeaders(
  snapshot: RateLimitSnapshot,
  clock: Clock,
  nowMs: number,
): Record<string, string> {
  const headers: Record<string, string> = {
    'anthropic-ratelimit-requests-limit': String(snapshot.limitRequests),
    'anthropic-ratelimit-requests-remaining': String(Math.max(0, snapshot.remainingRequests)),
    'anthropic-ratelimit-requests-reset': rfc3339(clock, nowMs + snapshot.resetRequestsMs),
  };
  for (const family of ['tokens', 'input-tokens', 'output-tokens']) {
    headers[`anthropic-ratelimit-${family}-limit`] = String(snapshot.limitTokens);
    headers[`anthropic-ratelimit-${family}-remaining`] = String(Math.max(0, snapshot.remainingTokens));
    headers[`anthropic-ratelimit-${family}-reset`] = rfc3339(clock, nowMs + snapshot.resetTokensMs);
  }
  return headers;
}

/**
 * `retry-after` in whole seconds as Anthropic sends it, plus `retry-after-ms`, which the
 * official SDK reads first, so a simulated sub-second wait is honoured exactly.
 */
export function anthropicRetryHeaders(clientMs: number): Record<string, string> {
  return { 'retry-after': retryAfterSeconds(clientMs), 'retry-after-ms': String(clientMs) };
}
