/**
 * The checks OpenAI runs on a Chat Completions body before anything else, answered with its
 * own 400s: an argument it does not know, a number out of its range. And the 400 routesim
 * gives for what it does not model (audio, images, files, web search, the deprecated
 * `functions`): a provider-shaped refusal that says so, never an answer that ignored the input.
 */
import { isRecord } from '../parse.ts';
import { invalidValue, openAIErrorBody, openAIErrorResponse } from './errors.ts';

/** Every Chat Completions argument the real API accepts (its API reference, 2025). */
const CHAT_ARGUMENTS = new Set([
  'model',
  'messages',
  'audio',
  'frequency_penalty',
  'function_call',
  'functions',
  'logit_bias',
  'logprobs',
  'max_completion_tokens',
  'max_tokens',
  'metadata',
  'modalities',
  'n',
  'parallel_tool_calls',
  'prediction',
  'presence_penalty',
  'prompt_cache_key',
  'reasoning_effort',
  'response_format',
  'safety_identifier',
  'seed',
  'service_tier',
  'stop',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'user',
  'verbosity',
  'web_search_options',
]);

/** Numeric ranges as the API states them: [parameter, minimum, maximum, integer]. */
const RANGES: readonly [string, number, number, boolean][] = [
  ['temperature', 0, 2, false],
  ['top_p', 0, 1, false],
  ['frequency_penalty', -2, 2, false],
  ['presence_penalty', -2, 2, false],
  ['n', 1, 128, true],
  ['top_logprobs', 0, 20, true],
];

/** Arguments routesim does not model, and what to call them in the refusal. */
const NOT_MODELLED: readonly [string, string][] = [
  ['audio', 'audio output'],
  ['prediction', 'predicted outputs'],
  ['web_search_options', 'web search'],
  ['functions', "the deprecated 'functions' (send 'tools')"],
  ['function_call', "the deprecated 'function_call' (send 'tool_choice')"],
];

/** The 400 for something routesim does not simulate; `code` says so to code that checks. */
export function notModelled(param: string, what: string): Response {
  return openAIErrorResponse(
    400,
    openAIErrorBody(
      `routesim does not model ${what}: a simulated answer would ignore it, so the request is refused. Leave '${param}' out to get a simulated answer.`,
      'invalid_request_error',
      param,
      'routesim_not_modelled',
    ),
  );
}

/** The first problem of a Chat Completions body, as OpenAI words it, or undefined. */
export function checkChatArguments(body: Record<string, unknown>): Response | undefined {
  for (const name of Object.keys(body)) {
    if (!CHAT_ARGUMENTS.has(name)) {
      return openAIErrorResponse(
        400,
        openAIErrorBody(`Unrecognized request argument supplied: ${name}`, 'invalid_request_error'),
      );
    }
  }
  for (const [param, minimum, maximum, integer] of RANGES) {
    const problem = rangeProblem(param, body[param], minimum, maximum, integer);
    if (problem !== undefined) return problem;
  }
  for (const [param, what] of NOT_MODELLED) {
    if (body[param] !== undefined && body[param] !== null) return notModelled(param, what);
  }
  const modalities = body['modalities'];
  if (Array.isArray(modalities) && modalities.some((modality) => modality !== 'text')) {
    return notModelled('modalities', 'output modalities other than text');
  }
  if (body['stream_options'] !== undefined && body['stream_options'] !== null && body['stream'] !== true) {
    return invalidValue(
      'stream_options',
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    );
  }
  return undefined;
}

/** OpenAI's out-of-range 400 for `param`, or undefined when `value` is absent or in range. */
export function rangeProblem(
  param: string,
  value: unknown,
  minimum: number,
  maximum: number,
  integer: boolean,
): Response | undefined {
  if (value === undefined || value === null) return undefined;
  const kind = integer ? 'integer' : 'decimal';
  if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
    return openAIErrorResponse(
      400,
      openAIErrorBody(
        `Invalid type for '${param}': expected ${integer ? 'an integer' : 'a decimal'}, but got ${typeof value} instead.`,
        'invalid_request_error',
        param,
        'invalid_type',
      ),
    );
  }
  if (value < minimum || value > maximum) {
    const above = value > maximum;
    return openAIErrorResponse(
      400,
      openAIErrorBody(
        `Invalid '${param}': ${kind} ${above ? 'above maximum' : 'below minimum'} value. Expected a value ${above ? '<=' : '>='} ${above ? maximum : minimum}, but got ${value} instead.`,
        'invalid_request_error',
        param,
        `${kind}_${above ? 'above_max' : 'below_min'}_value`,
      ),
    );
  }
  return undefined;
}

/** Content parts routesim refuses: anything that is not text. */
export function contentPartProblem(content: unknown, path: string): Response | undefined {
  if (!Array.isArray(content)) return undefined;
  for (const [index, part] of content.entries()) {
    const type = isRecord(part) ? part['type'] : undefined;
    if (type === 'text' || type === 'refusal') continue;
    const what =
      type === 'image_url'
        ? 'image inputs'
        : type === 'input_audio'
          ? 'audio inputs'
          : type === 'file'
            ? 'file inputs'
            : `content parts of type '${String(type)}'`;
    return notModelled(`${path}[${index}]`, what);
  }
  return undefined;
}
