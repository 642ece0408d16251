/**
 * RPM and TPM limits of one provider key over a rolling 60 s window, as providers count
 * them: a call admitted at time s holds one request and (promptTokens + maxTokens) tokens
 * of the budget until s + 60 s. Rejected calls are not counted (a 429 costs nothing).
 */
import type { RateLimitSnapshot } from '../contracts/index.ts';

/** Length of the rolling window, ms. */
export const RATE_WINDOW_MS = 60_000;

export type RateDecision =
  | { admitted: true; snapshot: RateLimitSnapshot }
  | {
      admitted: false;
      limitType: 'requests' | 'tokens';
      /** Whole ms until both limits would admit this call (≥ 1). */
      retryAfterMs: number;
      /** Requests / tokens in the window when the call was refused. */
      usedRequests: number;
      usedTokens: number;
      snapshot: RateLimitSnapshot;
    };

export interface RateLimiter {
  /**
   * Admit a call of `tokens` budget tokens at `atMs` (non-decreasing across calls) or
   * refuse it with the time until enough of the window frees.
   */
  admit(atMs: number, tokens: number): RateDecision;
  /** Current state without admitting anything (for 429s the world raises itself). */
  snapshot(atMs: number): RateLimitSnapshot;
}

export function createRateLimiter(limits: { rpm: number; tpm: number }): RateLimiter {
  const { rpm, tpm } = limits;
  // Admitted calls in time order; `head` is the oldest still in the window.
  let times: number[] = [];
  let tokens: number[] = [];
  let head = 0;
  let usedTokens = 0;

  function evict(atMs: number): void {
    // The call admitted at s frees its budget at s + 60 s exactly.
    while (head < times.length && times[head]! + RATE_WINDOW_MS <= atMs) {
      usedTokens -= tokens[head]!;
      head++;
    }
    if (head > 1024 && head * 2 > times.length) {
      times = times.slice(head);
      tokens = tokens.slice(head);
      head = 0;
    }
  }

  function untilFree(index: number, atMs: number): number {
    return Math.max(1, Math.ceil(times[index]! + RATE_WINDOW_MS - atMs));
  }

  function snapshot(atMs: number): RateLimitSnapshot {
    const count = times.length - head;
    return {
      limitRequests: rpm,
      remainingRequests: Math.max(0, rpm - count),
      // Until the next request slot frees (the oldest admitted call leaves the window).
      resetRequestsMs: count === 0 ? 0 : untilFree(head, atMs),
      limitTokens: tpm,
      remainingTokens: Math.max(0, tpm - usedTokens),
      // Until the token budget is whole again (OpenAI's x-ratelimit-reset-tokens).
      resetTokensMs: count === 0 ? 0 : untilFree(times.length - 1, atMs),
    };
  }

  return {
    admit(atMs, requested) {
      evict(atMs);
      const count = times.length - head;
      let requestWait = 0;
      if (count + 1 > rpm) {
        // Free count + 1 − rpm of the oldest calls: wait for the (count − rpm)-th to leave.
        requestWait = untilFree(head + count - rpm, atMs);
      }
      let tokenWait = 0;
      if (usedTokens + requested > tpm) {
        if (requested > tpm) {
          // Larger than the whole budget: it never fits; say "a full window" like a hard stop.
          tokenWait = RATE_WINDOW_MS;
        } else {
          let freed = 0;
          let index = head;
          while (usedTokens - freed + requested > tpm) freed += tokens[index++]!;
          tokenWait = untilFree(index - 1, atMs);
        }
      }
      if (requestWait > 0 || tokenWait > 0) {
        return {
          admitted: false,
          limitType: requestWait > 0 ? 'requests' : 'tokens',
          retryAfterMs: Math.max(requestWait, tokenWait),
          usedRequests: count,
          usedTokens,
          snapshot: snapshot(atMs),
        };
      }
      times.push(atMs);
      tokens.push(requested);
      usedTokens += requested;
      return { admitted: true, snapshot: snapshot(atMs) };
    },
    snapshot(atMs) {
      evict(atMs);
      return snapshot(atMs);
    },
  };
}
