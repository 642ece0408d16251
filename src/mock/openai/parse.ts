/**
 * Reads a Chat Completions request body. Anything malformed gets the 400 the real API
 * sends, in its shape, instead of an exception.
 */
import type { ChatMessage } from '../../contracts/index.ts';
import type { ParsedCall } from '../call.ts';
import { JUDGE_EPSILON_HEADER, readJudgeHeaders } from '../judge.ts';
import { contentText, isRecord, type Parsed } from '../parse.ts';
import { REQUEST_ID_HEADER } from '../request-directory.ts';
import { invalidJson, invalidValue, missingParameter } from './errors.ts';

export interface OpenAIChatRequest extends ParsedCall {
  /** `logprobs: true` was asked for. */
  logprobs: boolean;
  /** `top_logprobs` (0–20). */
  topLogprobs: number;
  /** `stream_options.include_usage`. */
  includeUsage: boolean;
  /** `reasoning_effort` as sent (checked against the model by the handler, reasoning-params.ts). */
  reasoningEffort?: unknown;
}

export async function parseOpenAIChat(request: Request): Promise<Parsed<OpenAIChatRequest>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: invalidJson() };
  }
  if (!isRecord(body)) return { ok: false, response: invalidJson() };
  if (body['model'] === undefined) return { ok: false, response: missingParameter('model') };
  if (typeof body['model'] !== 'string') {
    return { ok: false, response: invalidValue('model', "Invalid type for 'model': expected a string.") };
  }
  if (body['messages'] === undefined) return { ok: false, response: missingParameter('messages') };
  const messages = readMessages(body['messages']);
  if (typeof messages === 'string') return { ok: false, response: invalidValue('messages', messages) };
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

/** Messages as ChatMessage[], or the problem as the API words it. */
function readMessages(value: unknown): ChatMessage[] | string {
  if (!Array.isArray(value)) return "Invalid type for 'messages': expected an array of objects.";
  if (value.length === 0) return "Invalid 'messages': empty array. Expected an array with minimum length 1.";
  const messages: ChatMessage[] = [];
  for (const [index, item] of value.entries()) {
    if (!isRecord(item) || typeof item['role'] !== 'string') {
      return `Invalid 'messages[${index}]': expected an object with a 'role'.`;
    }
    const content = contentText(item['content']);
    if (content === undefined)
      return `Invalid 'messages[${index}].content': expected a string or an array of parts.`;
    messages.push({ role: chatRole(item['role']), content });
  }
  return messages;
}

function chatRole(role: string): ChatMessage['role'] {
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'assistant') return 'assistant';
  return 'user';
}
