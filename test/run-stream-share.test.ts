/**
 * Sharing a generated stream between threads (stream-share.ts) and keeping only a window of it
 * (stream-cache.ts): what a worker replays must be the very requests the generator makes, key
 * order included (reports and the wire engine serialise them), and a windowed stream must hold
 * a bounded number of requests, generating evicted ones again.
 */
import { describe, expect, it } from 'vitest';
import { memoizeStream } from '../src/run/stream-cache.ts';
import { encodeRequests, sliceRanges } from '../src/run/stream-share.ts';
import { chunkReader } from '../src/run/stream-window.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { fakeStream } from './engine-support.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;

/** JSON with keys in insertion order: equal strings mean equal values and equal key order. */
const serialised = (value: unknown) => JSON.stringify(value);

describe('encodeRequests / chunkReader', () => {
  it('round-trips generated requests exactly, shape and key order included', () => {
    const stream = requestStreamFromScenario(loadScenarioFile(SCENARIO));
    const read = chunkReader(encodeRequests(stream, 1000, 1600)!);
    for (let offset = 0; offset < 600; offset++) {
      expect(serialised(read(offset))).toBe(serialised(stream.get(1000 + offset)));
    }
  });

  it('deduplicates repeated texts (documents, system prompts) into one pool entry each', () => {
    const stream = fakeStream([0, 1, 2, 3]);
    const chunk = encodeRequests(stream, 0, 4)!;
    // ids r0..r3, tiers free/pro, domain, template, role "user", four distinct questions: 13 strings.
    expect(chunk.poolOffsets.length - 1).toBe(13);
  });

  it('refuses requests it could not decode exactly (a lone surrogate, an extra key)', () => {
    const base = fakeStream([0, 1]);
    const lone: RequestStream = {
      ...base,
      get: (index) => {
        const generated = base.get(index);
        generated.request.messages[0]!.content = 'broken \ud800 text';
        return generated;
      },
    };
    expect(encodeRequests(lone, 0, 2)).toBeUndefined();
    const extra: RequestStream = {
      ...base,
      get: (index) => {
        const generated = base.get(index);
        (generated.request as unknown as Record<string, unknown>).user = 'someone';
        return generated;
      },
    };
    expect(encodeRequests(extra, 0, 2)).toBeUndefined();
  });

  it('sliceRanges covers [0, count) in contiguous, near-equal slices', () => {
    expect(sliceRanges(10, 3)).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    expect(sliceRanges(1, 2)).toEqual([{ from: 0, to: 1 }]);
  });
});

describe('memoizeStream budget', () => {
  function counting(count: number) {
    const base = fakeStream(Array.from({ length: count }, (_value, index) => index));
    const calls = { count: 0 };
    const stream: RequestStream = {
      ...base,
      get: (index) => {
        calls.count++;
        return base.get(index);
      },
    };
    return { stream, calls };
  }

  it('keeps the whole stream within the budget: each request generated once', () => {
    const { stream, calls } = counting(100);
    const memo = memoizeStream(stream, { maxRequests: 100 });
    for (let pass = 0; pass < 3; pass++) for (let index = 0; index < 100; index++) memo.get(index);
    expect(memo.complete).toBe(true);
    expect(calls.count).toBe(100);
  });

  it('keeps a window above the budget: recent requests hit, evicted ones are generated again', () => {
    const { stream, calls } = counting(100);
    const memo = memoizeStream(stream, { maxRequests: 50, windowRequests: 16 });
    expect(memo.complete).toBe(false);
    for (let index = 0; index < 100; index++) {
      memo.get(index);
      memo.hidden(index); // the world's lookup of an in-flight request: a hit
      if (index >= 8) memo.get(index - 8); // still in the window of 16
    }
    expect(calls.count).toBe(100);
    expect(memo.get(0).request.id).toBe('r0'); // evicted long ago: generated again, same request
    expect(calls.count).toBe(101);
  });
});
