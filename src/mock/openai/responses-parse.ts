/**
 * Reads a Responses API body (`POST /v1/responses`): `input` as a string or a list of items
 * (messages, function calls and their outputs), `instructions`, `max_output_tokens`, function
 * `tools` and `tool_choice`, `text.format` (JSON mode), `reasoning.effort`. OpenAI's 400s for
 * what it rejects; routesim's "not modelled" 400 for what it cannot simulate (images, files,
 * built-in tools, server-side conversation state).
 */
import type { ChatMessage } from '../../contracts/index.ts';
import type { AnswerRequest } from '../answer-shape.ts';
import type { ParsedCall } from '../call.ts';
import { JUDGE_EPSILON_HEADER, readJudgeHeaders } from '../judge.ts';
import { isRecord, type Parsed } from '../parse.ts';
import { REQUEST_ID_HEADER } from '../request-directory.ts';
import { readJsonSchema, readToolChoice, readTools } from './answer-request.ts';
import { invalidValue, missingParameter, openAIErrorBody, openAIErrorResponse } from './errors.ts';
import { readOpenAIBody } from './parse.ts';
import { notModelled, rangeProblem } from './request-checks.ts';

export interface OpenAIResponsesRequest extends ParsedCall {
  answer: AnswerRequest;
  /** Echoed back on the response object. */
  instructions: string | null;
  maxOutputTokens: number | null;
  temperature: number;
  topP: number;
  /** `reasoning.effort` as sent (checked against the model like Chat's reasoning_effort). */
  reasoningEffort?: unknown;
}

const RESPONSES_ARGUMENTS = new Set([
  'model',
  'input',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'metadata',
  'parallel_tool_calls',
  'previous_response_id',
  'conversation',
  'prompt',
  'background',
  'include',
  'prompt_cache_key',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'user',
]);

const NOT_MODELLED: readonly [string, string][] = [
  ['previous_response_id', 'server-side conversation state (send the whole conversation as input)'],
  ['conversation', 'server-side conversations (send the whole conversation as input)'],
  ['prompt', 'stored prompt templates'],
  ['background', 'background responses'],
];

export async function parseOpenAIResponses(request: Request): Promise<Parsed<OpenAIResponsesRequest>> {
  const read = await readOpenAIBody(request, checkArguments);
  if (!read.ok) return read;
  const body = read.value;
  const instructions = body['instructions'];
  if (instructions !== undefined && instructions !== null && typeof instructions !== 'string') {
    return {
      ok: false,
      response: invalidValue('instructions', "Invalid type for 'instructions': expected a string."),
    };
  }
  const input = readInput(body['input']);
  if (input instanceof Response) return { ok: false, response: input };
  const messages: ChatMessage[] = [
    ...(typeof instructions === 'string' ? [{ role: 'system' as const, content: instructions }] : []),
    ...input.messages,
  ];
  const tools = readTools(body['tools'], (tool) => tool, '');
  if (!Array.isArray(tools)) return { ok: false, response: tools };
  const toolChoice = readToolChoice(body['tool_choice'], tools, (choice) => choice['name']);
  if (!('kind' in toolChoice)) return { ok: false, response: toolChoice };
  const json = readTextFormat(body['text']);
  if (json instanceof Response) return { ok: false, response: json };
  const judge = readJudgeHeaders(request.headers);
  if (!judge.ok) return { ok: false, response: invalidValue(JUDGE_EPSILON_HEADER, judge.message) };
  const maxOutputTokens = body['max_output_tokens'];
  const reasoning = body['reasoning'];
  const effort = isRecord(reasoning) ? reasoning['effort'] : undefined;
  return {
    ok: true,
    value: {
      model: body['model'],
      messages,
      maxTokens: typeof maxOutputTokens === 'number' ? maxOutputTokens : undefined,
      stream: body['stream'] === true,
      requestId: request.headers.get(REQUEST_ID_HEADER),
      ...(judge.judge === undefined ? {} : { judge: judge.judge }),
      answer: {
        tools,
        toolChoice,
        toolResultSinceUser: input.toolResultSinceUser,
        ...(json === undefined ? {} : { json }),
      },
      instructions: typeof instructions === 'string' ? instructions : null,
      maxOutputTokens: typeof maxOutputTokens === 'number' ? maxOutputTokens : null,
      temperature: typeof body['temperature'] === 'number' ? body['temperature'] : 1,
      topP: typeof body['top_p'] === 'number' ? body['top_p'] : 1,
      ...(effort === undefined || effort === null ? {} : { reasoningEffort: effort }),
    },
  };
}

