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

/** `param`: the parameter's name in the request ('reasoning.effort' on the Responses API). */
export function readReasoningEffort(
  model: ModelSpec,
  value: unknown,
  param = 'reasoning_effort',
): EffortRead {
  if (value === undefined) return { ok: true, setting: undefined };
  const spec = model.reasoning;
  if (spec === undefined || spec.control === 'budget') {
    return {
      ok: false,
      response: openAIErrorResponse(
        400,
        openAIErrorBody(
          `Unsupported parameter: '${param}' is not supported with this model.`,
          'invalid_request_error',
          param,
          'unsupported_parameter',
        ),
      ),
    };
  }
  if (value === 'none') {
    return {
      ok: false,
      response: invalidValue(
        param,
        `Reasoning cannot be disabled for ${model.id}: '${param}' must be one of 'low', 'medium', 'high'.`,
      ),
    };
  }
  const effort = REASONING_EFFORTS.find((level) => level === value);
  if (effort === undefined) {
    return {
      ok: false,
      response: invalidValue(
        param,
        `Invalid value: '${String(value)}'. Supported values are: 'low', 'medium', and 'high'.`,
      ),
    };
  }
  return { ok: true, setting: { effort } };
}
