/**
 * Memory guard: 10,000 calls through the in-process mocks (official openai client → msw →
 * world) grow the heap by < 20 MB after GC. Measured in a child node with --expose-gc by
 * bench/wire.bench.ts. A second test injects a 30 KB-per-call leak and checks the guard trips —
 * the guard is proven able to fail.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { HeapMeasurement } from '../bench/wire.bench.ts';

const LIMIT_BYTES_PER_10K = 20 * 1024 * 1024;
const script = fileURLToPath(new URL('../bench/wire.bench.ts', import.meta.url));

async function measure(calls: number, leakBytesPerCall?: number): Promise<HeapMeasurement> {
  const args = ['--expose-gc', script, '--heap', '--calls', String(calls)];
  if (leakBytesPerCall !== undefined) args.push('--leak', String(leakBytesPerCall));
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as HeapMeasurement;
}

/** Growth scaled to 10,000 calls, against the limit. */
function withinGuard(measurement: HeapMeasurement): boolean {
  return (measurement.growthBytes * 10_000) / measurement.calls < LIMIT_BYTES_PER_10K;
}

describe('wire memory guard', () => {
  it('10,000 wire calls grow the heap by less than 20 MB', async () => {
    const measurement = await measure(10_000);
    expect(measurement.calls).toBe(10_000);
    expect(measurement.growthBytes).toBeLessThan(LIMIT_BYTES_PER_10K);
    expect(withinGuard(measurement)).toBe(true);
  });

  it('trips when a 30 KB-per-call leak is injected', async () => {
    const measurement = await measure(1_000, 30 * 1024);
    // 1,000 × 30 KB retained ≈ 29 MB, i.e. ≈ 293 MB per 10,000 calls.
    expect(measurement.growthBytes).toBeGreaterThan(1_000 * 30 * 1024 * 0.9);
    expect(withinGuard(measurement)).toBe(false);
  });
});
