/**
 * Flat memory under sustained load (issue 11, item 1): 10,000 chat completions at concurrency
 * 64 over real HTTP against serve's server (bench/serve-load.ts, in a child node with
 * --expose-gc), none tied to a simulated request. After GC, the heap grows by less than 200
 * bytes a call between the warm-up (the first 4,000: the bounded state — 1,000 ungraded answers,
 * the call log's ring, the world's rolling-minute windows — fills up within it) and the end
 * (< 1.2 MB), where keeping every ungraded answer (the old ledger) costs ≈ 0.7–0.9 KB a call.
 * The second test runs the old behaviour (--keep-ungraded, 7,000 calls) and checks the bound
 * trips, so the guard can fail. Measured: 10,000 calls, +0.69 MB (115 B a call after the
 * warm-up) against +6.6 MB (1.1 KB a call) keeping every ungraded answer; 50,000 calls, the
 * heap ended below the warm-up's.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ServeLoadMeasurement } from '../bench/serve-load.ts';
import { repoPath } from './wire-support.ts';

const REQUESTS = 10_000;
/** Heap growth allowed per call after the warm-up, bytes. */
const BOUND_BYTES_PER_CALL = 200;

async function measure(keepUngraded: boolean, requests: number): Promise<ServeLoadMeasurement> {
  const args = [
    '--expose-gc',
    repoPath('bench/serve-load.ts'),
    '--requests',
    String(requests),
    '--concurrency',
    '64',
  ];
  if (keepUngraded) args.push('--keep-ungraded');
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ServeLoadMeasurement;
}

function perCall(measurement: ServeLoadMeasurement): number {
  return measurement.growthBytes / (measurement.requests - measurement.warmupRequests);
}

describe('serve memory under sustained load', () => {
  it(`${REQUESTS} requests at concurrency 64: heap after GC grows < ${BOUND_BYTES_PER_CALL} B a call past the warm-up`, async () => {
    const measurement = await measure(false, REQUESTS);
    expect(measurement.requests).toBe(REQUESTS);
    expect(measurement.answered).toBe(REQUESTS);
    expect(perCall(measurement)).toBeLessThan(BOUND_BYTES_PER_CALL);
  }, 120_000);

  it('trips when every ungraded answer is kept (the old ledger)', async () => {
    const measurement = await measure(true, 7_000);
    expect(perCall(measurement)).toBeGreaterThan(BOUND_BYTES_PER_CALL);
  }, 120_000);
});
