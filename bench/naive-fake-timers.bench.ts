/**
 * The wire engine beside the naive baseline of issue 5 — fake timers + msw + the official
 * `openai` client, advancing the fake clock to the next timer (naive-fake-timers-loop.ts has the
 * loop and its settings: toFake without queueMicrotask/nextTick, loopLimit 1,000,000).
 *
 * Same prefix of the default scenario (scenarios/assistant-day.yaml), same world, same router
 * code on both sides: one call per request to the cheapest candidate through its own `openai`
 * client ("always-cheapest" written against the SDK). On the wire engine (runUnitWire) the router
 * is a strategy; on the naive side each request is a fake timer at its arrival time.
 * (a) plain: `maxRetries: 0`, the scenario's world as it is.
 * (b) 429s: `maxRetries: 2`, the router's model rate-limited (a 15 s storm every minute with
 *     retry-after 2 s, RPM cut to 30), so the client retries.
 * (b′) (b) on the naive side with msw's `setupServer` over the same handlers exactly as msw
 *     documents it, instead of routesim's startInProcessMocks (which also cancels the response
 *     copy msw keeps for its `response:mocked` event).
 * Each side of (a) and (b) runs `repeats` times, alternating, and the median run is reported, so
 * the ratio wire ÷ naive comes from the same process on the same (shared, noisy) machine. Also
 * reported: requests whose virtual latency differs between the two (fake-timers truncates each
 * delay to whole ms, so up to ~1 ms per wait is that, not a distortion).
 *
 * Run: `node bench/naive-fake-timers.bench.ts [--requests 300] [--repeats 3]`;
 * `--variants` runs the naive loop alone under every variation tried for the deadlock.
 * The runner calls `runNaiveFakeTimersBench()`.
 */
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { DecisionRecord } from '../src/engine/types.ts';
import { runUnitWire } from '../src/engine/wire/run-unit-wire.ts';
import { headOfStream } from '../src/run/judge-epsilon.ts';
import type { Scenario } from '../src/scenario/types.ts';
import type { Strategy } from '../src/strategies/types.ts';
import {
  askOnce,
  type CaseResult,
  caseResult,
  loadPrefix,
  NAIVE_LOOP_LIMIT,
  NAIVE_TO_FAKE,
  type NaiveBounds,
  type NaiveVariant,
  type Prefix,
  runNaive,
  stormScenario,
  wallNow,
} from './naive-fake-timers-loop.ts';

const DEFAULT_SCENARIO = fileURLToPath(new URL('../scenarios/assistant-day.yaml', import.meta.url));

export interface NaiveCaseComparison {
  naive: CaseResult;
  wire: CaseResult;
  /** Wire-engine requests/s ÷ naive requests/s (median runs). */
  wireOverNaive: number;
  /** Requests both sides finished whose virtual latency differs by more than 1 ms. */
  latencyMismatches: number;
  /** …by more than 100 ms: a different course of events, not whole-ms truncation. */
  latencyShifts: number;
  /** Largest difference, ms. */
  maxLatencyDifferenceMs: number;
  /** Requests answered on one side and failed on the other. */
  outcomeMismatches: number;
}

export interface NaiveFakeTimersBenchResult {
  scenario: string;
  requests: number;
  /** The model the router calls. */
  model: string;
  repeats: number;
  plain: NaiveCaseComparison;
  retries: NaiveCaseComparison;
  /** Case (b′): the naive loop with msw's setupServer as-is. */
  retriesBareMsw: CaseResult;
}

export interface NaiveBenchOptions {
  /** Requests of the prefix. @default 300 (the figure) */
  requests?: number;
  /** Runs per side of cases (a) and (b); the median is reported. @default 3 */
  repeats?: number;
  /** @default scenarios/assistant-day.yaml */
  scenarioPath?: string;
  bounds?: NaiveBounds;
}

