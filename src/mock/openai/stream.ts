/**
 * Chat Completions streaming: `chat.completion.chunk` frames — per choice, the role and first
 * text at TTFT, the rest paced over the decode time, then its finish chunk; a tool call streams
 * its name first and its arguments in `tool_calls` deltas. Then the usage chunk when
 * `stream_options.include_usage` is set, and `data: [DONE]`.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
import { shapeAnswer, TEXT_ONLY } from '../answer-shape.ts';
import type { Clock } from '../clock.ts';
import { encodeSseEvent, pieceTimes, splitCharacters, splitText, type TimedFrame } from '../sse.ts';
import { type CompletionOptions, chatToolCall, choicesUsage, createdSeconds } from './bodies.ts';
import { tokenLogprobs, tokenPieces } from './logprobs.ts';

/** Most content deltas per answer: one timer per delta, not per token. */
export const MAX_STREAM_PIECES = 16;

export interface ChunkOptions extends CompletionOptions {
  includeUsage: boolean;
}

export function openAIStreamFrames(
  calls: readonly AnsweredCall[],
  clock: Clock,
  options: ChunkOptions,
): TimedFrame[] {
  const first = calls[0]!;
  const base = {
    id: wireResponseId('chatCompletion', first.id),
    object: 'chat.completion.chunk',
    created: createdSeconds(clock, first.timing.startMs),
    model: options.model,
    system_fingerprint: 'fp_routesim',
  };
  // With include_usage every chunk carries "usage": null until the last one, as the API does.
  const usageNull = options.includeUsage ? { usage: null } : {};
  const frames: TimedFrame[] = [];
  calls.forEach((call, index) => {
    const chunk = (delta: object, finishReason: string | null, logprobs: object | null = null) =>
      JSON.stringify({
        ...base,
        choices: [{ index, delta, logprobs, finish_reason: finishReason }],
        ...usageNull,
      });
    frames.push(...choiceFrames(call, options, chunk));
  });
  // Choices interleave in time; the sort is stable, so each choice keeps its own order.
  frames.sort((a, b) => a.atMs - b.atMs);
  const endMs = Math.max(...calls.map((call) => call.timing.endMs));
  if (options.includeUsage) {
    frames.push({
      atMs: endMs,
      frame: encodeSseEvent(JSON.stringify({ ...base, choices: [], usage: choicesUsage(calls) })),
    });
  }
  frames.push({ atMs: endMs, frame: encodeSseEvent('[DONE]') });
  return frames;
}

type Chunk = (delta: object, finishReason: string | null, logprobs?: object | null) => string;

function choiceFrames(call: AnsweredCall, options: ChunkOptions, chunk: Chunk): TimedFrame[] {
  const { timing } = call;
  const firstTokenMs = timing.endMs - timing.decodeMs;
  const shape = shapeAnswer(options.answer ?? TEXT_ONLY, call.id, call.text);
  if (shape.kind === 'tool') {
    const { function: fn, ...head } = chatToolCall(shape.call);
    const pieces = splitCharacters(fn.arguments, MAX_STREAM_PIECES);
    const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
    return [
      {
        atMs: firstTokenMs,
        frame: encodeSseEvent(
          chunk(
            {
              role: 'assistant',
              content: null,
              tool_calls: [{ index: 0, ...head, function: { name: fn.name, arguments: '' } }],
              refusal: null,
            },
            null,
          ),
        ),
      },
      ...pieces.map((piece, index) => ({
        atMs: times[index]!,
        frame: encodeSseEvent(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null)),
      })),
      { atMs: timing.endMs, frame: encodeSseEvent(chunk({}, 'tool_calls')) },
    ];
  }
  const pieces = splitText(shape.text, MAX_STREAM_PIECES);
  const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
  const frames: TimedFrame[] = [
    {
      atMs: firstTokenMs,
      frame: encodeSseEvent(chunk({ role: 'assistant', content: '', refusal: null }, null)),
    },
  ];
  pieces.forEach((piece, index) => {
    const logprobs = options.logprobs
      ? {
          content: tokenLogprobs(tokenPieces(piece), call.outcome.logprobConfidence, options.topLogprobs),
          refusal: null,
        }
      : null;
    frames.push({ atMs: times[index]!, frame: encodeSseEvent(chunk({ content: piece }, null, logprobs)) });
  });
  frames.push({ atMs: timing.endMs, frame: encodeSseEvent(chunk({}, call.finishReason)) });
  return frames;
}
