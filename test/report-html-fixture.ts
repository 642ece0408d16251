/**
 * Hand-made results documents for the HTML report tests: small, with numbers chosen so the
 * expected sentences can be worked out by hand (no simulation involved).
 */
import type { Interval, ResearchMetrics, SliceMetrics, StrategyMetrics } from '../src/metrics/types.ts';
import type { ResultsDocument } from '../src/report/html/results-document.ts';

export const interval = (estimate: number, low: number, high: number): Interval => ({
  estimate,
  low,
  high,
  significant: !(low <= 0 && high >= 0),
});

const noFailures = {
  'rate-limited': 0,
  'server-error': 0,
  timeout: 0,
  network: 0,
  'context-length': 0,
  ungraded: 0,
  other: 0,
};

export interface StrategyShape {
  name: string;
  /** USD per request. */
  perRequestUsd: number;
  quality: number;
  p95: number;
  answeredRate?: number;
  kind?: StrategyMetrics['kind'];
  difference?: StrategyMetrics['difference'];
  savings?: number | null;
  relative?: number | null;
  /** Per-window answered rates (four windows of 100 requests). */
  answered?: (number | null)[];
  models?: Record<string, number>;
}

export function strategy(shape: StrategyShape): StrategyMetrics {
  const requestCount = 400;
  const answered = shape.answered ?? [1, 1, 1, 1];
  const models = shape.models ?? { 'model-a': 1 };
  const slice: SliceMetrics = {
    requestCount,
    cost: {
      totalUsd: shape.perRequestUsd * requestCount,
      perRequestUsd: shape.perRequestUsd,
      per1kUsd: shape.perRequestUsd * 1000,
      perDayUsd: shape.perRequestUsd * 86_400,
      perMonthUsd: shape.perRequestUsd * 86_400 * 30,
      shadowUsd: 0,
    },
    savings: shape.savings ?? null,
    quality: { mean: shape.quality, relative: shape.relative ?? null },
    answeredRate: shape.answeredRate ?? 1,
    goodput: null,
    latency: {
      count: 400,
      p50: shape.p95 / 2,
      p90: shape.p95 * 0.9,
      p95: shape.p95,
      p99: shape.p95 * 1.5,
      max: shape.p95 * 2,
      ttftP50: null,
      ttftP95: null,
    },
    failures: noFailures,
    escalationRate: 0,
    fallbackRate: 0,
    modelShare: Object.fromEntries(
      Object.entries(models).map(([model, share]) => [model, { count: Math.round(share * 400), share }]),
    ),
  };
  return {
    ...slice,
    name: shape.name,
    family: 'baseline',
    kind: shape.kind ?? 'strategy',
    slices: { domain: {}, tier: {} },
    difference: shape.difference ?? null,
    series: {
      startMs: [0, 60_000, 120_000, 180_000],
      requests: [100, 100, 100, 100],
      costUsd: [0.1, 0.1, 0.1, 0.1],
      answeredRate: answered,
      errorRate: answered.map((rate) => (rate === null ? null : 1 - rate)),
      p95: [shape.p95, shape.p95, shape.p95, shape.p95],
    },
  };
}

/** A results document whose research ran (the fixture's): its research figures typed as such. */
export type ResultsWithResearch = ResultsDocument & { research: ResearchMetrics };