/** The same router as a strategy on the wire engine. */
async function runWire(prefix: Prefix, scenario: Scenario, maxRetries: number): Promise<CaseResult> {
  const count = prefix.stream.count;
  const latencyMs = new Float64Array(count).fill(Number.NaN);
  const outcome = new Uint8Array(count);
  const tally = { calls: 0, rateLimited: 0, answered: 0, failed: 0 };
  let client: OpenAI | undefined;
  const strategy: Strategy = {
    name: `own-client-max-retries-${maxRetries}`,
    family: 'custom',
    async route(request) {
      client ??= new OpenAI({ apiKey: 'bench', baseURL: prefix.baseUrl, maxRetries });
      return { responseId: await askOnce(client, prefix.model, request), reason: 'answered' };
    },
  };
  const started = wallNow();
  await runUnitWire({
    stream: prefix.stream,
    world: prefix.world(scenario),
    strategy,
    models: prefix.models,
    onIntercepted: () => tally.calls++,
    onWireCall: (event) => {
      if (event.status === 429) tally.rateLimited++;
    },
    onDecision: (record: DecisionRecord) => {
      const answered = record.status === 'answered';
      tally[answered ? 'answered' : 'failed']++;
      latencyMs[record.requestIndex] = record.latencyMs;
      outcome[record.requestIndex] = answered ? 1 : 2;
    },
  });
  return caseResult(count, tally, wallNow() - started, latencyMs, outcome);
}

