/**
 * Whether a provider takes a call: fault windows first, then the RPM/TPM budget.
 *
 * Fault windows in force for (provider, model) at startMs are applied in start order; the
 * first one that refuses the call decides, and 'slow' windows multiply together:
 *
 * - rate_limit: 429 with the window's retryAfterMs (whole ms, rounded up); without one,
 *   the time until the window ends, at most 60 s.
 * - error: the window's status (resolveFaults sets 503, or 529 'overloaded' for Anthropic).
 * - partial: that error with probability p (default 0.5), drawn keyedUniform(seed,
 *   Stream.partialFault, request, model, attempt): a retry is a fresh draw, a replay is not.
 *   Overlapping partial windows share the draw, so they act as the largest p.
 * - reset: the connection drops (kind 'network', status 0); with a probability set, only
 *   that share of calls (keyed on Stream.resetFault like partial).
 * - timeout: the call hangs (atMs Infinity) until the client gives up.
 * - slow: TTFT and decode time × factor (default 2).
 *
 * Refused calls do not count against the rate limits.
 */

import {
  type CallError,
  type CallInput,
  type ModelSpec,
  type ProviderSpec,
  type RateLimitSnapshot,
  WIRE_FORMAT_FACTS,
} from '../contracts/index.ts';
import {
  networkError,
  rateLimitError,
  rateLimitStormError,
  serverError,
  timeoutError,
} from './call-errors.ts';
import type { SlotPool } from './capacity.ts';
import type { FaultIndex } from './faults.ts';
import type { DrawKey } from './latency.ts';
import type { PromptCache } from './prompt-cache.ts';
import { keyedUniform, Stream } from './random.ts';
import type { RateLimiter } from './rate-limit.ts';

/** Error probability of a 'partial' window without one. */
export const DEFAULT_PARTIAL_PROBABILITY = 0.5;
/** Latency multiplier of a 'slow' window without one. */
export const DEFAULT_SLOW_FACTOR = 2;
/** Longest default retry-after of a 429-storm window, ms. */
export const MAX_STORM_RETRY_AFTER_MS = 60_000;

/** A provider's mutable state inside one world. */
export interface ProviderRuntime {
  key: string;
  spec: ProviderSpec;
  slots: SlotPool;
  cache: PromptCache;
}

export type Admission = { error: CallError } | { slowFactor: number; snapshot: RateLimitSnapshot };

/**
 * Checks 3 and 4 of a call (faults in force, then rate limits): an error, or the admission.
 * Positional arguments: it runs on every call, and an options object was one more allocation each.
 */
export function admit(
  input: CallInput,
  key: DrawKey,
  model: ModelSpec,
  provider: ProviderRuntime,
  faultIndex: FaultIndex,
  limiter: RateLimiter,
): Admission {
  const atMs = input.startMs;
  let slowFactor = 1;
  for (const window of faultIndex.active(model.provider, model.id, atMs)) {
    switch (window.kind) {
      case 'slow':
        slowFactor *= window.factor ?? DEFAULT_SLOW_FACTOR;
        break;
      case 'rate_limit': {
        const retryAfterMs = Math.max(
          1,
          Math.ceil(window.retryAfterMs ?? Math.min(MAX_STORM_RETRY_AFTER_MS, window.endMs - atMs)),
        );
        return { error: rateLimitStormError(model.id, retryAfterMs, limiter.snapshot(atMs), atMs) };
      }
      case 'error':
        return { error: serverError(window.status ?? defaultStatus(provider), atMs) };
      case 'partial': {
        const draw = keyedUniform(key.seed, Stream.partialFault, key.request, key.model, input.attempt);
        if (draw < (window.probability ?? DEFAULT_PARTIAL_PROBABILITY)) {
          return { error: serverError(window.status ?? defaultStatus(provider), atMs) };
        }
        break;
      }
      case 'reset': {
        if (window.probability === undefined) return { error: networkError(atMs) };
        const draw = keyedUniform(key.seed, Stream.resetFault, key.request, key.model, input.attempt);
        if (draw < window.probability) return { error: networkError(atMs) };
        break;
      }
      case 'timeout':
        return { error: timeoutError() };
    }
  }
  const requestedTokens = input.promptTokens + input.maxTokens;
  const decision = limiter.admit(atMs, requestedTokens);
  if (!decision.admitted) {
    return {
      error: rateLimitError({
        model: model.id,
        limitType: decision.limitType,
        retryAfterMs: decision.retryAfterMs,
        usedRequests: decision.usedRequests,
        usedTokens: decision.usedTokens,
        requestedTokens,
        snapshot: decision.snapshot,
        atMs,
      }),
    };
  }
  return { slowFactor, snapshot: decision.snapshot };
}

function defaultStatus(provider: ProviderRuntime): number {
  return WIRE_FORMAT_FACTS[provider.spec.wire].overloadStatus;
}
