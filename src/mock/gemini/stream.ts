/**
 * `streamGenerateContent?alt=sse`: `data:` frames each carrying a GenerateContentResponse —
 * the thought summary (when asked for) while the model thinks, the first text at TTFT, the
 * rest paced over the decode time; the last chunk carries finishReason and usageMetadata.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { type AnswerRequest, TEXT_ONLY } from '../answer-shape.ts';
import { encodeSseEvent, pieceTimes, splitText, type TimedFrame } from '../sse.ts';
import { answerPart, responseChunk } from './bodies.ts';
import { thoughtPart } from './thinking.ts';

/** Most text chunks per answer. */
export const MAX_STREAM_PIECES = 16;

export function geminiStreamFrames(
  call: AnsweredCall,
  includeThoughts: boolean,
  answer: AnswerRequest = TEXT_ONLY,
): TimedFrame[] {
  const { timing } = call;
  const firstTokenMs = timing.endMs - timing.decodeMs;
  const frames: TimedFrame[] = [];
  const thought = thoughtPart(call, includeThoughts);
  if (thought !== undefined) {
    const atMs = timing.startMs + timing.queueMs;
    frames.push({ atMs, frame: encodeSseEvent(JSON.stringify(responseChunk(call, [thought], false))) });
  }
  const part = answerPart(call, answer);
  if ('functionCall' in part) {
    // Gemini streams a function call whole, in the last chunk.
    frames.push({
      atMs: timing.endMs,
      frame: encodeSseEvent(JSON.stringify(responseChunk(call, [part], true))),
    });
    return frames;
  }
  const pieces = splitText(part.text, MAX_STREAM_PIECES);
  const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
  pieces.forEach((text, index) => {
    const last = index === pieces.length - 1;
    frames.push({
      // The last chunk (finish reason, usage) goes out with the last token.
      atMs: last ? timing.endMs : times[index]!,
      frame: encodeSseEvent(JSON.stringify(responseChunk(call, [{ text }], last))),
    });
  });
  return frames;
}
