/**
 * Server-sent events: the framing both providers stream in, and a paced body that
 * releases each event at its virtual time through the Clock.
 */
import type { Clock } from './clock.ts';

const encoder = new TextEncoder();

/** One SSE frame: optional `event:` line, one `data:` line, blank line. */
export function encodeSseEvent(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/** An SSE frame due at a virtual time. */
export interface TimedFrame {
  /** Virtual time the frame is released, ms. */
  atMs: number;
  /** The encoded frame (see encodeSseEvent). */
  frame: string;
}

/**
 * A byte stream that releases each frame at its time. Frames due at the same time go
 * out in one chunk. When the client cancels (or `signal` aborts) the pending wait stops.
 */
export function pacedStream(
  frames: readonly TimedFrame[],
  clock: Clock,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const cancelled = new AbortController();
  const stop = signal === undefined ? cancelled.signal : AbortSignal.any([signal, cancelled.signal]);
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const first = frames[next];
      if (first === undefined) {
        controller.close();
        return;
      }
      const wait = first.atMs - clock.now();
      if (wait > 0) {
        try {
          await (clock.sleepUntil === undefined
            ? clock.sleep(wait, stop)
            : clock.sleepUntil(first.atMs, stop));
        } catch {
          // The reader went away; nothing is left to deliver.
          controller.close();
          return;
        }
      }
      let text = '';
      while (next < frames.length && frames[next]!.atMs <= first.atMs) text += frames[next++]!.frame;
      controller.enqueue(encoder.encode(text));
      if (next >= frames.length) controller.close();
    },
    cancel() {
      cancelled.abort();
    },
  });
}

/**
 * Splits an answer into at most `maxPieces` pieces on word boundaries, so the stream
 * carries several deltas without one timer per token.
 */
export function splitText(text: string, maxPieces: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  if (words.length === 0) return [text];
  const perPiece = Math.ceil(words.length / Math.max(1, maxPieces));
  const pieces: string[] = [];
  for (let index = 0; index < words.length; index += perPiece) {
    pieces.push(words.slice(index, index + perPiece).join(''));
  }
  return pieces;
}

/** Even pacing of `count` pieces over the decode time: piece k (0-based) at first + decode·k/(count−1). */
export function pieceTimes(firstTokenMs: number, decodeMs: number, count: number): number[] {
  if (count <= 1) return [firstTokenMs];
  return Array.from({ length: count }, (_, k) => firstTokenMs + (decodeMs * k) / (count - 1));
}

/** A string in at most `maxPieces` pieces of equal length (JSON arguments have no word breaks). */
export function splitCharacters(text: string, maxPieces: number): string[] {
  if (text === '') return [''];
  const size = Math.ceil(text.length / maxPieces);
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
