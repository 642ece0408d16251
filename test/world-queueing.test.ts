import { describe, expect, it } from 'vitest';
import type { CallInput } from '../src/contracts/index.ts';
import { createSlotPool } from '../src/world/capacity.ts';
import { testCatalog, testWorld } from './support/world-fixtures.ts';

// gpt-4o-mini in the fixture: TTFT 500 ms (σ 0), 100 tok/s (σ 0). With maxTokens 100 and
// 1,000 expected output tokens the answer is always cut at 100 tokens: service = 500 + 1,000 ms.
function call(requestIndex: number, startMs: number, promptTokens = 0): CallInput {
  return { requestIndex, model: 'gpt-4o-mini', startMs, attempt: 0, promptTokens, maxTokens: 100 };
}

describe('world queueing under a burst', () => {
  it('serves capacity 2 FIFO: five simultaneous calls wait 0, 0, 1.5 s, 1.5 s, 3 s', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { capacity: 2 } }) });
    const timings = [0, 1, 2, 3, 4].map((index) => {
      const result = world.call(call(index, 0));
      if (!result.ok) throw new Error(result.error.message);
      expect(result.call.usage.completionTokens).toBe(100);
      expect(result.call.finishReason).toBe('length');
      return result.call.timing;
    });
    expect(timings.map((timing) => timing.queueMs)).toEqual([0, 0, 1500, 1500, 3000]);
    expect(timings.map((timing) => timing.endMs)).toEqual([1500, 1500, 3000, 3000, 4500]);
    expect(timings.every((timing) => timing.ttftMs === 500 && timing.decodeMs === 1000)).toBe(true);
  });

  it('a later arrival waits only for the earliest slot to free', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { capacity: 2 } }) });
    world.call(call(0, 0)); // slot A busy to 1500
    world.call(call(1, 200)); // slot B busy to 1700
    const third = world.call(call(2, 1000)); // waits for A: 500 ms
    const fourth = world.call(call(3, 1600)); // B frees at 1700: 100 ms
    const fifth = world.call(call(4, 5000)); // everything idle
    if (!third.ok || !fourth.ok || !fifth.ok) throw new Error('unexpected error');
    expect(third.call.timing.queueMs).toBe(500);
    expect(fourth.call.timing.queueMs).toBe(100);
    expect(fifth.call.timing.queueMs).toBe(0);
  });

  it('the anthropic provider has its own slots', () => {
    const world = testWorld({
      catalog: testCatalog({ openai: { capacity: 1 }, anthropic: { capacity: 1 } }),
    });
    world.call(call(0, 0));
    const other = world.call({ ...call(1, 0), model: 'claude-sonnet-4' });
    if (!other.ok) throw new Error(other.error.message);
    expect(other.call.timing.queueMs).toBe(0);
  });

  it('TTFT doubles at 4,000 prompt tokens (PREFILL_FACTOR)', () => {
    const world = testWorld();
    const result = world.call(call(0, 0, 4000));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.call.timing.ttftMs).toBe(1000);
  });

  it('the slot pool grows lazily and reuses free slots', () => {
    const pool = createSlotPool(100_000);
    for (let index = 0; index < 1000; index++) {
      expect(pool.queueMs(index * 10)).toBe(0);
      pool.occupy(index * 10, index * 10 + 5);
    }
    expect(pool.size).toBe(1);
  });
});
