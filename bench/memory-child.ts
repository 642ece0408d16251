/**
 * One strategy over the default scenario with its arrival rate scaled, in a process of its own,
 * reporting memory as one JSON line on stdout: peak RSS (process.resourceUsage().maxRSS) and,
 * with --expose-gc, what is still retained after a full GC while the run's result is alive
 * (heap + array buffers). Used by bench/memory.bench.ts and test/engine-memory-growth.test.ts.
 *
 * Flags: --factor f (arrival rate × f, default 1), --strategy name (a scenario strategy, default
 * cascade), --hours h (virtual duration, default the scenario's), --memo-max n and --window n
 * (stream memo budget and window, default stream-cache.ts's).
 */
import { parseArgs } from 'node:util';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { memoizeStream } from '../src/run/stream-cache.ts';
import { applyScenarioOverrides } from '../src/scenario/catalog-overrides.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

export const DEFAULT_SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;

export interface MemoryMeasurement {
  factor: number;
  strategy: string;
  requests: number;
  /** Peak resident set size of the process, bytes. */
  maxRssBytes: number;
  /** Heap used + array buffers after a full GC at the end (NaN without --expose-gc), bytes. */
  retainedBytes: number;
  /** Whether the whole stream was memoized (false: a window). */
  memoizedWhole: boolean;
  wallMs: number;
}

/** The scenario with every arrival rate multiplied by `factor` (and, optionally, a shorter day). */
export function scaledScenario(scenario: Scenario, factor: number, durationMs?: number): Scenario {
  const arrival = scenario.traffic.arrival;
  return {
    ...scenario,
    durationMs: durationMs ?? scenario.durationMs,
    traffic: {
      ...scenario.traffic,
      arrival: {
        ...arrival,
        startRate: arrival.startRate * factor,
        stages: arrival.stages.map((stage) => ({ ...stage, target: stage.target * factor })),
      },
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      factor: { type: 'string', default: '1' },
      strategy: { type: 'string', default: 'cascade' },
      hours: { type: 'string' },
      'memo-max': { type: 'string' },
      window: { type: 'string' },
    },
  });
  const started = performance.now();
  const factor = Number(values.factor);
  const base = loadScenarioFile(DEFAULT_SCENARIO);
  const scenario = scaledScenario(
    base,
    factor,
    values.hours === undefined ? undefined : Number(values.hours) * 3_600_000,
  );
  const catalog = loadCatalog(scenario.catalog);
  const models = modelInfos(applyScenarioOverrides(catalog, scenario), scenario.models);
  const config = scenario.strategies.find((candidate) => candidate.name === values.strategy);
  if (config === undefined) throw new Error(`the default scenario has no strategy ${values.strategy}`);
  const strategy = buildStrategy(config, {
    models,
    seed: scenario.seed,
    baseDir: DEFAULT_SCENARIO.replace(/[^/]+$/, ''),
  });
  const source = requestStreamFromScenario(scenario);
  const stream = memoizeStream(source, {
    ...(values['memo-max'] === undefined ? {} : { maxRequests: Number(values['memo-max']) }),
    ...(values.window === undefined ? {} : { windowRequests: Number(values.window) }),
  });
  const world = worldFromScenario(scenario, catalog, stream.hidden, source.outcomes);
  const run = await runUnit({ stream, world, strategy, models });
  const gc = (globalThis as { gc?: () => void }).gc;
  let retainedBytes = Number.NaN;
  if (gc !== undefined) {
    gc();
    gc();
    const usage = process.memoryUsage();
    retainedBytes = usage.heapUsed + usage.arrayBuffers;
  }
  const measurement: MemoryMeasurement = {
    factor,
    strategy: run.name,
    requests: stream.count,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    retainedBytes,
    memoizedWhole: stream.complete,
    wallMs: performance.now() - started,
  };
  // Keep the result and the stream alive until measured (a real run holds both).
  if (run.columns.cost.length !== stream.count) throw new Error('run and stream disagree');
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
