/**
 * Reads a Chat Completions request body. Anything malformed gets the 400 the real API
 * sends, in its shape, instead of an exception.
 */
import type { ChatMessage } from '../../contracts/index.ts';
import type { AnswerRequest } from '../answer-shape.ts';
import type { ParsedCall } from '../call.ts';
import { JUDGE_EPSILON_HEADER, readJudgeHeaders } from '../judge.ts';
import { contentText, isRecord, type Parsed } from '../parse.ts';
import { REQUEST_ID_HEADER } from '../request-directory.ts';
import { readChatAnswerRequest } from './answer-request.ts';
import {
  invalidJson,
  invalidValue,
  missingParameter,
  openAIErrorBody,
  openAIErrorResponse,
} from './errors.ts';
import { checkChatArguments, contentPartProblem } from './request-checks.ts';

export interface OpenAIChatRequest extends ParsedCall {
  /** Tools, tool choice and JSON mode: the shape the answer takes (answer-shape.ts). */
  answer: AnswerRequest;
  /** `logprobs: true` was asked for. */
  logprobs: boolean;
  /** `top_logprobs` (0–20). */
  topLogprobs: number;
  /** `stream_options.include_usage`. */
  includeUsage: boolean;
  /** `reasoning_effort` as sent (checked against the model by the handler, reasoning-params.ts). */
  reasoningEffort?: unknown;
}

/**
 * The first steps every OpenAI endpoint takes with a body, in OpenAI's order: JSON, an object,
 * the endpoint's own argument checks (`checkArguments`), then a string `model`.
 */
export async function readOpenAIBody(
  request: Request,
  checkArguments: (body: Record<string, unknown>) => Response | undefined,
): Promise<Parsed<Record<string, unknown> & { model: string }>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: invalidJson() };
  }
  if (!isRecord(body)) return { ok: false, response: invalidJson() };
  const argumentProblem = checkArguments(body);
  if (argumentProblem !== undefined) return { ok: false, response: argumentProblem };
  if (body['model'] === undefined) return { ok: false, response: missingParameter('model') };
  if (typeof body['model'] !== 'string') {
    return { ok: false, response: invalidValue('model', "Invalid type for 'model': expected a string.") };
  }
  return { ok: true, value: body as Record<string, unknown> & { model: string } };
}

export async function parseOpenAIChat(request: Request): Promise<Parsed<OpenAIChatRequest>> {
  const read = await readOpenAIBody(request, checkChatArguments);
  if (!read.ok) return read;
  const body = read.value;
  if (body['messages'] === undefined) return { ok: false, response: missingParameter('messages') };
  const messages = readMessages(body['messages']);
  if (messages instanceof Response) return { ok: false, response: messages };
  const maxTokens = body['max_completion_tokens'] ?? body['max_tokens'];
  if (
    maxTokens !== undefined &&
    maxTokens !== null &&
    !(Number.isInteger(maxTokens) && (maxTokens as number) > 0)
  ) {
    return {
      ok: false,
      response: invalidValue('max_tokens', "Invalid 'max_tokens': expected a positive integer."),
    };
  }
  const answer = readChatAnswerRequest(body, body['messages'] as unknown[]);
  if (!answer.ok) return answer;
  const judge = readJudgeHeaders(request.headers);
  if (!judge.ok) return { ok: false, response: invalidValue(JUDGE_EPSILON_HEADER, judge.message) };
  const streamOptions = body['stream_options'];
  const topLogprobs = body['top_logprobs'];
  return {
    ok: true,
    value: {
      model: body['model'],
      messages,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      stream: body['stream'] === true,
      ...(typeof body['n'] === 'number' && body['n'] > 1 ? { choices: body['n'] } : {}),
      answer: answer.value,
      requestId: request.headers.get(REQUEST_ID_HEADER),
      ...(judge.judge === undefined ? {} : { judge: judge.judge }),
      logprobs: body['logprobs'] === true,
      topLogprobs: typeof topLogprobs === 'number' ? topLogprobs : 0,
      includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
      ...(body['reasoning_effort'] === undefined || body['reasoning_effort'] === null
        ? {}
        : { reasoningEffort: body['reasoning_effort'] }),
    },
  };
}

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

/** Messages as ChatMessage[], or the response for the first problem, as the API words it. */
function readMessages(value: unknown): ChatMessage[] | Response {
  if (!Array.isArray(value)) {
    return invalidValue('messages', "Invalid type for 'messages': expected an array of objects.");
  }
  if (value.length === 0) {
    return invalidValue(
      'messages',
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
    );
  }
  const messages: ChatMessage[] = [];
  for (const [index, item] of value.entries()) {
    if (!isRecord(item))
      return invalidValue(`messages[${index}]`, `Invalid type for 'messages[${index}]': expected an object.`);
    const role = item['role'];
    if (role === undefined) return missingParameter(`messages[${index}].role`);
    if (typeof role !== 'string' || !ROLES.includes(role)) {
      return invalidValue(
        `messages[${index}].role`,
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
      );
    }
    if (role === 'tool' && typeof item['tool_call_id'] !== 'string') {
      return missingToolCallId(index);
    }
    const unmodelled = contentPartProblem(item['content'], `messages[${index}].content`);
    if (unmodelled !== undefined) return unmodelled;
    // An assistant turn that only called tools has null content; its calls' arguments count as its text.
    const content = contentText(
      item['content'] ?? (role === 'assistant' ? toolCallText(item['tool_calls']) : undefined),
    );
    if (content === undefined) {
      return invalidValue(
        `messages[${index}].content`,
        `Invalid type for 'messages[${index}].content': expected one of a string or array of objects.`,
      );
    }
    messages.push({ role: chatRole(role), content });
  }
  return messages;
}

function missingToolCallId(index: number): Response {
  return openAIErrorResponse(
    400,
    openAIErrorBody(
      "Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.",
      'invalid_request_error',
      `messages.[${index}].tool_call_id`,
      null,
    ),
  );
}

function toolCallText(calls: unknown): string {
  if (!Array.isArray(calls)) return '';
  return calls
    .map((call) =>
      isRecord(call) && isRecord(call['function']) ? String(call['function']['arguments'] ?? '') : '',
    )
    .join('');
}

/**
 * The world's three roles. A tool result counts as the assistant side: it is not the user's
 * request, so the last user message (which names the simulated request over `serve`) stays the
 * user's own.
 */
function chatRole(role: string): ChatMessage['role'] {
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'user') return 'user';
  return 'assistant';
}