/** A 4-minute run: reference "strong", a cheaper "router", a single model; one outage 1m–2m. */
export function resultsDocument(
  overrides: { name?: string; strategies?: StrategyMetrics[]; tier?: string; model?: string } = {},
): ResultsWithResearch {
  const model = overrides.model ?? 'model-a';
  const strategies = overrides.strategies ?? [
    strategy({
      name: 'strong',
      perRequestUsd: 0.004,
      quality: 0.9,
      p95: 4000,
      answered: [1, 0.5, 1, 1],
      models: { [model]: 1 },
    }),
    strategy({
      name: 'router',
      perRequestUsd: 0.001,
      quality: 0.88,
      p95: 2000,
      savings: 0.75,
      relative: 0.88 / 0.9,
      answered: [1, 0.99, 1, 1],
      models: { [model]: 0.5, 'model-b': 0.5 },
      difference: {
        cost: interval(-0.003, -0.0032, -0.0028),
        quality: interval(-2, -2.5, -1.5),
        p95: interval(-2000, -2300, -1700),
      },
    }),
    strategy({
      name: `always-${model}`,
      kind: 'single',
      perRequestUsd: 0.0005,
      quality: 0.7,
      p95: 1000,
      models: { [model]: 1 },
      difference: {
        cost: interval(-0.0035, -0.0036, -0.0034),
        quality: interval(-20, -22, -18),
        p95: interval(-3000, -3100, -2900),
      },
    }),
  ];
  const name = overrides.name ?? 'Fixture run';
  return {
    schemaVersion: 1,
    provenance: {
      routesim: '0.1.0',
      node: 'v24.0.0',
      seed: 11,
      scenarioFile: 'fixture.yaml',
      scenarioSha256: 'a'.repeat(64),
      catalogSha256: 'b'.repeat(64),
      requestStreamSha256: 'c'.repeat(64),
      inputs: [],
    },
    scenario: {
      version: 1,
      name,
      description: `About ${name}`,
      seed: 11,
      durationMs: 240_000,
      windowMs: 60_000,
      catalog: undefined,
      traffic: {
        arrival: {
          process: 'poisson',
          startRate: 100 / 60,
          stages: [{ durationMs: 240_000, target: 100 / 60 }],
          diurnal: undefined,
          bursts: [],
        },
        mix: [{ domain: 'code', weight: 1 }],
        tiers: [{ name: overrides.tier ?? 'free', weight: 1 }],
      },
      providers: { acme: { models: [model, 'model-b'], faults: [] } },
      models: [model, 'model-b'],
      slo: undefined,
      reference: 'strong',
      strategies: [
        { name: 'strong', options: {} },
        { name: 'router', options: { threshold: 0.5 } },
      ],
      thresholds: {},
    },
    requestCount: 400,
    durationMs: 240_000,
    window: { ms: 60_000, count: 4 },
    reference: 'strong',
    units: [],
    strategies,
    oracle: {
      cost: {
        totalUsd: 0.2,
        perRequestUsd: 0.0005,
        per1kUsd: 0.5,
        perDayUsd: 43.2,
        perMonthUsd: 1296,
        shadowUsd: 0,
      },
      quality: 0.95,
      modelShare: { [model]: { count: 400, share: 1 } },
    },
    research: {
      knobbed: [
        {
          strategy: 'router',
          knob: 'threshold',
          weak: model,
          strong: 'model-b',
          rWeak: 0.6,
          rStrong: 0.8,
          points: [
            { value: 0.3, c: 0.25, r: 0.7, pgr: 0.5 },
            { value: 0.5, c: 0.5, r: 0.74, pgr: 0.7 },
            { value: 0.7, c: 0.75, r: 0.79, pgr: 0.95 },
          ],
          apgr: 0.6625,
          cpt50: 0.25,
          cpt80: 0.6,
          nullReason: null,
        },
      ],
      costQualityPoints: [
        { name: 'strong', kind: 'strategy', group: 'strong', costPerRequestUsd: 0.004, quality: 0.9 },
        { name: 'router', kind: 'strategy', group: 'router', costPerRequestUsd: 0.001, quality: 0.88 },
        {
          name: `always-${model}`,
          kind: 'single',
          group: `always-${model}`,
          costPerRequestUsd: 0.0005,
          quality: 0.7,
        },
      ],
      ndch: {
        strong: [{ costPerRequestUsd: 0.004, quality: 0.9 }],
        router: [{ costPerRequestUsd: 0.001, quality: 0.88 }],
      },
      aiq: { interval: [0.0005, 0.004], byStrategy: { strong: 0.2, router: 0.8 }, zeroRouter: 0.7 },
      zeroRouter: [{ costPerRequestUsd: 0.0005, quality: 0.7 }],
      oracle: { costPerRequestUsd: 0.0005, quality: 0.95 },
    },
    intervals: { method: 'paired-bootstrap', resamples: 2000, level: 0.95, seed: 11 },
    thresholds: [],
    faults: [{ kind: 'error', provider: 'acme', startMs: 60_000, endMs: 120_000, status: 503 }],
  };
}
