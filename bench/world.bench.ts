/**
 * World throughput on the direct path (no msw, no fetch): world calls per wall second for
 * a realistic mix on the bundled catalog (14 models, 6 providers), without and with faults.
 *
 * Workload per iteration: `requests` requests at 100,000 per virtual day (one every
 * 864 ms), each a keyed mix of domains, prompt lengths (a third share one of 20 cacheable
 * system prompts) and output lengths. Each request calls one of the catalog's models; 30 %
 * escalate to a second model when the first answer ends; an error is retried once after
 * its retry-after (or 1 s). Calls are issued in time order from a small event heap, and
 * each request is released when it is done, as the engine does.
 *
 * Run: `node bench/world.bench.ts [requests]`; the lead's runner calls `runWorldBench()`.
 */
import { Bench } from 'tinybench';
import {
  type Catalog,
  DOMAINS,
  type FaultWindow,
  type HiddenLabels,
  type World,
} from '../src/contracts/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { resolveFaults } from '../src/world/faults.ts';
import { keyedNormal, keyedUniform } from '../src/world/random.ts';
import { createWorld } from '../src/world/world.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const REQUESTS_PER_DAY = 100_000;
const BENCH_SEED = 2024;

export interface WorldBenchResult {
  name: string;
  /** Requests simulated per iteration. */
  requests: number;
  /** World calls per iteration (first calls, escalations, retries). */
  calls: number;
  answered: number;
  errors: number;
  /** Timed iterations tinybench ran. */
  iterations: number;
  /** Median wall time of one iteration, ms. */
  medianMs: number;
  callsPerSecond: number;
  /** Virtual seconds simulated per wall second. */
  timeCompression: number;
}

interface Counts {
  calls: number;
  answered: number;
  errors: number;
}

function hiddenLabels(index: number): HiddenLabels {
  const shared = keyedUniform(BENCH_SEED, 101, index) < 1 / 3;
  return {
    domain: DOMAINS[Math.floor(keyedUniform(BENCH_SEED, 102, index) * DOMAINS.length)]!,
    difficulty: keyedNormal(BENCH_SEED, 103, index),
    template: 'bench',
    expectedOutputTokens: Math.round(250 * Math.exp(0.8 * keyedNormal(BENCH_SEED, 104, index))),
    cacheablePrefixTokens: shared ? 1500 : 0,
    prefixId: shared ? 1 + Math.floor(keyedUniform(BENCH_SEED, 105, index) * 20) : 0,
  };
}

function promptTokensOf(index: number, hidden: HiddenLabels): number {
  return hidden.cacheablePrefixTokens + Math.round(300 * Math.exp(0.9 * keyedNormal(BENCH_SEED, 106, index)));
}

/** Scheduled follow-up calls, a binary min-heap on time (ties by insertion order). */
interface Pending {
  atMs: number;
  order: number;
  request: number;
  model: string;
  attempt: number;
  escalate: boolean;
}

function createAgenda() {
  const heap: Pending[] = [];
  const before = (left: Pending, right: Pending) =>
    left.atMs < right.atMs || (left.atMs === right.atMs && left.order < right.order);
  return {
    get size() {
      return heap.length;
    },
    peek: () => heap[0],
    push(item: Pending) {
      heap.push(item);
      let position = heap.length - 1;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!before(item, heap[parent]!)) break;
        heap[position] = heap[parent]!;
        position = parent;
      }
      heap[position] = item;
    },
    pop(): Pending {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        let position = 0;
        for (;;) {
          const left = 2 * position + 1;
          if (left >= heap.length) break;
          const right = left + 1;
          const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
          if (!before(heap[child]!, last)) break;
          heap[position] = heap[child]!;
          position = child;
        }
        heap[position] = last;
      }
      return top;
    },
  };
}

