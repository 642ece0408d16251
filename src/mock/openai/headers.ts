/** OpenAI's rate-limit and retry headers. Durations are in the client's (real) time. */
import type { RateLimitSnapshot } from '../../contracts/index.ts';
import type { Clock } from '../clock.ts';
import { toClientMs } from '../clock.ts';
import { formatOpenAIDuration, retryAfterSeconds } from '../rate-limit-format.ts';

export function openAIRateLimitHeaders(snapshot: RateLimitSnapshot, clock: Clock): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(snapshot.limitRequests),
    'x-ratelimit-limit-tokens': String(snapshot.limitTokens),
    'x-ratelimit-remaining-requests': String(Math.max(0, snapshot.remainingRequests)),
    'x-ratelimit-remaining-tokens': String(Math.max(0, snapshot.remainingTokens)),
    'x-ratelimit-reset-requests': formatOpenAIDuration(toClientMs(clock, snapshot.resetRequestsMs)),
    'x-ratelimit-reset-tokens': formatOpenAIDuration(toClientMs(clock, snapshot.resetTokensMs)),
  };
}

/** `retry-after-ms` (which the official clients read first) and `retry-after` in seconds. */
export function openAIRetryHeaders(clientMs: number): Record<string, string> {
  return { 'retry-after-ms': String(clientMs), 'retry-after': retryAfterSeconds(clientMs) };
}
