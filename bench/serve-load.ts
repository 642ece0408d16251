/**
 * Sustained load on `routesim serve`'s HTTP server in this process: `--requests N` chat
 * completions at `--concurrency C` over real HTTP (fetch, keep-alive) against
 * test/fixtures/serve/three-wires.yaml with an instant clock (no waiting), none of them tied to
 * a simulated request — the traffic a gateway drill or a load test sends. Prints one JSON line:
 * the heap after GC once warmed up and at the end, and the growth between.
 *
 * Run: `node --expose-gc bench/serve-load.ts [--requests 20000] [--concurrency 64] [--warmup 4000] [--keep-ungraded]`.
 * `--keep-ungraded` keeps every ungraded answer in the ledger (the old behaviour, ≈ 0.7 KB a call)
 * so the memory test can show its bound trips.
 */
import { instantClock } from '../src/mock/clock.ts';
import { loadScenarioWorld } from '../src/mock/scenario-world.ts';
import { SERVE_MAX_UNGRADED_ANSWERS, startMockServer } from '../src/mock/serve.ts';

export interface ServeLoadMeasurement {
  requests: number;
  concurrency: number;
  /** Requests before the first heap measurement. */
  warmupRequests: number;
  /** Answers with status 200. */
  answered: number;
  warmHeapBytes: number;
  endHeapBytes: number;
  growthBytes: number;
  seconds: number;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Heap after GC, once finalizers (undici's, for fetch bodies) have had their turn. */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

export async function measureServeLoad(options: {
  requests: number;
  concurrency: number;
  /**
   * Requests before the first heap measurement: past the bounded state's fill-up (1,000
   * ungraded answers, the call log, the world's rolling-minute windows), ≈ 4,000.
   */
  warmup: number;
  keepUngraded: boolean;
}): Promise<ServeLoadMeasurement> {
  const { world, directory } = loadScenarioWorld(
    new URL('../test/fixtures/serve/three-wires.yaml', import.meta.url).pathname,
    {
      maxUngradedAnswers: options.keepUngraded ? undefined : SERVE_MAX_UNGRADED_ANSWERS,
    },
  );
  // A call log of 1,000: it fills during the warm-up, so the growth measured is not the ring filling.
  const server = await startMockServer({
    world,
    directory,
    clock: instantClock(),
    port: 0,
    callLogSize: 1000,
  });
  const url = `${server.baseUrls['openai']}/chat/completions`;
  const warmup = Math.min(options.warmup, options.requests);
  let sent = 0;
  let answered = 0;
  async function worker(until: number): Promise<void> {
    while (sent < until) {
      const index = sent++;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: `Load test call ${index}: say something.` }],
          max_tokens: 64,
        }),
      });
      if (response.status === 200) answered++;
      await response.arrayBuffer();
    }
  }
  const run = (until: number) =>
    Promise.all(Array.from({ length: options.concurrency }, () => worker(until)));
  const started = performance.now();
  await run(warmup);
  const warmHeapBytes = await heapAfterGc();
  await run(options.requests);
  const endHeapBytes = await heapAfterGc();
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  return {
    requests: sent,
    concurrency: options.concurrency,
    warmupRequests: warmup,
    answered,
    warmHeapBytes,
    endHeapBytes,
    growthBytes: endHeapBytes - warmHeapBytes,
    seconds,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const measurement = await measureServeLoad({
    requests: flag('--requests', 20_000),
    concurrency: flag('--concurrency', 64),
    warmup: flag('--warmup', 4000),
    keepUngraded: process.argv.includes('--keep-ungraded'),
  });
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}
