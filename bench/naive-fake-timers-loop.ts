/**
 * The naive way to run SDK code in virtual time (issue 5), as a team would write it: fake timers
 * (@sinonjs/fake-timers 15, what vitest's fake timers wrap) + msw + the official `openai` client,
 * and a loop that advances the fake clock to the next timer:
 *
 *     const clock = FakeTimers.install({ toFake, loopLimit });
 *     for (const request of requests) setTimeout(() => send(request), request.arrivalMs);
 *     while (unfinished > 0) await clock.nextAsync();
 *
 * Settings: `toFake` = vitest's default list without queueMicrotask and process.nextTick (the
 * issue warns against faking those): setTimeout, clearTimeout, setInterval, clearInterval,
 * setImmediate, clearImmediate, Date, hrtime, performance. `loopLimit` 1,000,000 (raised from
 * 1,000; it bounds runAll/runToLast — nextAsync fires one timer per call). Version 15 finds the
 * next timer on a heap. The mocks run on `realClock()` created after the install, so their waits
 * are fake timers too. Prompt tokens are the generator's, as the wire engine passes them, so both
 * sides put the same questions to the world and only the time-keeping differs.
 *
 * A hang must not hang the bench: the loop stops at an iteration bound, a virtual-time bound, a
 * wall-time bound, or when requests are open and no timer is left to fire; the requests still
 * open then are reported as unfinished. Not a suite itself: naive-fake-timers.bench.ts runs it.
 */
import FakeTimers, { type Clock as FakeClock, type FakeMethod } from '@sinonjs/fake-timers';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import type { ChatMessage, FaultConfig, RouteRequest, World } from '../src/contracts/index.ts';
import { modelInfos } from '../src/engine/model-info.ts';
import { realClock } from '../src/mock/clock.ts';
import { createProviderHandlers, type ProviderHandlerOptions } from '../src/mock/handlers.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import { createRequestDirectory, lastUserText, REQUEST_ID_HEADER } from '../src/mock/request-directory.ts';
import { headOfStream } from '../src/run/judge-epsilon.ts';
import { loadSimulationScenario, prepareStream } from '../src/run/simulate-inputs.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { cheapest } from '../src/strategies/model-order.ts';
import type { ModelInfo } from '../src/strategies/types.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { countMessageTokens } from '../src/traffic/tokenizer.ts';

/** Timers the naive setup fakes: vitest's default without queueMicrotask and nextTick. */
export const NAIVE_TO_FAKE: FakeMethod[] = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'Date',
  'hrtime',
  'performance',
];
/** fake-timers' loopLimit, raised as the issue advises (its default is 1,000). */
export const NAIVE_LOOP_LIMIT = 1_000_000;
/** Virtual time 0: 2025-01-01T00:00:00Z, the wire engine's epoch. */
const EPOCH_MS = Date.UTC(2025, 0, 1);
/** The 429 case: a storm this long every STORM_EVERY_MS, with this retry-after, and the RPM cut to this. */
const STORM_MS = 15_000;
const STORM_EVERY_MS = 60_000;
const STORM_RETRY_AFTER_MS = 2_000;
const STORM_RPM = 30;

/** The bench's own wall clock, captured before any fake clock is installed. */
export const wallNow = performance.now.bind(performance);

export interface NaiveBounds {
  /** Most loop iterations per run. @default 1000 per request + 10,000 */
  iterations?: number;
  /** Most virtual time past the last arrival, ms. @default 3600000 (an hour) */
  virtualMs?: number;
  /** Most wall time per run, ms. @default 120000 */
  wallMs?: number;
  /** Consecutive iterations with requests open, no timer pending and nothing settling. @default 2000 */
  idleIterations?: number;
}

/** What was varied while looking for the deadlock. */
export interface NaiveVariant {
  /** @default NAIVE_TO_FAKE */
  toFake?: FakeMethod[];
  /** routesim's startInProcessMocks, or msw's setupServer over the same handlers as msw documents it. @default 'startInProcessMocks' */
  mocks?: 'startInProcessMocks' | 'setupServer';
  /** `await clock.nextAsync()`, or `await clock.tickAsync(next - now)` to the earliest timer. @default 'nextAsync' */
  loop?: 'nextAsync' | 'tickAsync';
}

