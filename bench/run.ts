/**
 * `npm run bench`: every benchmark suite in one run, so ratios compare figures measured on the
 * same machine at the same time. Each suite prints the counts it ran; the summary at the end is
 * what bench/README.md records. Heap figures come from a child process with --expose-gc.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runWireBench } from './wire.bench.ts';
import { runWorldBench } from './world.bench.ts';

const wirePath = fileURLToPath(new URL('./wire.bench.ts', import.meta.url));

function heapGrowth(calls: number): { growthMb: number; calls: number } {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', wirePath, '--heap', '--calls', String(calls)],
    {
      encoding: 'utf8',
    },
  );
  const measurement = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { growthBytes?: number };
  return { growthMb: (measurement.growthBytes ?? Number.NaN) / 1e6, calls };
}

const world = await runWorldBench();
const wire = await runWireBench();
const heap = heapGrowth(10_000);

const direct = wire.find((result) => result.name.startsWith('direct'));
const overWire = wire.find((result) => result.name.startsWith('wire'));
const summary = {
  'world calls/s, direct (no faults)': Math.round(world[0]?.callsPerSecond ?? Number.NaN),
  'world calls/s, direct (with faults)': Math.round(world[1]?.callsPerSecond ?? Number.NaN),
  'wire calls/s (openai client → msw → world)': Math.round(overWire?.callsPerSecond ?? Number.NaN),
  'direct / wire ratio (same run)': Number(
    ((direct?.callsPerSecond ?? 0) / (overWire?.callsPerSecond ?? 1)).toFixed(1),
  ),
  [`heap growth per ${heap.calls} wire calls, MB`]: Number(heap.growthMb.toFixed(1)),
};
console.log('\nsummary (medians)');
console.table(summary);
