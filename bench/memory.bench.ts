/**
 * Memory of one strategy over 1×, 10× and 100× the default day's request count (arrival rate
 * scaled, same virtual day), each in a child process: peak RSS (process.resourceUsage().maxRSS)
 * and what is retained after a full GC. product.md's bound: a few typed columns per request
 * (≤ 32 bytes), everything else growing with in-flight requests only — so RSS per request
 * should fall towards the columns' size as the run gets longer.
 *
 * 100× is ~11 million requests and takes several minutes (generation alone is ~30 µs a
 * request), so the default factors are 1 and 10: `node bench/memory.bench.ts --factors 1,10,100
 * [--strategy cascade]`. The lead's runner calls `runMemoryBench()`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { MemoryMeasurement } from './memory-child.ts';

const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

export function measureMemory(
  factor: number,
  strategy: string,
  extra: readonly string[] = [],
): MemoryMeasurement {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', CHILD, '--factor', String(factor), '--strategy', strategy, ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as MemoryMeasurement;
}

export function runMemoryBench(
  options: {
    /** Multiples of the default request count. @default [1, 10] */
    factors?: readonly number[];
    /** @default 'cascade' */
    strategy?: string;
  } = {},
): MemoryMeasurement[] {
  const strategy = options.strategy ?? 'cascade';
  const results = (options.factors ?? [1, 10]).map((factor) => measureMemory(factor, strategy));
  console.log(`memory bench: default scenario, one strategy (${strategy}), arrival rate × factor`);
  console.table(
    results.map((result) => ({
      factor: `${result.factor}×`,
      requests: result.requests,
      'stream kept whole': result.memoizedWhole,
      'peak RSS MB': (result.maxRssBytes / 1e6).toFixed(0),
      'retained after GC MB': (result.retainedBytes / 1e6).toFixed(1),
      'retained B/request': (result.retainedBytes / result.requests).toFixed(1),
      'wall s': (result.wallMs / 1000).toFixed(1),
    })),
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      factors: { type: 'string', default: '1,10' },
      strategy: { type: 'string', default: 'cascade' },
    },
  });
  runMemoryBench({ factors: values.factors.split(',').map(Number), strategy: values.strategy });
}
