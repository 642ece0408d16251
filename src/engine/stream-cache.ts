/**
 * Generating a request (templates, faker, tokenizer) costs tens of µs — more than simulating
 * it. A run plan replays the same stream 40–60 times, so it is generated once and kept
 * (≈ 0.7 KB per request: ~80 MB for the default day) by this wrapper.
 */
import type { RequestStream } from '../traffic/index.ts';
import type { GeneratedRequest, HiddenLabels } from '../world/types.ts';

export interface MemoizedStream extends RequestStream {
  /** Hidden labels of request `index` (generating it if needed); undefined outside the stream (ungraded). */
  hidden(index: number): HiddenLabels | undefined;
}

export function memoizeStream(stream: RequestStream): MemoizedStream {
  const generated: (GeneratedRequest | undefined)[] = new Array(stream.count);
  const get = (index: number): GeneratedRequest => {
    let entry = generated[index];
    if (entry === undefined) {
      entry = stream.get(index);
      generated[index] = entry;
    }
    return entry;
  };
  return {
    count: stream.count,
    arrivals: stream.arrivals,
    get,
    hidden: (index) =>
      Number.isInteger(index) && index >= 0 && index < stream.count ? get(index).hidden : undefined,
    *[Symbol.iterator]() {
      for (let index = 0; index < stream.count; index++) yield get(index);
    },
  };
}
