/** Hand-built runs and scenarios for the metrics tests. */
import { DOMAINS } from '../src/contracts/index.ts';
import { type RunResult, Status } from '../src/engine/types.ts';
import { researchRan } from '../src/metrics/research-not-run.ts';
import type { ResearchMetrics, SimulationMetrics } from '../src/metrics/types.ts';
import type { Scenario } from '../src/scenario/types.ts';

export interface Row {
  cost: number;
  score: number;
  /** NaN when failed. */
  latency: number;
  ttft?: number;
  status?: number;
  model?: number;
  flags?: number;
}

export function makeRun(name: string, rows: Row[], extra: Partial<RunResult> = {}): RunResult {
  return {
    name,
    family: 'baseline',
    knobValue: undefined,
    models: ['m0', 'm1'],
    columns: {
      cost: Float64Array.from(rows.map((row) => row.cost)),
      score: Float32Array.from(rows.map((row) => row.score)),
      latency: Float32Array.from(rows.map((row) => row.latency)),
      ttft: Float32Array.from(
        rows.map((row) => row.ttft ?? (Number.isNaN(row.latency) ? Number.NaN : row.latency / 2)),
      ),
      status: Uint8Array.from(rows.map((row) => row.status ?? Status.answered)),
      model: Uint8Array.from(rows.map((row) => row.model ?? 255)),
      flags: Uint8Array.from(rows.map((row) => row.flags ?? 0)),
    },
    shadowCostUsd: 0,
    decisionOverheadMs: new Float32Array(rows.length),
    ...extra,
  };
}

export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: 'metrics-test',
    description: '',
    seed: 1,
    durationMs: 3_600_000,
    windowMs: undefined,
    catalog: undefined,
    traffic: {
      arrival: { process: 'uniform', startRate: 1, stages: [], diurnal: undefined, bursts: [] },
      mix: [],
      tiers: [
        { name: 'free', weight: 1 },
        { name: 'pro', weight: 1 },
      ],
    },
    providers: {},
    models: ['m0', 'm1'],
    slo: { latencyMs: 1000 },
    reference: 'always-strongest',
    strategies: [
      { name: 'always-strongest', options: {} },
      { name: 'cascade', options: {} },
    ],
    thresholds: {},
    ...overrides,
  };
}

/** The research metrics of a run that computed them (throws for a `--no-research` run). */
export function researchOf(metrics: Pick<SimulationMetrics, 'research'>): ResearchMetrics {
  if (!researchRan(metrics.research)) throw new Error(`research not run: ${metrics.research.reason}`);
  return metrics.research;
}

/** Four requests over one hour: arrivals, domains (code, code, math, legal), tiers (free, pro, free, pro). */
export const FOUR_REQUESTS = {
  arrival: Float64Array.from([0, 30_000, 61_000, 3_599_999]),
  domain: Uint8Array.from(['code', 'code', 'math', 'legal'].map((name) => DOMAINS.indexOf(name as never))),
  tier: Uint8Array.from([0, 1, 0, 1]),
};

/** The reference over FOUR_REQUESTS: the strong model on each, $0.04, three of four right. */
export function strongestOfFour(): RunResult {
  return makeRun('always-strongest', [
    { cost: 0.04, score: 1, latency: 800, model: 1 },
    { cost: 0.04, score: 1, latency: 1200, model: 1 },
    { cost: 0.04, score: 1, latency: 900, model: 1 },
    { cost: 0.04, score: 0, latency: 1000, model: 1 },
  ]);
}
