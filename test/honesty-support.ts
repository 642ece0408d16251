/**
 * Shared setup of the honesty tests: the default scenario's traffic (a prefix of the stream, so a
 * test stays within its time budget), a fresh world per run (common random numbers, as simulate
 * builds them), and the real engine (runUnit) and metrics on top. Not a test file itself.
 */
import { fileURLToPath } from 'node:url';
import type { GeneratedRequest, World } from '../src/contracts/index.ts';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import type { RunResult } from '../src/engine/types.ts';
import { bootstrapDifferences, type Differences } from '../src/metrics/bootstrap.ts';
import { pairedPlan } from '../src/metrics/resample.ts';
import { type ResearchRun, researchMetrics, strongCallShare } from '../src/metrics/research.ts';
import type { KnobbedMetrics } from '../src/metrics/types.ts';
import { planUnits } from '../src/run/plan.ts';
import { type MemoizedStream, memoizeStream } from '../src/run/stream-cache.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type { Scenario } from '../src/scenario/types.ts';
import type { ModelInfo, Strategy, StrategyBuildContext } from '../src/strategies/types.ts';
import { type RequestStream, requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../scenarios/assistant-day.yaml', import.meta.url));

/** The first `count` requests of `stream` (arrival order is kept, so it is a valid stream). */
export function streamPrefix(stream: RequestStream, count: number): RequestStream {
  const size = Math.min(count, stream.count);
  const get = (index: number): GeneratedRequest => {
    if (!(index >= 0 && index < size))
      throw new RangeError(`no request ${index} in a ${size}-request prefix`);
    return stream.get(index);
  };
  return {
    count: size,
    arrivals: stream.arrivals.subarray(0, size),
    get,
    *[Symbol.iterator]() {
      for (let index = 0; index < size; index++) yield get(index);
    },
  };
}

export interface HonestyDay {
  scenario: Scenario;
  stream: MemoizedStream;
  models: ModelInfo[];
  buildContext: StrategyBuildContext;
  /** A fresh world (identical faults and draws for every run). */
  world(): World;
}

/** The default scenario (seed overridable) over its first `count` requests. */
export function honestyDay(count: number, seed?: number): HonestyDay {
  const loaded = loadScenarioFile(DEFAULT_SCENARIO);
  const scenario = seed === undefined ? loaded : { ...loaded, seed };
  const catalog = loadCatalog(scenario.catalog);
  const stream = memoizeStream(streamPrefix(requestStreamFromScenario(scenario), count));
  const models = modelInfos(catalog, scenario.models);
  return {
    scenario,
    stream,
    models,
    buildContext: {
      models,
      seed: scenario.seed,
      baseDir: fileURLToPath(new URL('../scenarios/', import.meta.url)),
    },
    world: () => worldFromScenario(scenario, catalog, stream.hidden),
  };
}

/** One strategy through the real engine over the day's stream, in a fresh world. */
export function runOn(day: HonestyDay, strategy: Strategy, knobValue?: number): Promise<RunResult> {
  return runUnit({
    stream: day.stream,
    world: day.world(),
    strategy,
    models: day.models,
    ...(knobValue === undefined ? {} : { knobValue }),
  });
}

/** Mean of `values` over `subset` (request indices; @default every request). */
function meanOver(values: Float32Array | Float64Array, subset: Uint32Array | undefined): number {
  let total = 0;
  if (subset === undefined) for (const value of values) total += value;
  else for (const index of subset) total += values[index]!;
  return total / (subset === undefined ? values.length : subset.length);
}

/** Mean of a run's score column (failed requests score 0: metrics.md quality). */
export function meanScore(run: RunResult, subset?: Uint32Array): number {
  return meanOver(run.columns.score, subset);
}

/** Mean USD per request. */
export function meanCost(run: RunResult, subset?: Uint32Array): number {
  return meanOver(run.columns.cost, subset);
}

/** Paired-bootstrap 95% intervals of `run` − `baseline` (cost USD/request, quality in points ×100). */
export function pairedDifference(
  run: RunResult,
  baseline: RunResult,
  seed: number,
  resamples = 1000,
): Differences {
  const [differences] = bootstrapDifferences(
    pairedPlan(run.columns.cost.length, seed, resamples),
    baseline.columns,
    [run.columns],
  );
  if (differences === undefined) throw new Error('bootstrap returned no interval');
  return differences;
}

/**
 * A knobbed strategy's APGR the way simulate computes it: planUnits gives the strategy, its sweep
 * (knob.at per value) and always-<weak>/always-<strong>; each runs through the engine once;
 * researchMetrics turns the runs into KnobbedMetrics, once per entry of `subsets` (request
 * indices; undefined = every request). Strategies compared must differ in name (the engine keys
 * context.random() draws by the strategy's name).
 */
export async function knobbedMetricsOf(
  day: HonestyDay,
  label: string,
  build: () => Strategy,
  subsets: readonly (Uint32Array | undefined)[] = [undefined],
): Promise<KnobbedMetrics[]> {
  const knob = build().knob;
  if (knob === undefined) throw new Error(`${label} has no knob`);
  const pair = day.models.filter((model) => model.id === knob.weak || model.id === knob.strong);
  const units = planUnits([{ label, build }], pair);
  const runs: RunResult[] = [];
  for (const unit of units) {
    runs.push(
      await runUnit({
        stream: day.stream,
        world: day.world(),
        strategy: unit.build(),
        models: day.models,
        strongModel: knob.strong,
        label: unit.label,
      }),
    );
  }
  return subsets.map((subset) => {
    const research: ResearchRun[] = units.map((unit, position) => {
      const run = runs[position]!;
      return {
        name: unit.label,
        kind: unit.kind,
        group: unit.kind === 'sweep' ? label : unit.label,
        knobValue: unit.knobValue,
        knob: unit.kind === 'single' ? undefined : { name: knob.name, weak: knob.weak, strong: knob.strong },
        strongCallShare: strongCallShare(
          subset === undefined
            ? run.columns.flags
            : Uint8Array.from(subset, (index) => run.columns.flags[index]!),
        ),
        costPerRequestUsd: meanCost(run, subset),
        quality: meanScore(run, subset),
      };
    });
    // The oracle point only feeds AIQ/hulls, not APGR.
    const metrics = researchMetrics(research, { costPerRequestUsd: 0, quality: 0 }).knobbed.find(
      (entry) => entry.strategy === label,
    );
    if (metrics === undefined) throw new Error(`no knobbed metrics for ${label}`);
    return metrics;
  });
}

/**
 * `strategy` under another name, its sweep points too (`<name>@<value>`): the engine keys a
 * strategy's random draws by its name, so a renamed random router makes independent draws.
 */
export function renamed(strategy: Strategy, name: string): Strategy {
  const knob = strategy.knob;
  return {
    name,
    family: strategy.family,
    route: (request, context) => strategy.route(request, context),
    ...(knob === undefined
      ? {}
      : { knob: { ...knob, at: (value: number) => renamed(knob.at(value), `${name}@${value}`) } }),
  };
}
