/**
 * `reasoning_effort` on Chat Completions, checked as the providers check it: accepted by
 * reasoning models (OpenAI o-series; Gemini 2.5 Pro through its OpenAI-compatible API, where
 * low/medium/high cap the thinking budget), refused with OpenAI's 400 "Unsupported parameter"
 * by any other model, and 'none' refused by models that cannot stop reasoning.
 */
import type { ModelSpec, ReasoningSetting } from '../../contracts/index.ts';
import { REASONING_EFFORTS } from '../../contracts/index.ts';
import { invalidValue, openAIErrorBody, openAIErrorResponse } from './errors.ts';

export type EffortRead =
  | { ok: true; setting: ReasoningSetting | undefined }
  | { ok: false; response: Response };

export function readReasoningEffort(model: ModelSpec, value: unknown): EffortRead {
  if (value === undefined) return { ok: true, setting: undefined };
  const spec = model.reasoning;
  if (spec === undefined || spec.control === 'budget') {
    return {
      ok: false,
      response: openAIErrorResponse(
        400,
        openAIErrorBody(
          "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
          'invalid_request_error',
          'reasoning_effort',
          'unsupported_parameter',
        ),
      ),
    };
  }
  if (value === 'none') {
    return {
      ok: false,
      response: invalidValue(
        'reasoning_effort',
        `Reasoning cannot be disabled for ${model.id}: 'reasoning_effort' must be one of 'low', 'medium', 'high'.`,
      ),
    };
  }
  const effort = REASONING_EFFORTS.find((level) => level === value);
  if (effort === undefined) {
    return {
      ok: false,
      response: invalidValue(
        'reasoning_effort',
        `Invalid value: '${String(value)}'. Supported values are: 'low', 'medium', and 'high'.`,
      ),
    };
  }
  return { ok: true, setting: { effort } };
}
