/**
 * Memory grows with in-flight requests, not run length (product.md): doubling the requests of a
 * run (arrival rate × 2, same virtual hours) may only add the per-request columns (~35 bytes:
 * 23 of run columns, 4 of decision overhead, 8 of arrival time), never a per-request object.
 * Measured in child processes, as what is still retained after a full GC while the run's result
 * is alive — RSS depends on when the GC chose to run, retained memory does not.
 *
 * The positive control keeps the whole stream (the memo budget lifted): a retained request is
 * ~0.7 KB, which the same bound must catch — so the test can fail.
 */
import { describe, expect, it } from 'vitest';
import { measureMemory } from '../bench/memory.bench.ts';

/** Bytes per extra request a leak-free run stays under; a retained request object is ~700. */
const BOUND_BYTES_PER_REQUEST = 200;
const SMALL = ['--hours', '6', '--window', '1024'];

function growthPerRequest(extra: readonly string[]): number {
  const single = measureMemory(1, 'cascade', [...SMALL, ...extra]);
  const double = measureMemory(2, 'cascade', [...SMALL, ...extra]);
  expect(double.requests).toBeGreaterThan(1.9 * single.requests);
  return (double.retainedBytes - single.retainedBytes) / (double.requests - single.requests);
}

describe('memory per request', () => {
  it('stays within the columns when the stream is longer than the memo budget', () => {
    const growth = growthPerRequest(['--memo-max', '2000']);
    expect(growth).toBeLessThan(BOUND_BYTES_PER_REQUEST);
  }, 60_000);

  it('would catch a per-request object kept for the whole run (the stream memoized whole)', () => {
    const growth = growthPerRequest(['--memo-max', '1000000000']);
    expect(growth).toBeGreaterThan(BOUND_BYTES_PER_REQUEST);
  }, 60_000);
});
