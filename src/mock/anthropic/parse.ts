/** Reads an Anthropic Messages request body; malformed input gets Anthropic's own 400. */
import type { ChatMessage } from '../../contracts/index.ts';
import type { ParsedCall } from '../call.ts';

/** A Messages request: the call, plus the `thinking` parameter as sent (thinking.ts checks it). */
export interface AnthropicMessagesRequest extends ParsedCall {
  thinking?: unknown;
  /** Tools and tool choice: the shape the answer takes (answer-shape.ts). */
  answer: AnswerRequest;
}

import type { AnswerRequest } from '../answer-shape.ts';
import { readJudgeHeaders } from '../judge.ts';
import { contentText, isRecord, type Parsed } from '../parse.ts';
import { REQUEST_ID_HEADER } from '../request-directory.ts';
import { anthropicInvalidRequest } from './errors.ts';
import { argumentProblems, blocksText, contentProblems, readAnthropicAnswer } from './request-checks.ts';

export async function parseAnthropicMessages(request: Request): Promise<Parsed<AnthropicMessagesRequest>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return {
      ok: false,
      response: anthropicInvalidRequest('There was an error parsing the body: invalid JSON'),
    };
  }
  if (!isRecord(body))
    return { ok: false, response: anthropicInvalidRequest('body: Input should be an object') };
  // Anthropic reports every missing field at once, "a: Field required; b: …" — so do we.
  const problems: string[] = argumentProblems(body);
  if (body['model'] === undefined) problems.push('model: Field required');
  else if (typeof body['model'] !== 'string') problems.push('model: Input should be a valid string');
  const maxTokens = body['max_tokens'];
  if (maxTokens === undefined) problems.push('max_tokens: Field required');
  else if (!(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    problems.push('max_tokens: Input should be a valid integer greater than or equal to 1');
  }
  const messages: ChatMessage[] = [];
  const system = body['system'];
  if (system !== undefined) {
    const text = contentText(system);
    if (text === undefined) problems.push('system: Input should be a valid string or a list of text blocks');
    else messages.push({ role: 'system', content: text });
  }
  const rawMessages = body['messages'];
  if (rawMessages === undefined) problems.push('messages: Field required');
  else if (!Array.isArray(rawMessages)) problems.push('messages: Input should be a valid list');
  else if (rawMessages.length === 0)
    problems.push('messages: List should have at least 1 item after validation, not 0');
  else {
    for (const [index, item] of rawMessages.entries()) {
      const role = isRecord(item) ? item['role'] : undefined;
      const content = isRecord(item) ? blocksText(item['content']) : undefined;
      if (isRecord(item)) problems.push(...contentProblems(item['content'], index));
      if (role !== 'user' && role !== 'assistant') {
        problems.push(`messages.${index}.role: Input should be 'user' or 'assistant'`);
      } else if (content === undefined) {
        problems.push(
          `messages.${index}.content: Input should be a valid string or a list of content blocks`,
        );
      } else messages.push({ role, content });
    }
  }
  const answer = readAnthropicAnswer(body, problems);
  const judge = readJudgeHeaders(request.headers);
  if (!judge.ok) problems.push(judge.message);
  if (problems.length > 0) return { ok: false, response: anthropicInvalidRequest(problems.join('; ')) };
  return {
    ok: true,
    value: {
      model: body['model'] as string,
      messages,
      maxTokens: maxTokens as number,
      stream: body['stream'] === true,
      answer,
      requestId: request.headers.get(REQUEST_ID_HEADER),
      ...(judge.ok && judge.judge !== undefined ? { judge: judge.judge } : {}),
      ...(body['thinking'] === undefined ? {} : { thinking: body['thinking'] }),
    },
  };
}
