/**
 * A team's own traffic as an OpenAI-format JSONL log: one request per line,
 * `{messages, model, time, …}`. Other fields a log carries are ignored.
 *
 * - `time`: an ISO 8601 date-time or epoch milliseconds; arrivals are relative to the earliest
 *   line, and lines are replayed in time order (a stable sort keeps equal times in file order).
 *   Required unless the scenario spaces the requests with traffic.arrival.
 * - `messages`: Chat Completions messages; `content` a string or text parts; the role
 *   `developer` counts as `system`. A trailing `assistant` message is the logged answer: it is
 *   not sent, and its token count is the request's expected answer length.
 * - outcome labels (optional): `score` in [0, 1], or `correct` (true → 1, false → 0), for the
 *   line's `model`.
 * - optional `max_tokens` / `max_completion_tokens`, `usage.completion_tokens`, `tier`.
 */
import { z } from 'zod';
import type { ChatMessage } from '../../contracts/index.ts';
import { InputError } from '../../errors.ts';
import { countTokens } from '../tokenizer.ts';
import { addZodIssues, forEachJsonLine, issueList } from './jsonl.ts';
import type { ReplayItem, ReplaySource } from './types.ts';

const content = z.union(
  [z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).min(1)],
  { error: 'expected a string or an array of content parts' },
);

const lineSchema = z.looseObject({
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['system', 'developer', 'user', 'assistant']),
        content,
      }),
    )
    .min(1, { error: 'expected at least one message' }),
  model: z.string().min(1, { error: 'expected the model the request was sent to' }),
  time: z
    .union([z.string(), z.number()], { error: 'expected an ISO 8601 date-time or epoch milliseconds' })
    .optional(),
  score: z.number().min(0).max(1).optional(),
  correct: z.boolean().optional(),
  max_tokens: z.number().int().min(1).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
  usage: z.looseObject({ completion_tokens: z.number().int().min(0).optional() }).optional(),
  tier: z.string().min(1).optional(),
});

export interface OpenAiLogOptions {
  /** Whether every line must carry `time` (arrivals from the log). @default true */
  requireTime?: boolean;
}

/** Parse a log; every bad line is reported with its line and field, all at once. */
export function parseOpenAiLog(text: string, file: string, options: OpenAiLogOptions = {}): ReplaySource {
  const requireTime = options.requireTime ?? true;
  const issues = issueList();
  const items: ReplayItem[] = [];
  const absoluteTimes: number[] = [];
  const models: string[] = [];
  forEachJsonLine(text, issues, (json, line) => {
    const result = lineSchema.safeParse(json);
    if (!result.success) return addZodIssues(result.error.issues, line, issues);
    const entry = result.data;
    const messages: ChatMessage[] = entry.messages.map((message) => ({
      role: message.role === 'developer' ? 'system' : message.role,
      content:
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => part.text ?? '').join(''),
    }));
    let answer: ChatMessage | undefined;
    if (messages.length > 1 && messages[messages.length - 1]!.role === 'assistant') answer = messages.pop();
    if (!messages.some((message) => message.role === 'user')) {
      issues.add({ path: ['messages'], message: 'expected at least one user message', line });
      return;
    }
    const time = entry.time === undefined ? undefined : parseTime(entry.time);
    if (entry.time !== undefined && time === undefined) {
      issues.add({
        path: ['time'],
        message: `expected an ISO 8601 date-time (e.g. "2025-03-01T09:30:00Z") or epoch milliseconds, got ${JSON.stringify(entry.time)}`,
        line,
      });
      return;
    }
    if (time === undefined && requireTime) {
      issues.add({
        path: ['time'],
        message: 'missing "time" (the arrival time); or set traffic.arrival to space the requests',
        line,
      });
      return;
    }
    const label = outcomeLabel(entry.score, entry.correct);
    if (label === 'conflict') {
      issues.add({
        path: ['correct'],
        message: `"score" ${entry.score} and "correct" ${entry.correct} disagree (correct means score ≥ 0.5)`,
        line,
      });
      return;
    }
    const item: ReplayItem = {
      line,
      messages,
      scores: label === undefined ? {} : { [entry.model]: [label] },
    };
    const completion =
      entry.usage?.completion_tokens ?? (answer === undefined ? undefined : countTokens(answer.content));
    if (completion !== undefined) item.expectedOutputTokens = completion;
    const maxTokens = entry.max_completion_tokens ?? entry.max_tokens;
    if (maxTokens !== undefined) item.maxTokens = maxTokens;
    if (entry.tier !== undefined) item.tier = entry.tier;
    items.push(item);
    absoluteTimes.push(time ?? 0);
    if (label !== undefined && !models.includes(entry.model)) models.push(entry.model);
  });
  if (issues.issues.length === 0 && items.length === 0) {
    issues.add({
      path: [],
      message: 'the log has no lines; expected {"messages", "model", "time"} per line',
    });
  }
  if (issues.issues.length > 0) throw new InputError(file, issues.finish());

  const first = Math.min(...absoluteTimes);
  const order = items
    .map((_, index) => index)
    .sort((left, right) => absoluteTimes[left]! - absoluteTimes[right]!);
  const sorted = order.map((index) => {
    const item = items[index]!;
    if (requireTime) item.timeMs = absoluteTimes[index]! - first;
    return item;
  });
  return { format: 'openai-log', file, models, items: sorted };
}

/** Epoch ms of an ISO 8601 string or a number; undefined when it is neither. */
export function parseTime(time: string | number): number | undefined {
  if (typeof time === 'number') return Number.isFinite(time) ? time : undefined;
  // Date.parse also accepts loose formats ("March 1"); a log's times must be ISO 8601.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(time))
    return undefined;
  // A time without an offset is read as UTC, so the replay does not depend on the machine's zone.
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(time) || !time.includes(':') ? time : `${time}Z`;
  const value = Date.parse(zoned.replace(' ', 'T'));
  return Number.isFinite(value) ? value : undefined;
}

function outcomeLabel(
  score: number | undefined,
  correct: boolean | undefined,
): number | 'conflict' | undefined {
  if (score !== undefined && correct !== undefined && score >= 0.5 !== correct) return 'conflict';
  if (score !== undefined) return score;
  if (correct !== undefined) return correct ? 1 : 0;
  return undefined;
}