const median = (runs: CaseResult[]): CaseResult =>
  [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;

async function compareCase(
  prefix: Prefix,
  scenario: Scenario,
  maxRetries: number,
  options: NaiveBenchOptions,
): Promise<NaiveCaseComparison> {
  const naiveRuns: CaseResult[] = [];
  const wireRuns: CaseResult[] = [];
  for (let repeat = 0; repeat < (options.repeats ?? 3); repeat++) {
    naiveRuns.push(await runNaive(prefix, scenario, maxRetries, options.bounds));
    wireRuns.push(await runWire(prefix, scenario, maxRetries));
  }
  const naive = median(naiveRuns);
  const wire = median(wireRuns);
  let latencyMismatches = 0;
  let latencyShifts = 0;
  let maxLatencyDifferenceMs = 0;
  let outcomeMismatches = 0;
  for (let index = 0; index < naive.requests; index++) {
    if (naive.outcome[index] === 0 || wire.outcome[index] === 0) continue;
    if (naive.outcome[index] !== wire.outcome[index]) outcomeMismatches++;
    const difference = Math.abs(naive.latencyMs[index]! - wire.latencyMs[index]!);
    if (difference > 1) latencyMismatches++;
    if (difference > 100) latencyShifts++;
    maxLatencyDifferenceMs = Math.max(maxLatencyDifferenceMs, difference);
  }
  return {
    naive,
    wire,
    wireOverNaive: wire.requestsPerSecond / naive.requestsPerSecond,
    latencyMismatches,
    latencyShifts,
    maxLatencyDifferenceMs,
    outcomeMismatches,
  };
}

export async function runNaiveFakeTimersBench(
  options: NaiveBenchOptions = {},
): Promise<NaiveFakeTimersBenchResult> {
  const scenarioPath = options.scenarioPath ?? DEFAULT_SCENARIO;
  const prefix = loadPrefix(scenarioPath, options.requests ?? 300);
  // Warm-up (module loading, JIT) on a few requests, so neither side is charged for it.
  const warm = { ...prefix, stream: headOfStream(prefix.stream, 20) };
  await runWire(warm, stormScenario(warm), 2);
  await runNaive(warm, stormScenario(warm), 2, options.bounds);

  const storm = stormScenario(prefix);
  const plain = await compareCase(prefix, prefix.scenario, 0, options);
  const retries = await compareCase(prefix, storm, 2, options);
  const retriesBareMsw = await runNaive(prefix, storm, 2, options.bounds, { mocks: 'setupServer' });
  return {
    scenario: scenarioPath,
    requests: prefix.stream.count,
    model: prefix.model,
    repeats: options.repeats ?? 3,
    plain,
    retries,
    retriesBareMsw,
  };
}

/** What was tried while looking for the deadlock (`--variants`). */
export const NAIVE_VARIANTS: readonly { label: string; variant: NaiveVariant; storm: boolean }[] = [
  { label: 'plain, startInProcessMocks, nextAsync', variant: {}, storm: false },
  { label: '429s, startInProcessMocks, nextAsync', variant: {}, storm: true },
  { label: '429s, startInProcessMocks, tickAsync(next − now)', variant: { loop: 'tickAsync' }, storm: true },
  {
    label: '429s, startInProcessMocks, setImmediate real',
    variant: { toFake: NAIVE_TO_FAKE.filter((method) => !method.endsWith('Immediate')) },
    storm: true,
  },
  {
    label: '429s, startInProcessMocks, queueMicrotask + nextTick faked too',
    variant: { toFake: [...NAIVE_TO_FAKE, 'queueMicrotask', 'nextTick'] },
    storm: true,
  },
  { label: 'plain, msw setupServer as-is, nextAsync', variant: { mocks: 'setupServer' }, storm: false },
  { label: '429s, msw setupServer as-is, nextAsync', variant: { mocks: 'setupServer' }, storm: true },
  {
    label: '429s, msw setupServer as-is, tickAsync(next − now)',
    variant: { mocks: 'setupServer', loop: 'tickAsync' },
    storm: true,
  },
];

/** The naive loop alone under each variant (429 cases with `maxRetries: 2`, plain ones with 0). */
export async function exploreNaiveVariants(
  options: NaiveBenchOptions = {},
): Promise<{ label: string; result: CaseResult }[]> {
  const prefix = loadPrefix(options.scenarioPath ?? DEFAULT_SCENARIO, options.requests ?? 300);
  const storm = stormScenario(prefix);
  const warm = { ...prefix, stream: headOfStream(prefix.stream, 20) };
  await runNaive(warm, stormScenario(warm), 2, options.bounds); // so the first row is not charged for JIT
  const results: { label: string; result: CaseResult }[] = [];
  for (const { label, variant, storm: stormy } of NAIVE_VARIANTS) {
    const scenario = stormy ? storm : prefix.scenario;
    const result = await runNaive(prefix, scenario, stormy ? 2 : 0, options.bounds, variant);
    results.push({ label, result });
  }
  return results;
}

const row = (run: string, result: CaseResult) => ({
  run,
  finished: result.finished,
  answered: result.answered,
  failed: result.failed,
  unfinished: result.unfinished,
  calls: result.calls,
  '429s': result.rateLimited,
  'req/s': Math.round(result.requestsPerSecond),
  'calls/s': Math.round(result.callsPerSecond),
  'wall ms': Math.round(result.wallMs),
  iterations: result.iterations ?? '',
  'stopped by': result.stoppedBy ?? '',
});

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.main) {
  const requests = Number(argument('--requests') ?? 300);
  const repeats = Number(argument('--repeats') ?? 3);
  console.log(
    `naive: @sinonjs/fake-timers, toFake [${NAIVE_TO_FAKE.join(', ')}], loopLimit ${NAIVE_LOOP_LIMIT}`,
  );
  if (process.argv.includes('--variants')) {
    const results = await exploreNaiveVariants({ requests });
    console.table(results.map(({ label, result }) => row(label, result)));
  } else {
    const result = await runNaiveFakeTimersBench({ requests, repeats });
    console.log(
      `${result.scenario}: first ${result.requests} requests, one call each to ${result.model} ` +
        `through the openai client; median of ${result.repeats} runs per side`,
    );
    console.table([
      row('(a) plain, naive', result.plain.naive),
      row('(a) plain, wire engine', result.plain.wire),
      row('(b) 429s, maxRetries 2, naive', result.retries.naive),
      row('(b) 429s, maxRetries 2, wire engine', result.retries.wire),
      row('(b′) 429s, naive on msw setupServer as-is', result.retriesBareMsw),
    ]);
    for (const [label, comparison] of [
      ['(a) plain', result.plain],
      ['(b) 429s', result.retries],
    ] as const) {
      console.log(
        `${label}: wire engine ÷ naive = ${comparison.wireOverNaive.toFixed(2)}× requests/s; virtual ` +
          `latency differs by > 1 ms for ${comparison.latencyMismatches} requests, by > 100 ms for ` +
          `${comparison.latencyShifts} (largest ${comparison.maxLatencyDifferenceMs.toFixed(1)} ms); ` +
          `answered on one side, failed on the other: ${comparison.outcomeMismatches}`,
      );
    }
  }
}
