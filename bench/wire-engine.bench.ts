/**
 * The wire engine against the direct engine on the same requests — a prefix of the default
 * scenario (scenarios/assistant-day.yaml), every built-in strategy but the oracle — and against
 * raw msw throughput (bench/wire.bench.ts: sequential openai-client calls through msw, no
 * engine). Prints requests/s, HTTP calls/s and time compression (virtual s per wall s) per
 * strategy, and the ratio raw-msw calls/s ÷ wire-engine calls/s (the aim: ≤ 1.5).
 *
 * Run: `node bench/wire-engine.bench.ts [--requests 1000] [--strategies a,b]`.
 * The lead's runner calls `runWireEngineBench()`.
 */
import { fileURLToPath } from 'node:url';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { runUnitWire } from '../src/engine/wire/run-unit-wire.ts';
import { loadSimulationScenario, prepareStream } from '../src/run/simulate-inputs.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { runWireBench } from './wire.bench.ts';

const DEFAULT_SCENARIO = fileURLToPath(new URL('../scenarios/assistant-day.yaml', import.meta.url));

export interface WireEngineBenchRow {
  strategy: string;
  requests: number;
  /** HTTP requests msw intercepted on the wire engine (= world calls; = direct-engine calls). */
  wireCalls: number;
  directWallMs: number;
  wireWallMs: number;
  directRequestsPerSecond: number;
  wireRequestsPerSecond: number;
  wireCallsPerSecond: number;
  /** Virtual seconds simulated per wall second, wire engine. */
  wireTimeCompression: number;
  directTimeCompression: number;
}

export interface WireEngineBenchResult {
  scenario: string;
  rows: WireEngineBenchRow[];
  /** Sequential openai-client calls through msw, no engine (bench/wire.bench.ts). */
  rawMswCallsPerSecond: number;
  /** All strategies: total wire calls ÷ total wire wall time. */
  wireCallsPerSecond: number;
  /** rawMswCallsPerSecond ÷ wireCallsPerSecond: how much slower the engine is than msw alone. */
  rawOverWire: number;
}

export async function runWireEngineBench(
  options: { requests?: number; strategies?: readonly string[]; scenarioPath?: string } = {},
): Promise<WireEngineBenchResult> {
  const scenarioPath = options.scenarioPath ?? DEFAULT_SCENARIO;
  const loaded = loadSimulationScenario(scenarioPath, undefined);
  const { scenario } = loaded;
  const prepared = prepareStream(scenario);
  const full = prepared.stream;
  const count = Math.min(options.requests ?? 1000, full.count);
  const stream: RequestStream = {
    count,
    arrivals: full.arrivals.subarray(0, count),
    get: (index) => full.get(index),
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield full.get(index);
    },
  };
  const models = modelInfos(loaded.effectiveCatalog, scenario.models);
  const context = { models, seed: scenario.seed, baseDir: loaded.scenarioDir, file: scenarioPath };
  const world = () =>
    worldFromScenario(scenario, loaded.catalog, (index) => full.hidden(index), prepared.outcomes);
  const configs = scenario.strategies.filter(
    (config) =>
      config.name !== 'oracle' &&
      config.module === undefined &&
      (options.strategies === undefined || options.strategies.includes(config.name)),
  );
  // Warm-up (module loading, JIT) so the first strategy is not charged for it — as tinybench warms
  // the raw-msw side before it measures. 50 requests left the first strategy ~25% slower per call
  // than the rest; 300 requests of every strategy bring them level.
  const warmCount = Math.min(300, count);
  const warmStream = {
    ...stream,
    count: warmCount,
    arrivals: stream.arrivals.subarray(0, warmCount),
  };
  for (const config of configs) {
    await runUnitWire({
      stream: warmStream,
      world: world(),
      strategy: buildStrategy(config, context),
      models,
    });
  }

  const rows: WireEngineBenchRow[] = [];
  for (const config of configs) {
    const directStarted = performance.now();
    let lastDirectMs = 0;
    await runUnit({
      stream,
      world: world(),
      strategy: buildStrategy(config, context),
      models,
      onDecision: (record) => {
        lastDirectMs = Math.max(lastDirectMs, record.arrivalMs + record.latencyMs);
      },
    });
    const directWallMs = performance.now() - directStarted;
    let wireCalls = 0;
    let lastWireMs = 0;
    const wireStarted = performance.now();
    await runUnitWire({
      stream,
      world: world(),
      strategy: buildStrategy(config, context),
      models,
      onIntercepted: () => wireCalls++,
      onDecision: (record) => {
        lastWireMs = Math.max(
          lastWireMs,
          record.arrivalMs + (Number.isNaN(record.latencyMs) ? 0 : record.latencyMs),
        );
      },
    });
    const wireWallMs = performance.now() - wireStarted;
    rows.push({
      strategy: config.name,
      requests: count,
      wireCalls,
      directWallMs,
      wireWallMs,
      directRequestsPerSecond: count / (directWallMs / 1000),
      wireRequestsPerSecond: count / (wireWallMs / 1000),
      wireCallsPerSecond: wireCalls / (wireWallMs / 1000),
      wireTimeCompression: lastWireMs / wireWallMs,
      directTimeCompression: lastDirectMs / directWallMs,
    });
  }
  const raw = (await runWireBench({ timeMs: 3000 })).find((result) => result.name.startsWith('wire'));
  const rawMswCallsPerSecond = raw?.callsPerSecond ?? Number.NaN;
  const totalCalls = rows.reduce((sum, row) => sum + row.wireCalls, 0);
  const totalWallMs = rows.reduce((sum, row) => sum + row.wireWallMs, 0);
  const wireCallsPerSecond = totalCalls / (totalWallMs / 1000);
  return {
    scenario: scenarioPath,
    rows,
    rawMswCallsPerSecond,
    wireCallsPerSecond,
    rawOverWire: rawMswCallsPerSecond / wireCallsPerSecond,
  };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (import.meta.main) {
  const requests = Number(argument('--requests') ?? 1000);
  const strategies = argument('--strategies')?.split(',');
  const result = await runWireEngineBench({ requests, ...(strategies === undefined ? {} : { strategies }) });
  console.log(`scenario ${result.scenario}: first ${requests} requests per strategy`);
  console.table(
    result.rows.map((row) => ({
      strategy: row.strategy,
      requests: row.requests,
      'wire calls': row.wireCalls,
      'direct req/s': Math.round(row.directRequestsPerSecond),
      'wire req/s': Math.round(row.wireRequestsPerSecond),
      'wire calls/s': Math.round(row.wireCallsPerSecond),
      'direct ÷ wire': Number((row.wireWallMs / row.directWallMs).toFixed(1)),
      'wire compression ×': Math.round(row.wireTimeCompression),
      'direct compression ×': Math.round(row.directTimeCompression),
    })),
  );
  console.log(
    `raw msw (openai client → msw → world, no engine): ${Math.round(result.rawMswCallsPerSecond)} calls/s; ` +
      `wire engine: ${Math.round(result.wireCallsPerSecond)} calls/s; raw ÷ wire = ${result.rawOverWire.toFixed(2)} (aim ≤ 1.5)`,
  );
}