export interface CaseResult {
  requests: number;
  /** Requests whose client call settled (answered or failed). */
  finished: number;
  answered: number;
  /** The client threw: an error status after its retries, or a timeout. */
  failed: number;
  /** Requests still open when the run ended. */
  unfinished: number;
  /** HTTP requests msw intercepted (retries included). */
  calls: number;
  /** 429 responses sent. */
  rateLimited: number;
  wallMs: number;
  /** Finished requests per wall second. */
  requestsPerSecond: number;
  /** Intercepted calls per wall second. */
  callsPerSecond: number;
  /** Naive loop only: iterations, and why the loop stopped. */
  iterations?: number;
  stoppedBy?: 'done' | 'iteration bound' | 'virtual-time bound' | 'wall-time bound' | 'no timer left';
  /** End-to-end virtual latency per request, ms (NaN when unfinished). */
  latencyMs: Float64Array;
  /** Per request: 0 unfinished, 1 answered, 2 failed. */
  outcome: Uint8Array;
}

/** A prefix of a scenario's stream, its candidate models, and worlds over it. */
export interface Prefix {
  scenario: Scenario;
  stream: RequestStream;
  models: readonly ModelInfo[];
  /** The cheapest candidate: the one model the router calls. */
  model: string;
  provider: string;
  baseUrl: string;
  world(scenario: Scenario): World;
  /** Prompt tokens of a message list as the generator counted them (else counted). */
  promptTokens(messages: ChatMessage[]): number;
}

export function loadPrefix(scenarioPath: string, requests: number): Prefix {
  const loaded = loadSimulationScenario(scenarioPath, undefined);
  const prepared = prepareStream(loaded.scenario);
  const full = prepared.stream;
  const stream = headOfStream(full, requests);
  const models = modelInfos(loaded.effectiveCatalog, loaded.scenario.models);
  const model = cheapest(models).id;
  const world = (scenario: Scenario) =>
    worldFromScenario(scenario, loaded.catalog, (index) => full.hidden(index), prepared.outcomes);
  const provider = world(loaded.scenario).model(model)!.provider;
  const byText = new Map<string, RouteRequest>();
  for (const { request } of stream) byText.set(lastUserText(request.messages) ?? '', request);
  return {
    scenario: loaded.scenario,
    stream,
    models,
    model,
    provider,
    baseUrl: loaded.effectiveCatalog.providers[provider]!.baseUrl,
    world,
    promptTokens(messages) {
      const request = byText.get(lastUserText(messages) ?? '');
      return request !== undefined && sameMessages(messages, request.messages)
        ? request.promptTokens
        : countMessageTokens(messages);
    },
  };
}

/** The prefix's scenario with the router's model rate-limited: storms and a low RPM (case b). */
export function stormScenario(prefix: Prefix): Scenario {
  const { scenario, stream, provider, model } = prefix;
  const lastArrival = stream.arrivals[stream.count - 1] ?? 0;
  const storms: FaultConfig[] = [];
  for (let startMs = 30_000; startMs < lastArrival + STORM_EVERY_MS; startMs += STORM_EVERY_MS) {
    storms.push({
      kind: 'rate_limit',
      model,
      startMs,
      durationMs: STORM_MS,
      retryAfterMs: STORM_RETRY_AFTER_MS,
    });
  }
  const config = scenario.providers[provider] ?? { faults: [] };
  return {
    ...scenario,
    providers: {
      ...scenario.providers,
      [provider]: { ...config, rpm: STORM_RPM, faults: [...config.faults, ...storms] },
    },
  };
}

/** The router both sides run: one call to `model` through the client (which retries as configured). */
export async function askOnce(client: OpenAI, model: string, request: RouteRequest): Promise<string> {
  const completion = await client.chat.completions.create(
    { model, messages: request.messages, max_tokens: request.maxTokens },
    { headers: { [REQUEST_ID_HEADER]: request.id } },
  );
  return completion.id;
}