/** Simulate `requests` requests against a fresh world; returns what it ran. */
export function simulateWorkload(world: World, requests: number): Counts {
  const models = world.catalog.models.map((model) => model.id);
  const agenda = createAgenda();
  const counts: Counts = { calls: 0, answered: 0, errors: 0 };
  let order = 0;
  const gapMs = DAY_MS / REQUESTS_PER_DAY;

  function issue(item: Pending): void {
    const labels = hiddenLabels(item.request);
    counts.calls++;
    const result = world.call({
      requestIndex: item.request,
      model: item.model,
      startMs: item.atMs,
      attempt: item.attempt,
      promptTokens: promptTokensOf(item.request, labels),
      maxTokens: 1024,
    });
    if (result.ok) {
      counts.answered++;
      if (item.escalate) {
        const next = models[(models.indexOf(item.model) + 1 + (item.request % 5)) % models.length]!;
        agenda.push({
          ...item,
          atMs: result.call.timing.endMs,
          order: order++,
          model: next,
          attempt: 0,
          escalate: false,
        });
        return;
      }
    } else {
      counts.errors++;
      if (item.attempt === 0 && Number.isFinite(result.error.atMs)) {
        const atMs = result.error.atMs + (result.error.retryAfterMs ?? 1000);
        agenda.push({ ...item, atMs, order: order++, attempt: 1 });
        return;
      }
    }
    world.release(item.request);
  }

  for (let index = 0; index < requests; index++) {
    const arrivalMs = index * gapMs;
    while (agenda.size > 0 && agenda.peek()!.atMs <= arrivalMs) issue(agenda.pop());
    issue({
      atMs: arrivalMs,
      order: order++,
      request: index,
      model: models[Math.floor(keyedUniform(BENCH_SEED, 107, index) * models.length)]!,
      attempt: 0,
      escalate: keyedUniform(BENCH_SEED, 108, index) < 0.3,
    });
  }
  while (agenda.size > 0) issue(agenda.pop());
  return counts;
}

/** Outages and degradations over one day of the bundled catalog's providers. */
function benchFaults(catalog: Catalog): FaultWindow[] {
  return resolveFaults(
    {
      openai: { faults: [{ kind: 'error', mtbfMs: 2 * HOUR_MS, mttrMs: 10 * 60_000 }] },
      anthropic: { faults: [{ kind: 'partial', probability: 0.1 }] },
      groq: { faults: [{ kind: 'rate_limit', startMs: 6 * HOUR_MS, durationMs: 20 * 60_000 }] },
      google: { faults: [{ kind: 'slow', factor: 3, startMs: 12 * HOUR_MS, durationMs: HOUR_MS }] },
      mistral: { faults: [{ kind: 'reset', probability: 0.05, mtbfMs: HOUR_MS, mttrMs: 5 * 60_000 }] },
    },
    catalog,
    BENCH_SEED,
    DAY_MS,
  );
}

/**
 * Run the world benchmark: two tinybench tasks (no faults / with faults), each iteration a
 * fresh world simulating `requests` requests. Prints and returns the counts it ran.
 */
export async function runWorldBench(
  options: {
    /** Requests per iteration. @default 20000 */
    requests?: number;
    /** Minimum wall time per task, ms. @default 2000 */
    timeMs?: number;
  } = {},
): Promise<WorldBenchResult[]> {
  const requests = options.requests ?? 20_000;
  const catalog = loadCatalog();
  const domains = loadDomainParams();
  const variants: { name: string; faults: FaultWindow[] }[] = [
    { name: 'world direct, no faults', faults: [] },
    { name: 'world direct, with faults', faults: benchFaults(catalog) },
  ];
  const counts = new Map<string, Counts>();
  const bench = new Bench({ name: 'world', time: options.timeMs ?? 2000, iterations: 3 });
  for (const variant of variants) {
    bench.add(variant.name, () => {
      const world = createWorld({
        seed: BENCH_SEED,
        catalog,
        domains,
        faults: variant.faults,
        hidden: hiddenLabels,
      });
      counts.set(variant.name, simulateWorkload(world, requests));
    });
  }
  await bench.run();
  const results: WorldBenchResult[] = [];
  for (const task of bench.tasks) {
    const result = task.result;
    const ran = counts.get(task.name);
    if (!('latency' in result) || ran === undefined)
      throw new Error(`bench task ${task.name} did not complete`);
    const medianMs = result.latency.p50; // medians: the machine is shared and noisy
    results.push({
      name: task.name,
      requests,
      ...ran,
      iterations: result.latency.samplesCount,
      medianMs,
      callsPerSecond: (ran.calls / medianMs) * 1000,
      timeCompression: (requests * DAY_MS) / REQUESTS_PER_DAY / medianMs,
    });
  }
  console.log(
    `world bench: ${catalog.models.length} models, ${Object.keys(catalog.providers).length} providers, ` +
      `${requests} requests per iteration (${REQUESTS_PER_DAY}/virtual day)`,
  );
  console.table(
    results.map((result) => ({
      task: result.name,
      iterations: result.iterations,
      calls: result.calls,
      answered: result.answered,
      errors: result.errors,
      'median ms': result.medianMs.toFixed(1),
      'calls/s': Math.round(result.callsPerSecond),
      'virtual s / wall s': Math.round(result.timeCompression),
    })),
  );
  return results;
}

if (import.meta.main) {
  const requests = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  await runWorldBench(requests === undefined ? {} : { requests });
}