function checkArguments(body: Record<string, unknown>): Response | undefined {
  for (const name of Object.keys(body)) {
    if (!RESPONSES_ARGUMENTS.has(name)) {
      return openAIErrorResponse(
        400,
        openAIErrorBody(`Unknown parameter: '${name}'.`, 'invalid_request_error', name, 'unknown_parameter'),
      );
    }
  }
  for (const [param, what] of NOT_MODELLED) {
    if (body[param] !== undefined && body[param] !== null && body[param] !== false)
      return notModelled(param, what);
  }
  return (
    rangeProblem('temperature', body['temperature'], 0, 2, false) ??
    rangeProblem('top_p', body['top_p'], 0, 1, false) ??
    rangeProblem('top_logprobs', body['top_logprobs'], 0, 20, true) ??
    // The Responses API's floor for max_output_tokens is 16.
    rangeProblem('max_output_tokens', body['max_output_tokens'], 16, Number.MAX_SAFE_INTEGER, true)
  );
}

interface Input {
  messages: ChatMessage[];
  toolResultSinceUser: boolean;
}

const ROLES: Record<string, ChatMessage['role']> = {
  user: 'user',
  assistant: 'assistant',
  system: 'system',
  developer: 'system',
};

/** `input`: a string (one user message) or items; tool outputs count on the assistant side. */
function readInput(value: unknown): Input | Response {
  if (value === undefined || value === null) return missingParameter('input');
  if (typeof value === 'string')
    return { messages: [{ role: 'user', content: value }], toolResultSinceUser: false };
  if (!Array.isArray(value)) {
    return invalidValue(
      'input',
      "Invalid type for 'input': expected one of a string or array of input items.",
    );
  }
  const messages: ChatMessage[] = [];
  let toolResultSinceUser = false;
  for (const [index, item] of value.entries()) {
    if (!isRecord(item))
      return invalidValue(`input[${index}]`, `Invalid type for 'input[${index}]': expected an object.`);
    const type = item['type'] ?? 'message';
    if (
      (type === 'function_call_output' || type === 'function_call') &&
      typeof item['call_id'] !== 'string'
    ) {
      return missingParameter(`input[${index}].call_id`);
    }
    if (type === 'function_call_output') {
      messages.push({
        role: 'assistant',
        content: typeof item['output'] === 'string' ? item['output'] : JSON.stringify(item['output'] ?? ''),
      });
      toolResultSinceUser = true;
      continue;
    }
    if (type === 'function_call') {
      messages.push({ role: 'assistant', content: String(item['arguments'] ?? '') });
      continue;
    }
    if (type === 'reasoning') continue;
    if (type !== 'message')
      return notModelled(`input[${index}].type`, `input items of type '${String(type)}'`);
    const role = typeof item['role'] === 'string' ? ROLES[item['role']] : undefined;
    if (role === undefined) {
      return invalidValue(
        `input[${index}].role`,
        `Invalid value: '${String(item['role'])}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.`,
      );
    }
    const content = itemText(item['content'], index);
    if (content instanceof Response) return content;
    messages.push({ role, content });
    if (role === 'user') toolResultSinceUser = false;
  }
  if (messages.length === 0)
    return invalidValue(
      'input',
      "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.",
    );
  return { messages, toolResultSinceUser };
}

function itemText(content: unknown, index: number): string | Response {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    return invalidValue(
      `input[${index}].content`,
      `Invalid type for 'input[${index}].content': expected one of a string or array of input content.`,
    );
  }
  let text = '';
  for (const [partIndex, part] of content.entries()) {
    const type = isRecord(part) ? part['type'] : undefined;
    if (
      (type === 'input_text' || type === 'output_text') &&
      isRecord(part) &&
      typeof part['text'] === 'string'
    ) {
      text += part['text'];
      continue;
    }
    const what =
      type === 'input_image'
        ? 'image inputs'
        : type === 'input_file'
          ? 'file inputs'
          : type === 'input_audio'
            ? 'audio inputs'
            : `content of type '${String(type)}'`;
    return notModelled(`input[${index}].content[${partIndex}]`, what);
  }
  return text;
}

/** `text.format`: text, json_object or json_schema (name and schema inline). */
function readTextFormat(value: unknown): AnswerRequest['json'] | Response {
  if (value === undefined || value === null) return undefined;
  const format = isRecord(value) ? value['format'] : undefined;
  if (format === undefined || format === null) return undefined;
  const type = isRecord(format) ? format['type'] : undefined;
  if (type === 'text') return undefined;
  if (type === 'json_object') return { kind: 'object' };
  if (type === 'json_schema') return readJsonSchema(format, 'text.format');
  return invalidValue(
    'text.format.type',
    `Invalid value: '${String(type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
  );
}
