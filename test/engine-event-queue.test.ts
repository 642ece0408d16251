import { describe, expect, it } from 'vitest';
import { createEventQueue } from '../src/engine/event-queue.ts';

describe('event queue', () => {
  it('pops by time, then request index, then insertion order', () => {
    const queue = createEventQueue<string>();
    queue.push(20, 1, 'a');
    queue.push(10, 5, 'b');
    queue.push(10, 2, 'c');
    queue.push(20, 1, 'd');
    queue.push(10, 5, 'e');
    queue.push(5, 9, 'f');
    const popped: string[] = [];
    for (let event = queue.pop(); event !== undefined; event = queue.pop()) popped.push(event.payload);
    // (5,9) f; (10,2) c; (10,5) b then e; (20,1) a then d.
    expect(popped).toEqual(['f', 'c', 'b', 'e', 'a', 'd']);
    expect(queue.size).toBe(0);
  });

  it('agrees with a full sort on many interleaved pushes and pops', () => {
    const queue = createEventQueue<number>();
    const reference: { timeMs: number; requestIndex: number; seq: number }[] = [];
    let seq = 0;
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 16;
    };
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 5000; step++) {
      if (next() % 3 !== 0 || reference.length === 0) {
        const event = { timeMs: next() % 50, requestIndex: next() % 7, seq: seq++ };
        reference.push(event);
        queue.push(event.timeMs, event.requestIndex, event.seq);
      } else {
        reference.sort((a, b) => a.timeMs - b.timeMs || a.requestIndex - b.requestIndex || a.seq - b.seq);
        expected.push(reference.shift()!.seq);
        popped.push(queue.pop()!.payload);
      }
    }
    expect(popped).toEqual(expected);
    expect(popped.length).toBeGreaterThan(1000);
  });
});
