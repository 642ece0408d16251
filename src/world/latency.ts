/**
 * Service time of one call: time to first token, output length and decode time. Every
 * draw is keyed by (seed, stream, request, model, attempt or sample), never by call order,
 * so two strategies that send request i to model m see the same service time (their queue
 * waits still differ with the load each creates).
 */

import type { ModelSpec } from '../contracts/index.ts';
import { keyedNormal, Stream } from './random.ts';

/**
 * Prompt tokens that add one median TTFT: TTFT_median·(1 + promptTokens / PREFILL_FACTOR).
 *
 * Published TTFT figures (model-facts.csv, Artificial Analysis) are measured with short
 * prompts of about 1k tokens, and hosted models prefill at several thousand tokens per
 * second, so a 4,000-token prompt costs roughly one extra median TTFT (≈ 0.4–0.6 s at
 * 7–10k tokens/s of prefill) — and a 100k-token prompt is ~25× slower to start, in line
 * with long-context measurements.
 */
export const PREFILL_FACTOR = 4000;

/** Log-normal σ of the output-length draw around expectedOutputTokens · verbosity. */
export const OUTPUT_TOKENS_SIGMA = 0.25;

/** Keys of one call's draws: the seed space and the request (or ungraded-call) number. */
export interface DrawKey {
  seed: number;
  /** Request index, or the ungraded-call counter in the ungraded seed space. */
  request: number;
  /** stringKey(model.id). */
  model: number;
}

/**
 * Time to first token, ms, before any 'slow' fault:
 * ttftMedianMs·(1 + promptTokens / PREFILL_FACTOR)·exp(ttftSigma·N), N keyed by
 * (Stream.ttft, request, model, attempt).
 */
export function drawTtftMs(key: DrawKey, model: ModelSpec, attempt: number, promptTokens: number): number {
  const normal = keyedNormal(key.seed, Stream.ttft, key.request, key.model, attempt);
  return model.ttftMedianMs * (1 + promptTokens / PREFILL_FACTOR) * Math.exp(model.ttftSigma * normal);
}

/**
 * Decode speed, output tokens per second: log-normal with median decodeTokensPerSecond and
 * σ decodeSigma, N keyed by (Stream.decode, request, model, attempt).
 */
export function drawDecodeTokensPerSecond(key: DrawKey, model: ModelSpec, attempt: number): number {
  const normal = keyedNormal(key.seed, Stream.decode, key.request, key.model, attempt);
  return model.decodeTokensPerSecond * Math.exp(model.decodeSigma * normal);
}

/** Output tokens of one answer and why it stopped. */
export interface OutputLength {
  completionTokens: number;
  finishReason: 'stop' | 'length';
}

/**
 * Output tokens = round(expectedOutputTokens · verbosity · exp(0.25·N)), at least 1, with N
 * keyed by (Stream.outputTokens, request, model, sample): an answer's length belongs to the
 * answer (sample), not to the attempt that delivered it. Above `maxTokens` (or the model's
 * max_output_tokens) the answer is cut there with finishReason 'length'.
 */
export function drawOutputLength(
  key: DrawKey,
  model: ModelSpec,
  sample: number,
  expectedOutputTokens: number,
  maxTokens: number,
): OutputLength {
  const normal = keyedNormal(key.seed, Stream.outputTokens, key.request, key.model, sample);
  const wanted = Math.max(
    1,
    Math.round(expectedOutputTokens * model.verbosity * Math.exp(OUTPUT_TOKENS_SIGMA * normal)),
  );
  const limit = Math.max(1, Math.min(maxTokens, model.max_output_tokens));
  return wanted > limit
    ? { completionTokens: limit, finishReason: 'length' }
    : { completionTokens: wanted, finishReason: 'stop' };
}
