/**
 * How hidden reasoning and the visible answer share max_tokens. Providers count reasoning
 * against the same limit as the answer (OpenAI's `max_completion_tokens`, Anthropic's
 * `max_tokens` > `budget_tokens`, Gemini's max output tokens): reasoning comes first, the
 * visible answer gets what is left, and when reasoning alone reaches the limit the reply is
 * empty with finish_reason 'length' (OpenAI's reasoning guide; anchors §2d).
 */

import type { ModelSpec } from '../contracts/index.ts';
import { type DrawKey, drawOutputLength } from './latency.ts';

/** Tokens of one answer: hidden reasoning, visible answer, and why it stopped. */
export interface AnswerLength {
  reasoningTokens: number;
  visibleTokens: number;
  finishReason: 'stop' | 'length';
}

/**
 * Split the limit min(maxTokens, max_output_tokens) between `wantedReasoning` hidden tokens
 * and the visible answer drawn by drawOutputLength. With no reasoning this is exactly
 * drawOutputLength (non-reasoning models behave byte for byte as before).
 */
export function answerLength(
  key: DrawKey,
  model: ModelSpec,
  sample: number,
  expectedOutputTokens: number,
  maxTokens: number,
  wantedReasoning: number,
): AnswerLength {
  if (wantedReasoning <= 0) {
    const visible = drawOutputLength(key, model, sample, expectedOutputTokens, maxTokens);
    return {
      reasoningTokens: 0,
      visibleTokens: visible.completionTokens,
      finishReason: visible.finishReason,
    };
  }
  const limit = Math.max(1, Math.min(maxTokens, model.max_output_tokens));
  const reasoningTokens = Math.min(wantedReasoning, limit);
  const left = limit - reasoningTokens;
  if (left === 0) return { reasoningTokens, visibleTokens: 0, finishReason: 'length' };
  const visible = drawOutputLength(key, model, sample, expectedOutputTokens, left);
  return { reasoningTokens, visibleTokens: visible.completionTokens, finishReason: visible.finishReason };
}
