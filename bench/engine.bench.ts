/**
 * Engine throughput on the default scenario (scenarios/assistant-day.yaml): requests simulated
 * per wall second, time compression (virtual seconds per wall second), and the engine's
 * overhead — the full engine running `always-cheapest` against a bare loop that makes exactly
 * the same world calls (one per request, at its arrival) with no scheduling, no strategy and
 * no grading. Requests are generated once up front (memoizeStream) and not timed: generation
 * is shared by every unit of a simulation.
 *
 * Run: `node bench/engine.bench.ts [requests]`; the lead's runner calls `runEngineBench()`.
 */
import { Bench } from 'tinybench';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { memoizeStream } from '../src/run/stream-cache.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { alwaysModel } from '../src/strategies/baselines.ts';
import { cheapest as cheapestModel } from '../src/strategies/model-order.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;

export interface EngineBenchResult {
  requests: number;
  models: number;
  strategy: string;
  /** Wall time to generate the requests once (not part of the engine figures), ms. */
  generationMs: number;
  engineMedianMs: number;
  bareMedianMs: number;
  requestsPerSecond: number;
  /** Virtual seconds simulated per wall second. */
  timeCompression: number;
  /** Full engine / bare world loop (same world calls). */
  overheadRatio: number;
  /** Engine time per request beyond the world call, µs. */
  overheadMicrosecondsPerRequest: number;
}

export async function runEngineBench(
  options: {
    /** Requests of the default day to simulate (a prefix). @default all (~113k) */
    requests?: number;
    /** Minimum wall time per task, ms. @default 2000 */
    timeMs?: number;
  } = {},
): Promise<EngineBenchResult> {
  const scenario = loadScenarioFile(SCENARIO);
  const catalog = loadCatalog();
  const full = memoizeStream(requestStreamFromScenario(scenario));
  const count = Math.min(options.requests ?? full.count, full.count);
  const stream: RequestStream = { ...full, count, arrivals: full.arrivals.subarray(0, count) };
  const generationStart = performance.now();
  for (let index = 0; index < count; index++) full.get(index);
  const generationMs = performance.now() - generationStart;
  const models = modelInfos(catalog, scenario.models);
  const cheapest = cheapestModel(models).id;
  const strategy = alwaysModel(cheapest);

  const bench = new Bench({ name: 'engine', time: options.timeMs ?? 2000, iterations: 3 });
  let answered = 0;
  bench.add('engine (always-<cheapest>)', async () => {
    const world = worldFromScenario(scenario, catalog, full.hidden);
    const run = await runUnit({ stream, world, strategy, models });
    answered = run.columns.status.filter((status) => status === 0).length;
  });
  bench.add('bare world loop', () => {
    const world = worldFromScenario(scenario, catalog, full.hidden);
    for (let index = 0; index < count; index++) {
      const { request } = full.get(index);
      world.call({
        requestIndex: index,
        model: cheapest,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        maxTokens: request.maxTokens,
      });
      world.release(index);
    }
  });
  await bench.run();
  const medians = bench.tasks.map((task) => {
    const result = task.result;
    if (!('latency' in result)) throw new Error(`bench task ${task.name} did not complete`);
    return result.latency.p50;
  });
  const [engineMedianMs, bareMedianMs] = medians as [number, number];
  const virtualSeconds = (stream.arrivals[count - 1] ?? 0) / 1000;
  const result: EngineBenchResult = {
    requests: count,
    models: models.length,
    strategy: strategy.name,
    generationMs,
    engineMedianMs,
    bareMedianMs,
    requestsPerSecond: (count / engineMedianMs) * 1000,
    timeCompression: virtualSeconds / (engineMedianMs / 1000),
    overheadRatio: engineMedianMs / bareMedianMs,
    overheadMicrosecondsPerRequest: ((engineMedianMs - bareMedianMs) * 1000) / count,
  };
  console.log(
    `engine bench: ${scenario.name}: ${count} requests over ${(virtualSeconds / 3600).toFixed(1)} virtual hours, ` +
      `${models.length} candidate models, ${result.strategy}; ${answered} answered; generation ${generationMs.toFixed(0)} ms (untimed)`,
  );
  console.table([
    {
      'engine ms': engineMedianMs.toFixed(0),
      'bare ms': bareMedianMs.toFixed(0),
      'requests/s': result.requestsPerSecond.toFixed(0),
      'time compression': `${result.timeCompression.toFixed(0)}×`,
      'overhead ratio': `${result.overheadRatio.toFixed(2)}×`,
      'overhead µs/request': result.overheadMicrosecondsPerRequest.toFixed(2),
    },
  ]);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const requests = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  await runEngineBench(requests === undefined ? {} : { requests });
}
