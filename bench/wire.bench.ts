/**
 * The wire path: the official openai client → fetch → msw (in-process) → the mocks → the
 * world, against direct world calls; and heap growth per 10,000 wire calls.
 *
 * Workload: sequential chat completions on gpt-4o-mini with an instant clock (no waiting),
 * each a distinct request named by x-routesim-request-id and released when answered, as the
 * engine does — so growth measures the wire layer, not the world's ledger.
 *
 * Run: `node --expose-gc bench/wire.bench.ts` (tinybench throughput + heap), or
 * `node --expose-gc bench/wire.bench.ts --heap [--calls N] [--leak BYTES]` to print one heap
 * measurement as JSON (the memory guard test runs this). The lead's runner calls `runWireBench()`.
 */
import OpenAI from 'openai';
import { Bench } from 'tinybench';
import type { ChatMessage, GeneratedRequest, HiddenLabels, World } from '../src/contracts/index.ts';
import { createAttemptCounter } from '../src/mock/attempts.ts';
import { instantClock } from '../src/mock/clock.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import {
  createRequestDirectory,
  REQUEST_ID_HEADER,
  type RequestSource,
} from '../src/mock/request-directory.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createWorld } from '../src/world/world.ts';

const MODEL = 'gpt-4o-mini';
const SEED = 2025;

const hidden = (): HiddenLabels => ({
  domain: 'factual-qa',
  difficulty: 0,
  template: 'bench',
  expectedOutputTokens: 64,
  cacheablePrefixTokens: 0,
  prefixId: 0,
});

const requestId = (index: number) => `r${String(index).padStart(7, '0')}`;
const messagesOf = (index: number): ChatMessage[] => [
  { role: 'user', content: `Question ${index}: what is the capital of country number ${index}?` },
];

function requestSource(count: number): RequestSource {
  return {
    count,
    get: (index): GeneratedRequest => ({
      request: {
        id: requestId(index),
        index,
        arrivalMs: index * 1000,
        messages: messagesOf(index),
        tier: 'free',
        promptTokens: 20,
        maxTokens: 64,
      },
      hidden: hidden(),
    }),
  };
}

function benchWorld(): World {
  return createWorld({ seed: SEED, catalog: loadCatalog(), domains: loadDomainParams(), faults: [], hidden });
}

interface WireRig {
  world: World;
  call(index: number): Promise<string>;
  close(): void;
}

function startRig(options: { count: number; leakBytesPerCall?: number }): WireRig {
  const world = benchWorld();
  const attempts = createAttemptCounter();
  const mocks = startInProcessMocks({
    world,
    clock: instantClock(),
    directory: createRequestDirectory(requestSource(options.count)),
    attempts,
    ...(options.leakBytesPerCall === undefined ? {} : { leakBytesPerCall: options.leakBytesPerCall }),
  });
  const client = new OpenAI({
    apiKey: 'test-key',
    baseURL: world.catalog.providers['openai']!.baseUrl,
    maxRetries: 0,
  });
  return {
    world,
    async call(index) {
      const completion = await client.chat.completions.create(
        { model: MODEL, messages: messagesOf(index), max_tokens: 64 },
        { headers: { [REQUEST_ID_HEADER]: requestId(index) } },
      );
      world.release(index);
      attempts.release(index);
      return completion.id;
    },
    close: () => mocks.close(),
  };
}

export interface HeapMeasurement {
  /** Library under test, e.g. "msw 2.15.0". */
  msw: string;
  calls: number;
  /** Heap (JS heap + external buffers) after GC, before and after the measured calls, bytes. */
  heapBeforeBytes: number;
  heapAfterBytes: number;
  growthBytes: number;
  /** Wire calls per wall second during the measured run. */
  callsPerSecond: number;
  leakBytesPerCall: number;
}

