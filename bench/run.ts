/**
 * `npm run bench`: every benchmark suite in one run, so ratios compare figures measured on the
 * same machine at the same time. Each suite prints the counts it ran; the summary at the end is
 * what bench/README.md records. Heap figures come from a child process with --expose-gc.
 * `npm run bench -- --quick` runs smaller prefixes (for a smoke check, not for the record).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runEngineBench } from './engine.bench.ts';
import { runNaiveFakeTimersBench } from './naive-fake-timers.bench.ts';
import { runStrategiesBench } from './strategies.bench.ts';
import { runWireBench } from './wire.bench.ts';
import { runWireEngineBench } from './wire-engine.bench.ts';
import { runWorldBench } from './world.bench.ts';

const quick = process.argv.includes('--quick');
const wirePath = fileURLToPath(new URL('./wire.bench.ts', import.meta.url));

function heapGrowthMb(calls: number): number {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', wirePath, '--heap', '--calls', String(calls)],
    {
      encoding: 'utf8',
    },
  );
  const measurement = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { growthBytes?: number };
  return (measurement.growthBytes ?? Number.NaN) / 1e6;
}

const round = (value: number | undefined, digits = 0) => Number((value ?? Number.NaN).toFixed(digits));

const world = await runWorldBench(quick ? { requests: 5_000, timeMs: 500 } : {});
const wire = await runWireBench(quick ? { timeMs: 500 } : {});
const heapCalls = quick ? 2_000 : 10_000;
const heap = heapGrowthMb(heapCalls);
const engine = await runEngineBench(quick ? { requests: 10_000, timeMs: 500 } : {});
const strategies = await runStrategiesBench(quick ? { requests: 5_000 } : {});
const wireEngine = await runWireEngineBench(quick ? { requests: 300 } : {});
const naive = await runNaiveFakeTimersBench(quick ? { requests: 100, repeats: 1 } : {});

const direct = wire.find((result) => result.name.startsWith('direct'));
const overWire = wire.find((result) => result.name.startsWith('wire'));
console.log('\nsummary (medians; one run on this machine)');
console.table({
  'world calls/s, direct (no faults)': round(world[0]?.callsPerSecond),
  'world calls/s, direct (with faults)': round(world[1]?.callsPerSecond),
  'wire calls/s (openai client → msw → world)': round(overWire?.callsPerSecond),
  'direct / wire calls ratio': round((direct?.callsPerSecond ?? 0) / (overWire?.callsPerSecond ?? 1), 1),
  [`heap growth per ${heapCalls} wire calls, MB`]: round(heap, 1),
  [`engine requests/s (${engine.requests} requests, ${engine.strategy})`]: round(engine.requestsPerSecond),
  'engine time compression (virtual s / wall s)': round(engine.timeCompression),
  'engine / bare world loop': round(engine.overheadRatio, 2),
  'wire engine calls/s (all strategies)': round(wireEngine.wireCallsPerSecond),
  'raw msw / wire engine': round(wireEngine.rawOverWire, 2),
  [`naive fake timers req/s (${naive.requests} req., no faults)`]: round(naive.plain.naive.requestsPerSecond),
  'wire engine / naive req/s (no faults)': round(naive.plain.wireOverNaive, 2),
  'wire engine / naive req/s (429s, maxRetries 2)': round(naive.retries.wireOverNaive, 2),
  'naive unfinished requests (429s, maxRetries 2)': naive.retries.naive.unfinished,
  'naive unfinished requests (429s, msw setupServer as-is)': naive.retriesBareMsw.unfinished,
});
console.log('decision overhead per strategy (µs per request)');
console.table(strategies);
