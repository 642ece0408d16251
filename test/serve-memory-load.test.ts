/**
 * Flat memory under sustained load (issue 11, item 1): 12,000 chat completions at concurrency
 * 64 over real HTTP against serve's server (bench/serve-load.ts, in a child node with
 * --expose-gc), none tied to a simulated request. After GC, the heap grows by less than 2 MB
 * between the warm-up (the first 2,400) and the end: < 210 bytes a call, where keeping every
 * ungraded answer (the old ledger) costs ≈ 0.7 KB a call. The second test runs the old
 * behaviour (--keep-ungraded) and checks the bound trips, so the guard can fail.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ServeLoadMeasurement } from '../bench/serve-load.ts';
import { repoPath } from './wire-support.ts';

const REQUESTS = 12_000;
const BOUND_BYTES = 2 * 1024 * 1024;

async function measure(keepUngraded: boolean): Promise<ServeLoadMeasurement> {
  const args = [
    '--expose-gc',
    repoPath('bench/serve-load.ts'),
    '--requests',
    String(REQUESTS),
    '--concurrency',
    '64',
  ];
  if (keepUngraded) args.push('--keep-ungraded');
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ServeLoadMeasurement;
}

describe('serve memory under sustained load', () => {
  it(`${REQUESTS} requests at concurrency 64: heap after GC grows < 2 MB past the warm-up`, async () => {
    const measurement = await measure(false);
    expect(measurement.requests).toBe(REQUESTS);
    expect(measurement.answered).toBe(REQUESTS);
    expect(measurement.growthBytes).toBeLessThan(BOUND_BYTES);
  }, 120_000);

  it('trips when every ungraded answer is kept (the old ledger)', async () => {
    const measurement = await measure(true);
    expect(measurement.growthBytes).toBeGreaterThan(BOUND_BYTES);
  }, 120_000);
});
