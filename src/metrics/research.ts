/**
 * Assemble the routing-research metrics from per-run summaries: APGR/CPT per knobbed strategy,
 * the cost–quality points, NDCH per strategy, AIQ over the common cost interval, the zero router
 * (NDCH of the single models) and the oracle point. A knob whose sweep beats its own strong model
 * (PGR > 1) is flagged with `strongNotBest` (metrics.md).
 */
import { Flag } from '../engine/types.ts';
import { knobMetrics } from './apgr.ts';
import { averageImprovementInQuality, costInterval, nonDecreasingHull } from './hull.ts';
import type {
  CostQualityPoint,
  HullPoint,
  KnobbedMetrics,
  ResearchMetrics,
  RunKind,
  StrongNotBest,
} from './types.ts';

/** What research needs of a run. */
export interface ResearchRun {
  name: string;
  kind: RunKind;
  /** Scenario strategy of a sweep point (its own name otherwise). */
  group: string;
  knobValue: number | undefined;
  knob: { name: string; weak: string; strong: string } | undefined;
  /** Share of requests with the strongCalled flag (strongCallShare of its flags): APGR's c. */
  strongCallShare: number;
  costPerRequestUsd: number;
  quality: number;
}

/** Share of requests with the strongCalled flag: APGR's c. */
export function strongCallShare(flags: Uint8Array): number {
  if (flags.length === 0) return 0;
  let called = 0;
  for (let index = 0; index < flags.length; index++) if ((flags[index]! & Flag.strongCalled) !== 0) called++;
  return called / flags.length;
}

function qualityOf(runs: readonly ResearchRun[], name: string): number | null {
  const run =
    runs.find((candidate) => candidate.name === name && candidate.kind === 'single') ??
    runs.find((candidate) => candidate.name === name);
  return run === undefined ? null : run.quality;
}

function knobbed(runs: readonly ResearchRun[], strategy: ResearchRun): KnobbedMetrics | undefined {
  const knob = strategy.knob;
  if (knob === undefined) return undefined;
  const sweep = runs
    .filter((run) => run.kind === 'sweep' && run.group === strategy.name && run.knobValue !== undefined)
    .sort((a, b) => a.knobValue! - b.knobValue!);
  const points = sweep.map((run) => ({
    value: run.knobValue!,
    c: run.strongCallShare,
    r: run.quality,
  }));
  const rWeak = qualityOf(runs, `always-${knob.weak}`);
  const rStrong = qualityOf(runs, `always-${knob.strong}`);
  const base = {
    strategy: strategy.name,
    knob: knob.name,
    weak: knob.weak,
    strong: knob.strong,
    rWeak,
    rStrong,
  };
  const undefinedMetrics = (nullReason: string) => ({
    ...base,
    points: points.map((point) => ({ ...point, pgr: null })),
    apgr: null,
    cpt50: null,
    cpt80: null,
    nullReason,
  });
  if (rWeak === null) return undefinedMetrics(`no always-${knob.weak} run to measure r_weak/r_strong`);
  if (rStrong === null) return undefinedMetrics(`no always-${knob.strong} run to measure r_weak/r_strong`);
  const result = knobMetrics(points, rWeak, rStrong);
  if (!result.ok) return undefinedMetrics(result.reason);
  const withPgr = points.map((point, index) => ({ ...point, pgr: result.pgr[index]! }));
  return {
    ...base,
    points: withPgr,
    apgr: result.apgr,
    cpt50: result.cpt50,
    cpt80: result.cpt80,
    nullReason: null,
    strongNotBest: strongNotBest(runs, strategy.name, knob, rStrong, withPgr),
  };
}

/** The PGR > 1 flag (metrics.md: say the strong model is not the best, never show it as a success). */
export function strongNotBest(
  runs: readonly ResearchRun[],
  strategy: string,
  knob: { name: string; strong: string },
  rStrong: number,
  points: readonly { value: number; r: number; pgr: number }[],
): StrongNotBest | null {
  let top: { value: number; r: number; pgr: number } | undefined;
  for (const point of points) if (point.pgr > 1 && (top === undefined || point.pgr > top.pgr)) top = point;
  if (top === undefined) return null;
  let best: ResearchRun | undefined;
  for (const run of runs)
    if (run.kind === 'single' && (best === undefined || run.quality > best.quality)) best = run;
  const bestModel =
    best === undefined ? null : { model: best.name.replace(/^always-/, ''), quality: best.quality };
  return {
    maxPgr: top.pgr,
    at: top.value,
    quality: top.r,
    bestModel,
    reason: strongNotBestReason(strategy, knob, rStrong, top, bestModel),
  };
}

const toHull = (point: HullPoint): HullPoint => ({
  costPerRequestUsd: point.costPerRequestUsd,
  quality: point.quality,
});

export function researchMetrics(runs: readonly ResearchRun[], oracle: HullPoint): ResearchMetrics {
  const costQualityPoints: CostQualityPoint[] = runs.map((run) => ({
    name: run.name,
    kind: run.kind,
    group: run.group,
    costPerRequestUsd: run.costPerRequestUsd,
    quality: run.quality,
  }));
  const interval = costInterval(costQualityPoints);
  const zeroRouter = nonDecreasingHull(
    costQualityPoints.filter((point) => point.kind === 'single').map(toHull),
  );
  const ndch: Record<string, HullPoint[]> = {};
  const byStrategy: Record<string, number> = {};
  for (const run of runs) {
    if (run.kind !== 'strategy') continue;
    const hull = nonDecreasingHull(costQualityPoints.filter((point) => point.group === run.name).map(toHull));
    ndch[run.name] = hull;
    byStrategy[run.name] = averageImprovementInQuality(hull, interval[0], interval[1]);
  }
  const knobbedMetrics: KnobbedMetrics[] = [];
  for (const run of runs) {
    if (run.kind !== 'strategy') continue;
    const metrics = knobbed(runs, run);
    if (metrics !== undefined) knobbedMetrics.push(metrics);
  }
  return {
    knobbed: knobbedMetrics,
    costQualityPoints,
    ndch,
    aiq: {
      interval,
      byStrategy,
      zeroRouter: averageImprovementInQuality(zeroRouter, interval[0], interval[1]),
    },
    zeroRouter,
    oracle: toHull(oracle),
  };
}

/** The flag in words: a better single model exists, or a mix of models beats the best one. */
export function strongNotBestReason(
  strategy: string,
  knob: { name: string; strong: string },
  rStrong: number,
  top: { value: number; r: number; pgr: number },
  bestModel: { model: string; quality: number } | null,
): string {
  const head =
    `${strategy} at ${knob.name} ${top.value} scores ${top.r.toFixed(3)}, above always-${knob.strong} ` +
    `(r_strong ${rStrong.toFixed(3)}): PGR ${top.pgr.toFixed(2)} > 1.`;
  if (bestModel !== null && bestModel.quality > rStrong) {
    return (
      `${head} The strong model is not the best on this traffic (the best single model here is ` +
      `${bestModel.model}, ${bestModel.quality.toFixed(3)}), so PGR and APGR above 1 measure a weak yardstick, not a success.`
    );
  }
  return (
    `${head} ${knob.strong} is the best single model here, but not the best answer on this traffic: a mix ` +
    'of models beats it (they are right on different requests). PGR above 1 measures that complementarity, ' +
    'not a cheaper way to match the strong model; APGR above 1 would not be a success.'
  );
}
