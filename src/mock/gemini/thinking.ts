/**
 * `generationConfig.thinkingConfig` on the native Gemini wire, checked as Google checks it:
 * `thinkingBudget` −1 is dynamic thinking, 0 turns thinking off (refused by 2.5 Pro, which only
 * works in thinking mode), 128–32,768 caps it. The world knows Gemini's thinking by the
 * OpenAI-compatible efforts, whose caps are the catalog's `effortCap` (1,024 / 8,192 / 24,576):
 * a budget is read as the smallest effort whose cap holds it, and a budget above every effort's
 * cap as dynamic — so a client sending effortCap[e] is simulated exactly as `reasoning_effort: e`.
 * With `includeThoughts`, an answer that thought carries a thought-summary part.
 */
import type { AnsweredCall, ModelSpec } from '../../contracts/index.ts';
import { REASONING_EFFORTS } from '../../contracts/index.ts';
import { isRecord } from '../parse.ts';
import type { ReasoningRead } from '../wire-format.ts';
import { invalidArgument } from './errors.ts';

export const MIN_THINKING_BUDGET = 128;
export const MAX_THINKING_BUDGET = 32_768;
export const DYNAMIC_BUDGET = -1;

export function readThinkingConfig(model: ModelSpec, value: unknown): ReasoningRead {
  if (value === undefined || value === null) return { ok: true, setting: undefined };
  if (!isRecord(value))
    return refuse("Invalid value at 'generation_config.thinking_config': expected an object.");
  const budget = value['thinkingBudget'];
  if (budget === undefined || budget === null) return { ok: true, setting: undefined };
  if (!Number.isInteger(budget)) {
    return refuse(
      `Invalid value at 'generation_config.thinking_config.thinking_budget' (TYPE_INT32), ${JSON.stringify(budget)}`,
    );
  }
  const spec = model.reasoning;
  const tokens = budget as number;
  if (spec === undefined) {
    // A model that does not think: off is fine, anything else is not supported.
    return tokens === 0
      ? { ok: true, setting: undefined }
      : refuse('Thinking is not supported by this model.');
  }
  if (tokens === DYNAMIC_BUDGET) return { ok: true, setting: {} };
  if (tokens === 0 && spec.control !== 'budget') {
    return refuse('Budget 0 is invalid. This model only works in thinking mode.');
  }
  if (tokens !== 0 && (tokens < MIN_THINKING_BUDGET || tokens > MAX_THINKING_BUDGET)) {
    return refuse(
      `The thinking budget ${tokens} is invalid. Please choose a value between ${MIN_THINKING_BUDGET} and ${MAX_THINKING_BUDGET}.`,
    );
  }
  if (spec.control === 'budget') return { ok: true, setting: { budgetTokens: tokens } };
  const effort = REASONING_EFFORTS.find(
    (level) => tokens <= (spec.effortCap[level] ?? Number.POSITIVE_INFINITY),
  );
  return { ok: true, setting: effort === undefined ? {} : { effort } };
}

/** The thinking budget that asks a model for its configured setting (the client half sends it). */
export function thinkingBudgetOf(model: ModelSpec | undefined): number | undefined {
  const spec = model?.reasoning;
  if (spec === undefined) return undefined;
  if (spec.control === 'budget') return spec.setting.budgetTokens;
  const effort = spec.setting.effort;
  return effort === undefined ? undefined : spec.effortCap[effort];
}

/** What a thought-summary part says (Gemini returns summaries of its thoughts, not the thoughts). */
export const THOUGHT_SUMMARY =
  '**Working through the request**\n\nRestating what is asked, checking each step against the details given, then settling on an answer.';

/** The thought-summary part of an answer that thought, when the client asked for thoughts. */
export function thoughtPart(
  call: AnsweredCall,
  includeThoughts: boolean,
): { text: string; thought: true } | undefined {
  return includeThoughts && call.usage.reasoningTokens > 0
    ? { text: THOUGHT_SUMMARY, thought: true }
    : undefined;
}

function refuse(message: string): ReasoningRead {
  return { ok: false, response: invalidArgument(message) };
}
