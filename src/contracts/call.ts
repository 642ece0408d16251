/**
 * The call vocabulary: a call to a provider (CallInput), its answer (AnsweredCall with Usage,
 * timing and the world's Outcome) or its error (CallError), and the fault windows that cause
 * errors. Pure data: no I/O, no clock.
 */

import type { ReasoningSetting } from './catalog.ts';

// ── Faults ─────────────────────────────────────────────────────────────────

export type FaultKind = 'error' | 'timeout' | 'slow' | 'partial' | 'reset' | 'rate_limit';

/** A fault as a scenario configures it: either a fixed window (startMs + durationMs) or a random process (mtbfMs + mttrMs). */
export interface FaultConfig {
  kind: FaultKind;
  /** Restrict to one model of the provider. */
  model?: string;
  startMs?: number;
  durationMs?: number;
  mtbfMs?: number;
  mttrMs?: number;
  status?: number;
  probability?: number;
  factor?: number;
  retryAfterMs?: number;
}

/** A fault window in virtual time, already resolved from the scenario (fixed or MTBF/MTTR-drawn). */
export interface FaultWindow {
  kind: FaultKind;
  provider: string;
  /** Restrict to one model of the provider; undefined = every model. */
  model?: string;
  startMs: number;
  endMs: number;
  /** HTTP status for 'error' (500/502/503; 529 for Anthropic overload). */
  status?: number;
  /** Error probability for 'partial'. */
  probability?: number;
  /** Latency multiplier for 'slow'. */
  factor?: number;
  /** retry-after for 'rate_limit', ms. */
  retryAfterMs?: number;
}

// ── Calls ──────────────────────────────────────────────────────────────────

export interface CallInput {
  /** Index of the simulated request this call belongs to; undefined when it matches none (ungraded). */
  requestIndex: number | undefined;
  /** Catalog model id. */
  model: string;
  /** Virtual time the call reaches the provider, ms. Calls must be made in non-decreasing time. */
  startMs: number;
  /** 0-based attempt number of this (request, model) pair; keys latency and fault draws. */
  attempt: number;
  /** Prompt tokens as sent (the world trusts the caller's tokenizer). */
  promptTokens: number;
  /** max_tokens as sent. */
  maxTokens: number;
  /** Provider key to bill rate limits to. @default the model's provider */
  provider?: string;
  /**
   * Reasoning setting the call carries (`reasoning_effort`, Anthropic `thinking`).
   * @default the model's configured setting (ReasoningSpec.setting)
   */
  reasoning?: ReasoningSetting | undefined;
}

export type CallErrorKind =
  | 'rate_limit'
  | 'insufficient_quota'
  | 'server_error'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'context_length'
  | 'not_found';

/** Rate-limit state reported in headers. */
export interface RateLimitSnapshot {
  limitRequests: number;
  remainingRequests: number;
  /** ms until the request window frees one slot. */
  resetRequestsMs: number;
  limitTokens: number;
  remainingTokens: number;
  resetTokensMs: number;
}

export interface CallError {
  kind: CallErrorKind;
  /** HTTP status the provider answers with; 0 for a dropped connection or a hang. */
  status: number;
  message: string;
  /** Virtual time the caller observes the error, ms (Infinity for a hang: the client gives up). */
  atMs: number;
  /** For 429s: time until capacity frees, whole ms. */
  retryAfterMs?: number;
  /** For rate limits: which limit tripped. */
  limitType?: 'requests' | 'tokens';
  rateLimit?: RateLimitSnapshot;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the prompt cache (billed at the cache-read rate). */
  cachedTokens: number;
  /** Prompt tokens written to the cache (Anthropic bills these). */
  cacheCreationTokens: number;
  /**
   * Hidden reasoning ("thinking") tokens, already included in completionTokens and billed as
   * output; 0 for a model that does not reason (or reasons with effort off).
   */
  reasoningTokens: number;
}

export interface CallTiming {
  startMs: number;
  /** Wait for a free slot at the provider. */
  queueMs: number;
  /** Time to first token after the slot was taken. */
  ttftMs: number;
  /** Decode time after the first token. */
  decodeMs: number;
  /** startMs + queueMs + ttftMs + decodeMs. */
  endMs: number;
}

/** The world's verdict on one answered call. */
export interface Outcome {
  /** Latent margin; correct ⇔ margin > 0. */
  margin: number;
  correct: boolean;
  /** In [0, 1]; 0/1 for verifiable domains. */
  score: number;
  /** 0 = the right answer; 1..K = one of the request's plausible wrong answers. */
  answerId: number;
  /** Logprob confidence in (0, 1). */
  logprobConfidence: number;
  /** Self-rated certainty in (0, 1): free, poorly calibrated. */
  selfRatedCertainty: number;
}

export interface AnsweredCall {
  /** Unique, deterministic response id (the grading key). */
  id: string;
  requestIndex: number | undefined;
  model: string;
  provider: string;
  /** 0-based sample: the s-th answered call of this model for this request. */
  sample: number;
  outcome: Outcome;
  /** Answer text (deterministic; encodes answerId for self-consistency). */
  text: string;
  usage: Usage;
  costUsd: number;
  timing: CallTiming;
  finishReason: 'stop' | 'length';
  rateLimit: RateLimitSnapshot;
  /** True when the call matched no simulated request. */
  ungraded: boolean;
  /**
   * Set on a judge call's answer: the response id it judged. A judge response is not an
   * answer to the request; the harness must not grade it as one.
   */
  judgeOf?: string;
}

export type CallResult = { ok: true; call: AnsweredCall } | { ok: false; error: CallError };
