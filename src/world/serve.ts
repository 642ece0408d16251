/**
 * Serving an admitted call: latency draws, the FIFO wait for a slot, the prompt cache,
 * usage and cost. What the answer says (outcome, text, id) is filled in by the caller once
 * the answer's length is known (answer-content.ts: describeAnswer).
 */

import type {
  AnsweredCall,
  CallInput,
  HiddenLabels,
  ModelSpec,
  RateLimitSnapshot,
} from '../contracts/index.ts';
import type { ProviderRuntime } from './admission.ts';
import { PENDING_OUTCOME } from './answer-content.ts';
import { type DrawKey, drawDecodeTokensPerSecond, drawTtftMs } from './latency.ts';
import { callCost } from './pricing.ts';
import { answerLength } from './reasoning-length.ts';

/** A catalog model inside one world. */
export interface ModelRuntime {
  spec: ModelSpec;
  /** stringKey(spec.id): keys the model's draws. */
  key: number;
  /** `key` as 8 hex digits, for response ids. */
  keyHex: string;
  provider: ProviderRuntime;
}

/**
 * Answer an admitted call. The call waits for the provider's earliest-free slot, holds it
 * for TTFT + decode time (both × the 'slow' factor), and touches the provider's prompt
 * cache at startMs: hit tokens → usage.cachedTokens; a write → usage.cacheCreationTokens
 * only when the model bills cache writes (cache_creation_input_token_cost above 0). LiteLLM writes
 * 0 for providers that have no write price (DeepSeek: a miss is billed at the input rate, a hit at
 * the cache-read rate); taking 0 as "writes are free" would bill a miss's prefix at nothing.
 * Positional arguments: it runs on every answered call, and an options object was one more
 * allocation each.
 */
export function serveCall(
  input: CallInput,
  key: DrawKey,
  model: ModelRuntime,
  labels: HiddenLabels,
  sample: number,
  admission: { slowFactor: number; snapshot: RateLimitSnapshot },
  /** Hidden reasoning tokens the answer wants (reasoning.ts); 0 for a model that does not reason. */
  reasoningTokens: number,
): AnsweredCall {
  const { spec, provider } = model;
  const startMs = input.startMs;
  const slow = admission.slowFactor;
  const speed = drawDecodeTokensPerSecond(key, spec, input.attempt);
  const length = answerLength(
    key,
    spec,
    sample,
    labels.expectedOutputTokens,
    input.maxTokens,
    reasoningTokens,
  );
  // Hidden reasoning decodes before the first visible token, at the call's decode speed.
  const thinkingMs = (length.reasoningTokens / speed) * 1000 * slow;
  const ttftMs = drawTtftMs(key, spec, input.attempt, input.promptTokens) * slow + thinkingMs;
  const decodeMs = (length.visibleTokens / speed) * 1000 * slow;
  const queueMs = provider.slots.queueMs(startMs);
  const endMs = startMs + queueMs + ttftMs + decodeMs;
  provider.slots.occupy(startMs, endMs);

  const prefixTokens = Math.min(labels.cacheablePrefixTokens, input.promptTokens);
  const lookup = provider.cache.touch(labels.prefixId, prefixTokens, startMs);
  const usage = {
    promptTokens: input.promptTokens,
    completionTokens: length.reasoningTokens + length.visibleTokens,
    cachedTokens: lookup.kind === 'hit' ? lookup.tokens : 0,
    cacheCreationTokens:
      lookup.kind === 'write' && (spec.cache_creation_input_token_cost ?? 0) > 0 ? lookup.tokens : 0,
    reasoningTokens: length.reasoningTokens,
  };
  // What the answer says comes next (describeAnswer): the fields are here, in their order, so the
  // object keeps one shape. It used to be a callback's result — a closure and an object per call.
  const call: AnsweredCall = {
    id: '',
    requestIndex: input.requestIndex,
    model: spec.id,
    provider: spec.provider,
    sample,
    outcome: PENDING_OUTCOME,
    text: '',
    usage,
    costUsd: callCost(spec, usage),
    timing: { startMs, queueMs, ttftMs, decodeMs, endMs },
    finishReason: length.finishReason,
    rateLimit: admission.snapshot,
    ungraded: false,
  };
  return call;
}