/** The naive loop over the prefix against a world of `scenario`. */
export async function runNaive(
  prefix: Prefix,
  scenario: Scenario,
  maxRetries: number,
  bounds: NaiveBounds = {},
  variant: NaiveVariant = {},
): Promise<CaseResult> {
  const { stream } = prefix;
  const count = stream.count;
  const maxIterations = bounds.iterations ?? 1000 * count + 10_000;
  const maxVirtualMs = (stream.arrivals[count - 1] ?? 0) + (bounds.virtualMs ?? 3_600_000);
  const maxWallMs = bounds.wallMs ?? 120_000;
  const maxIdle = bounds.idleIterations ?? 2_000;
  const latencyMs = new Float64Array(count).fill(Number.NaN);
  const outcome = new Uint8Array(count);
  const tally = { calls: 0, rateLimited: 0, answered: 0, failed: 0 };

  const clock = FakeTimers.install({
    now: EPOCH_MS,
    toFake: variant.toFake ?? NAIVE_TO_FAKE,
    loopLimit: NAIVE_LOOP_LIMIT,
  });
  const handlerOptions: ProviderHandlerOptions = {
    world: prefix.world(scenario),
    clock: realClock(), // created after the install: its time and its waits are fake
    directory: createRequestDirectory(stream),
    countMessageTokens: prefix.promptTokens,
  };
  const mocks =
    variant.mocks === 'setupServer' ? bareSetupServer(handlerOptions) : startInProcessMocks(handlerOptions);
  mocks.server.events.on('request:start', () => tally.calls++);
  mocks.server.events.on('response:mocked', ({ response }) => {
    if (response.status === 429) tally.rateLimited++;
  });
  const client = new OpenAI({ apiKey: 'bench', baseURL: prefix.baseUrl, maxRetries });
  const open = () => count - tally.answered - tally.failed;
  const started = wallNow();
  let iterations = 0;
  let stoppedBy: NonNullable<CaseResult['stoppedBy']> = 'done';
  try {
    for (let index = 0; index < count; index++) {
      const { request } = stream.get(index);
      const settled = (key: 'answered' | 'failed') => () => {
        tally[key]++;
        latencyMs[index] = clock.now - EPOCH_MS - request.arrivalMs;
        outcome[index] = key === 'answered' ? 1 : 2;
      };
      setTimeout(() => {
        askOnce(client, prefix.model, request).then(settled('answered'), settled('failed'));
      }, request.arrivalMs);
    }
    let idle = 0;
    while (open() > 0) {
      if (iterations >= maxIterations) stoppedBy = 'iteration bound';
      else if (clock.now - EPOCH_MS > maxVirtualMs) stoppedBy = 'virtual-time bound';
      else if (wallNow() - started > maxWallMs) stoppedBy = 'wall-time bound';
      else if (idle >= maxIdle) stoppedBy = 'no timer left';
      if (stoppedBy !== 'done') break;
      const before = open();
      const pending = clock.countTimers();
      if (variant.loop === 'tickAsync') await clock.tickAsync(nextTimerAt(clock) - clock.now);
      else await clock.nextAsync();
      iterations++;
      idle = pending === 0 && open() === before ? idle + 1 : 0;
    }
  } finally {
    mocks.close();
    clock.uninstall();
  }
  return { ...caseResult(count, tally, wallNow() - started, latencyMs, outcome), iterations, stoppedBy };
}

export function caseResult(
  requests: number,
  tally: { calls: number; rateLimited: number; answered: number; failed: number },
  wallMs: number,
  latencyMs: Float64Array,
  outcome: Uint8Array,
): CaseResult {
  const finished = tally.answered + tally.failed;
  return {
    requests,
    finished,
    answered: tally.answered,
    failed: tally.failed,
    unfinished: requests - finished,
    calls: tally.calls,
    rateLimited: tally.rateLimited,
    wallMs,
    requestsPerSecond: finished / (wallMs / 1000),
    callsPerSecond: tally.calls / (wallMs / 1000),
    latencyMs,
    outcome,
  };
}

/** msw's setupServer over routesim's handlers, listened to as msw's docs show — nothing more. */
function bareSetupServer(options: ProviderHandlerOptions) {
  const server = setupServer(...createProviderHandlers(options));
  server.listen({ onUnhandledRequest: 'error' });
  return { server, close: () => server.close() };
}

/** Time of the earliest pending fake timer, or now (fake-timers exposes its timers, not a peek). */
function nextTimerAt(clock: FakeClock): number {
  const timers = (clock as unknown as { timers?: Map<unknown, { callAt: number }> }).timers;
  let next = Number.POSITIVE_INFINITY;
  for (const timer of timers?.values() ?? []) next = Math.min(next, timer.callAt);
  return Number.isFinite(next) ? next : clock.now;
}

function sameMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    if (a[index]!.role !== b[index]!.role || a[index]!.content !== b[index]!.content) return false;
  }
  return true;
}
