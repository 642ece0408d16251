/**
 * Chat Completions streaming: `chat.completion.chunk` frames — the role and first text at
 * TTFT, the rest paced over the decode time, then the finish chunk, the usage chunk when
 * `stream_options.include_usage` is set, and `data: [DONE]`.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
import type { Clock } from '../clock.ts';
import { encodeSseEvent, pieceTimes, splitText, type TimedFrame } from '../sse.ts';
import { createdSeconds, openAIUsage } from './bodies.ts';
import { tokenLogprobs, tokenPieces } from './logprobs.ts';

/** Most content deltas per answer: one timer per delta, not per token. */
export const MAX_STREAM_PIECES = 16;

export interface ChunkOptions {
  model: string;
  logprobs: boolean;
  topLogprobs: number;
  includeUsage: boolean;
}

export function openAIStreamFrames(call: AnsweredCall, clock: Clock, options: ChunkOptions): TimedFrame[] {
  const { timing } = call;
  const firstTokenMs = timing.endMs - timing.decodeMs;
  const base = {
    id: wireResponseId('chatCompletion', call.id),
    object: 'chat.completion.chunk',
    created: createdSeconds(clock, timing.startMs),
    model: options.model,
    system_fingerprint: 'fp_routesim',
  };
  // With include_usage every chunk carries "usage": null until the last one, as the API does.
  const usageNull = options.includeUsage ? { usage: null } : {};
  const chunk = (delta: object, finishReason: string | null, logprobs: object | null = null) =>
    JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }],
      ...usageNull,
    });

  const pieces = splitText(call.text, MAX_STREAM_PIECES);
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
  if (options.includeUsage) {
    frames.push({
      atMs: timing.endMs,
      frame: encodeSseEvent(JSON.stringify({ ...base, choices: [], usage: openAIUsage(call) })),
    });
  }
  frames.push({ atMs: timing.endMs, frame: encodeSseEvent('[DONE]') });
  return frames;
}
