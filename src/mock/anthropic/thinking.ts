/**
 * Anthropic extended thinking on the Messages wire. The request's `thinking` parameter is
 * checked as Anthropic checks it — `{ type: "enabled", budget_tokens }` with budget_tokens ≥
 * 1,024 and < max_tokens, or `{ type: "disabled" }` — and an answer that thought carries a
 * `thinking` content block (with a `signature`) before its text block.
 *
 * Claude 4 models return a *summary* of their thinking while billing the full thinking inside
 * `output_tokens` (Anthropic's extended-thinking docs), so the block's text is a short
 * summary, not sized to the thinking tokens, and the wire does not split the count out. The
 * routesim wire client therefore takes the count from the provider's record of the response,
 * as it does for TTFT (src/engine/wire/provider-clients.ts).
 */

import type { AnsweredCall, ModelSpec, ReasoningSetting } from '../../contracts/index.ts';
import { hashKey, stringKey } from '../../world/random.ts';
import { MIN_THINKING_BUDGET } from '../../world/reasoning.ts';
import { isRecord } from '../parse.ts';

export type ThinkingRead =
  | { ok: true; setting: ReasoningSetting | undefined }
  | { ok: false; message: string };

export function readThinking(model: ModelSpec, value: unknown, maxTokens: number): ThinkingRead {
  if (value === undefined || value === null) return { ok: true, setting: undefined };
  if (!isRecord(value) || (value['type'] !== 'enabled' && value['type'] !== 'disabled')) {
    return { ok: false, message: "thinking: Input tag must be one of 'enabled', 'disabled'" };
  }
  if (value['type'] === 'disabled') return { ok: true, setting: { budgetTokens: 0 } };
  if (model.reasoning?.control !== 'budget') {
    return { ok: false, message: `'${model.id}' does not support thinking.` };
  }
  const budget = value['budget_tokens'];
  if (!Number.isInteger(budget)) {
    return { ok: false, message: 'thinking.enabled.budget_tokens: Field required' };
  }
  if ((budget as number) < MIN_THINKING_BUDGET) {
    return {
      ok: false,
      message: `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`,
    };
  }
  if ((budget as number) >= maxTokens) {
    return {
      ok: false,
      message:
        '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    };
  }
  return { ok: true, setting: { budgetTokens: budget as number } };
}

/** The summary a thinking block shows (Claude 4 summarises its thinking; the full count is billed). */
export const THINKING_SUMMARY =
  'Working through the request: restating what is asked, checking each step against the details given, then settling on an answer.';

/** An opaque, deterministic signature for the thinking block of response `id`. */
export function thinkingSignature(id: string): string {
  const words = [0, 1, 2, 3].map((index) => hashKey(stringKey(id), 0, index).toString(16).padStart(8, '0'));
  return Buffer.from(words.join('')).toString('base64');
}

/** The thinking block of an answer that thought, else undefined. */
export function thinkingBlock(
  call: AnsweredCall,
): { type: 'thinking'; thinking: string; signature: string } | undefined {
  if (call.usage.reasoningTokens === 0) return undefined;
  return { type: 'thinking', thinking: THINKING_SUMMARY, signature: thinkingSignature(call.id) };
}
