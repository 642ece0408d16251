/**
 * A pass-through gateway to one model costs, request for request, what the strategy that always
 * calls that model costs on the direct engine — when the drill plays every request of its window
 * (no thinning). outage-short.yaml's always-cheapest is gpt-4o-mini, the model the mini gateway
 * passes to. Compared per request index: serve's call log (cost of each billed call) against the
 * engine's cost column, over the requests both answered (a call reaches serve some virtual ms
 * after its arrival, so a request arriving just before the outage can meet it at serve only; on a
 * stalled machine the same lag could move a 5-minute prompt-cache lifetime's end, which this
 * scenario's short prompts make unlikely: measured, 0 of 373 differ).
 *
 * Thinned (`--sample`), they may differ: serve's world then sees only the drill's requests, so a
 * prompt prefix the full stream had just cached is a miss for the gateway and its prompt is
 * billed at the full input rate. The second test pins that this is the only difference.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDrill } from '../src/drill/run-drill.ts';
import type { CallLogEntry } from '../src/mock/index.ts';
import { simulate } from '../src/run/simulate.ts';
import { type MiniGateway, startMiniGateway } from './support/mini-gateway.ts';

const SCENARIO = 'test/fixtures/drill/outage-short.yaml';
/** Index of 'answered' in the engine's status column. */
const ANSWERED = 0;

let gateway: MiniGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** Every call serve logged while a pass-through gateway to gpt-4o-mini carried the drill. */
async function passThroughCalls(sample: number | undefined): Promise<CallLogEntry[]> {
  gateway = await startMiniGateway({ retries: 0, backoffMs: 5 });
  const mini = gateway;
  let since: (() => CallLogEntry[]) | undefined;
  await runDrill({
    scenarioPath: SCENARIO,
    gateway: mini.url,
    wire: 'openai',
    headers: {},
    servePort: 0,
    scheduleScale: 60,
    latencyScale: 10,
    fromMs: 0,
    ...(sample === undefined ? {} : { sample }),
    concurrency: 32,
    timeoutMs: 30_000,
    strategies: false,
    onServing: (server) => {
      since = () => server.callLog.since(0);
      mini.setTargets([{ baseUrl: server.baseUrls['openai']!, model: 'gpt-4o-mini' }]);
    },
  });
  return since!();
}

async function alwaysCheapestCost(): Promise<{ cost: Float64Array; status: ArrayLike<number> }> {
  const outcome = await simulate({
    scenario: SCENARIO,
    robustness: false,
    strategies: ['always-cheapest'],
    wallClock: () => performance.now(),
  });
  const run = outcome.runs.find((candidate) => candidate.name === 'always-cheapest')!;
  // A scenario strategy: its columns are kept once digested.
  return { cost: run.columns!.cost, status: run.columns!.status };
}

/** Serve's and the engine's cost of each request both answered, by request index. */
function pairs(calls: readonly CallLogEntry[], engine: { cost: Float64Array; status: ArrayLike<number> }) {
  expect(calls.every((call) => call.requestIndex !== null)).toBe(true);
  expect(calls.every((call) => call.model === 'gpt-4o-mini' && call.attempt === 0)).toBe(true);
  return calls
    .filter((call) => call.costUsd !== null && engine.status[call.requestIndex!] === ANSWERED)
    .map((call) => ({
      index: call.requestIndex!,
      prompt: call.tokens!.prompt,
      serve: call.costUsd!,
      engine: engine.cost[call.requestIndex!]!,
    }));
}

describe('drill: a pass-through gateway costs what always-<its model> costs', () => {
  it('agrees request for request when the drill plays every request', async () => {
    const [calls, engine] = await Promise.all([passThroughCalls(undefined), alwaysCheapestCost()]);
    const rows = pairs(calls, engine);
    expect(rows.length).toBeGreaterThan(300);
    // Measured: every row equal (373 of 373). A call reaches serve a little after its arrival, so
    // on a stalled machine a prompt-cache lifetime may end on the other side of a request: allow
    // that, and only that — a few rows, each a prompt long enough to be cached (≥ 1,024 tokens).
    const differing = rows.filter((row) => row.serve !== row.engine);
    expect(differing.length).toBeLessThanOrEqual(Math.ceil(rows.length / 100));
    for (const row of differing) expect(row.prompt, `request ${row.index}`).toBeGreaterThanOrEqual(1024);
  }, 120_000);

  it('thinned, the gateway pays more only where the full stream had warmed the prompt cache', async () => {
    const [calls, engine] = await Promise.all([passThroughCalls(120), alwaysCheapestCost()]);
    const rows = pairs(calls, engine);
    const differing = rows.filter((row) => row.serve !== row.engine);
    // Measured: 2 of 74 (requests 297 and 332, prompts of 3,103 and 3,467 tokens, ≈ 1.9× the cost).
    expect(differing.length).toBeGreaterThan(0);
    // gpt-4o-mini caches prompts of 1,024 tokens or more; short prompts never differ.
    for (const row of differing) expect(row.prompt, `request ${row.index}`).toBeGreaterThanOrEqual(1024);
    // Fewer warm-ups in serve's world: the gateway pays more in all (a stalled machine may still
    // turn one row the other way, so the sum is checked, not each row).
    const total = (pick: (row: (typeof rows)[number]) => number) =>
      rows.reduce((sum, row) => sum + pick(row), 0);
    expect(total((row) => row.serve)).toBeGreaterThan(total((row) => row.engine));
  }, 120_000);
});
