/**
 * Decision overhead per strategy: wall time spent inside the strategy's own code per request
 * (route start to its first call, and between each resume and its next call or return), as the
 * engine measures it with an injected wall clock (runUnit's `wallClock`, the figure timings.json
 * reports). Median and p99 over every request of a prefix of the default scenario, for the
 * families whose decisions do work: rules, domain, learned, cascade, availability.
 *
 * Each strategy is measured on a fresh world over the same stream. The learned strategy is run
 * twice: cold (features and predictions computed) and warm (predictions cached per request, as
 * every `learned@α` sweep point after the first sees them).
 *
 * Run: `node bench/strategies.bench.ts [requests]`; the lead's runner calls `runStrategiesBench()`.
 */
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { memoizeStream } from '../src/run/stream-cache.ts';
import { applyScenarioOverrides } from '../src/scenario/catalog-overrides.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { StrategyBuildContext } from '../src/strategies/types.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;
/** Families measured, in the order printed. */
export const MEASURED_FAMILIES = ['rules', 'domain', 'learned', 'cascade', 'availability'] as const;

export interface StrategyOverhead {
  strategy: string;
  requests: number;
  /** Requests with a measured decision (every request the strategy routed). */
  measured: number;
  medianMicroseconds: number;
  p99Microseconds: number;
  meanMicroseconds: number;
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

export async function runStrategiesBench(
  options: {
    /** Requests of the default day (a prefix). @default 30000 */
    requests?: number;
  } = {},
): Promise<StrategyOverhead[]> {
  const scenario = loadScenarioFile(SCENARIO);
  const catalog = loadCatalog(scenario.catalog);
  const models = modelInfos(applyScenarioOverrides(catalog, scenario), scenario.models);
  const context: StrategyBuildContext = {
    models,
    seed: scenario.seed,
    baseDir: SCENARIO.replace(/[^/]+$/, ''),
  };
  const full = memoizeStream(requestStreamFromScenario(scenario));
  const count = Math.min(options.requests ?? 30_000, full.count);
  const stream: RequestStream = { ...full, count, arrivals: full.arrivals.subarray(0, count) };
  for (let index = 0; index < count; index++) full.get(index); // generated up front, untimed

  const runs: { label: string; config: (typeof scenario.strategies)[number] }[] = [];
  for (const family of MEASURED_FAMILIES) {
    const config = scenario.strategies.find((candidate) => candidate.name === family);
    if (config === undefined) continue;
    runs.push({ label: config.name, config });
    if (family === 'learned') runs.push({ label: `${config.name} (warm cache)`, config });
  }
  const results: StrategyOverhead[] = [];
  for (const { label, config } of runs) {
    const run = await runUnit({
      stream,
      world: worldFromScenario(scenario, catalog, full.hidden),
      strategy: buildStrategy(config, context),
      models,
      wallClock: () => performance.now(),
    });
    const values = Float64Array.from(run.decisionOverheadMs, (ms) => ms * 1000).sort();
    let total = 0;
    for (const value of values) total += value;
    results.push({
      strategy: label,
      requests: count,
      measured: values.length,
      medianMicroseconds: quantile(values, 0.5),
      p99Microseconds: quantile(values, 0.99),
      meanMicroseconds: total / Math.max(1, values.length),
    });
  }
  console.log(
    `strategies bench: ${scenario.name}: ${count} requests, ${models.length} candidate models, ` +
      `${results.length} runs (decision overhead = wall time in strategy code per request)`,
  );
  console.table(
    results.map((result) => ({
      strategy: result.strategy,
      requests: result.measured,
      'median µs': result.medianMicroseconds.toFixed(2),
      'p99 µs': result.p99Microseconds.toFixed(2),
      'mean µs': result.meanMicroseconds.toFixed(2),
    })),
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const requests = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  await runStrategiesBench(requests === undefined ? {} : { requests });
}
