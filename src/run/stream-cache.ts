/**
 * Generating a request (templates, faker, tokenizer) costs tens of µs — more than simulating
 * it. A run plan replays the same stream 40–60 times, so it is generated once and kept
 * (≈ 0.7 KB per request: ~80 MB for the default day) by this wrapper — but only up to a
 * budget: a stream longer than `maxRequests` keeps just a window of recent requests (the ones
 * in flight and their neighbours), so memory grows with in-flight requests, not run length,
 * and a request that fell out of the window is generated again (identical: generation is a
 * pure function of seed and index).
 */

import type { GeneratedRequest, HiddenLabels } from '../contracts/index.ts';
import type { RequestStream } from '../traffic/index.ts';

export interface MemoizedStream extends RequestStream {
  /** Hidden labels of request `index` (generating it if needed); undefined outside the stream (ungraded). */
  hidden(index: number): HiddenLabels | undefined;
  /** True when every request is kept (the stream fit the budget). */
  readonly complete: boolean;
}

/** Streams of at most this many requests are kept whole (~0.7 KB each: ~175 MB). */
export const MEMO_MAX_REQUESTS = 250_000;
/** Requests kept by a windowed stream: far more than are ever in flight at once. */
export const MEMO_WINDOW_REQUESTS = 16_384;

export interface MemoizeOptions {
  /** Keep the whole stream up to this many requests, else a window. @default MEMO_MAX_REQUESTS */
  maxRequests?: number;
  /** Window size (rounded up to a power of two) above the budget. @default MEMO_WINDOW_REQUESTS */
  windowRequests?: number;
}

export function memoizeStream(stream: RequestStream, options: MemoizeOptions = {}): MemoizedStream {
  const complete = stream.count <= (options.maxRequests ?? MEMO_MAX_REQUESTS);
  const get = complete ? wholeCache(stream) : windowCache(stream, options.windowRequests);
  return withHidden(stream.count, stream.arrivals, get, complete);
}

function wholeCache(stream: RequestStream): (index: number) => GeneratedRequest {
  const generated: (GeneratedRequest | undefined)[] = new Array(stream.count);
  return (index) => {
    let entry = generated[index];
    if (entry === undefined) {
      entry = stream.get(index);
      generated[index] = entry;
    }
    return entry;
  };
}

function windowCache(
  stream: RequestStream,
  requested = MEMO_WINDOW_REQUESTS,
): (index: number) => GeneratedRequest {
  const size = 2 ** Math.ceil(Math.log2(Math.max(2, requested)));
  const mask = size - 1;
  const slots: (GeneratedRequest | undefined)[] = new Array(size);
  const tags = new Float64Array(size).fill(-1);
  return (index) => {
    const slot = index & mask;
    if (tags[slot] === index) return slots[slot]!;
    const entry = stream.get(index);
    slots[slot] = entry;
    tags[slot] = index;
    return entry;
  };
}

function withHidden(
  count: number,
  arrivals: Float64Array,
  get: (index: number) => GeneratedRequest,
  complete: boolean,
): MemoizedStream {
  return {
    count,
    arrivals,
    get,
    complete,
    hidden: (index) =>
      Number.isInteger(index) && index >= 0 && index < count ? get(index).hidden : undefined,
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield get(index);
    },
  };
}
