/**
 * slowestFirst orders by a native sort of packed keys; it must give exactly the comparator's
 * order (latency descending, ties by index ascending), or every p95 interval could move.
 */
import { describe, expect, it } from 'vitest';
import { slowestFirst } from '../src/metrics/bootstrap.ts';

const byComparator = (indices: Uint32Array, latency: Float32Array) =>
  Array.from(indices).sort((a, b) => latency[b]! - latency[a]! || a - b);

describe('slowestFirst', () => {
  it('equals the comparator order on latencies with many ties, zeros and −0', () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const n = 50_000;
    // Rounded to whole and half milliseconds: thousands of ties.
    const latency = Float32Array.from({ length: n }, () => Math.round(next() * 4000) / 2);
    latency[10] = 0;
    latency[11] = -0;
    latency[12] = 0;
    latency[13] = 3.4e38;
    latency[14] = 1e-45;
    const indices = Uint32Array.from({ length: n }, (_value, index) => index).filter(() => next() < 0.6);
    expect(Array.from(slowestFirst(indices, latency))).toEqual(byComparator(indices, latency));
  });

  it('orders a view into a larger buffer by its own values', () => {
    const buffer = new Float32Array([9, 9, 1, 5, 5, 2, 9]);
    const latency = buffer.subarray(2);
    expect(Array.from(slowestFirst(Uint32Array.of(0, 1, 2, 3, 4), latency))).toEqual([4, 1, 2, 3, 0]);
  });

  it('falls back to the comparator for negative latencies', () => {
    const latency = Float32Array.of(-5, 3, -1, 3);
    const indices = Uint32Array.of(0, 1, 2, 3);
    expect(Array.from(slowestFirst(indices, latency))).toEqual(byComparator(indices, latency));
    expect(Array.from(slowestFirst(indices, latency))).toEqual([1, 3, 2, 0]);
  });

  it('gives an empty order for no requests', () => {
    expect(slowestFirst(new Uint32Array(0), new Float32Array(0)).length).toBe(0);
  });
});