async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run node with --expose-gc to measure the heap');
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  // heapUsed + external: buffers (ArrayBuffers) live outside the JS heap and leak just as well.
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** Heap growth of `calls` wire calls after a warm-up, with an optional injected per-call leak. */
export async function measureWireHeap(
  options: { calls?: number; leakBytesPerCall?: number; warmup?: number } = {},
): Promise<HeapMeasurement> {
  const calls = options.calls ?? 10_000;
  const warmup = options.warmup ?? 500;
  const rig = startRig({
    count: warmup + calls,
    ...(options.leakBytesPerCall === undefined ? {} : { leakBytesPerCall: options.leakBytesPerCall }),
  });
  try {
    for (let index = 0; index < warmup; index++) await rig.call(index);
    const heapBeforeBytes = await settledHeap();
    const started = performance.now();
    for (let index = warmup; index < warmup + calls; index++) await rig.call(index);
    const elapsedMs = performance.now() - started;
    const heapAfterBytes = await settledHeap();
    return {
      msw: `msw ${await mswVersion()}`,
      calls,
      heapBeforeBytes,
      heapAfterBytes,
      growthBytes: heapAfterBytes - heapBeforeBytes,
      callsPerSecond: calls / (elapsedMs / 1000),
      leakBytesPerCall: options.leakBytesPerCall ?? 0,
    };
  } finally {
    rig.close();
  }
}

async function mswVersion(): Promise<string> {
  // Resolved like the handlers' own import, so a redirected msw (see the decision record) reports itself.
  const url = import.meta.resolve('msw');
  const { readFileSync } = await import('node:fs');
  const root = new URL(url.slice(0, url.lastIndexOf('/node_modules/msw/') + '/node_modules/msw/'.length));
  return (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version;
}

export interface WireBenchResult {
  name: string;
  /** Calls per iteration. */
  calls: number;
  iterations: number;
  callsPerSecond: number;
}

/** tinybench: wire calls/s (openai client through msw) vs direct world calls/s. */
export async function runWireBench(
  options: { callsPerIteration?: number; timeMs?: number } = {},
): Promise<WireBenchResult[]> {
  const perIteration = options.callsPerIteration ?? 100;
  const bench = new Bench({ time: options.timeMs ?? 2000, warmupIterations: 2 });
  const rig = startRig({ count: 10_000_000 });
  let wireNext = 0;
  const direct = benchWorld();
  let directNext = 0;
  let directClock = 0;
  bench.add('wire: openai client → msw → world', async () => {
    for (let k = 0; k < perIteration; k++) await rig.call(wireNext++);
  });
  bench.add('direct: world.call', () => {
    for (let k = 0; k < perIteration; k++) {
      const index = directNext++;
      directClock += 1000;
      direct.call({
        requestIndex: index,
        model: MODEL,
        startMs: directClock,
        attempt: 0,
        promptTokens: 20,
        maxTokens: 64,
      });
      direct.release(index);
    }
  });
  try {
    await bench.run();
  } finally {
    rig.close();
  }
  return bench.tasks.map((task) => {
    const result = task.result;
    // Medians, not means: this machine is shared and noisy.
    const medianMs = 'latency' in result ? result.latency.p50 : Number.NaN;
    return {
      name: task.name,
      calls: perIteration,
      iterations: 'latency' in result ? result.latency.samplesCount : 0,
      callsPerSecond: perIteration / (medianMs / 1000),
    };
  });
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.main) {
  if (process.argv.includes('--heap')) {
    const calls = Number(argument('--calls') ?? 10_000);
    const leak = argument('--leak');
    const measurement = await measureWireHeap({
      calls,
      ...(leak === undefined ? {} : { leakBytesPerCall: Number(leak) }),
    });
    process.stdout.write(`${JSON.stringify(measurement)}\n`);
  } else {
    for (const result of await runWireBench()) {
      console.log(
        `${result.name}: ${result.callsPerSecond.toFixed(0)} calls/s (${result.iterations} iterations × ${result.calls} calls)`,
      );
    }
    const heap = await measureWireHeap();
    console.log(
      `${heap.msw}: heap growth ${(heap.growthBytes / 1048576).toFixed(1)} MB per ${heap.calls} wire calls (${heap.callsPerSecond.toFixed(0)} calls/s)`,
    );
  }
}
