/**
 * The operational metrics of one run over a set of requests (the whole stream or a slice):
 * cost, quality, answered rate, goodput, latency, failures, escalation/fallback, model share.
 * Summation runs in request order, so results are identical run to run.
 */
import { Flag, type RunColumns, STATUS_NAMES, Status } from '../engine/types.ts';
import type { ShadowRun } from '../strategies/shadow.ts';
import { maximum, quantilesInPlace } from './quantiles.ts';
import type {
  CostMetrics,
  FailureKind,
  LatencySummary,
  ModelShare,
  ShadowMetrics,
  SliceMetrics,
} from './types.ts';

const DAY_MS = 86_400_000;
const LATENCY_QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

export interface SummaryContext {
  /** Virtual duration of the scenario, ms (for per-day projections). */
  durationMs: number;
  /** scenario.slo.latencyMs; undefined → goodput null. */
  sloMs: number | undefined;
}

/** Failure counts with every kind present, in STATUS_NAMES order. */
export function emptyFailures(): Record<FailureKind, number> {
  const out = {} as Record<FailureKind, number>;
  for (const name of STATUS_NAMES) if (name !== 'answered') out[name] = 0;
  return out;
}

/**
 * Cost figures for `totalUsd` over `count` requests; per day = total × 24 h / duration (the mean
 * arrival rate requests/duration times the mean cost per request), per month = 30 days.
 */
export function costMetrics(totalUsd: number, count: number, durationMs: number, shadowUsd = 0): CostMetrics {
  const perRequestUsd = count === 0 ? 0 : totalUsd / count;
  const perDayUsd = durationMs > 0 ? (totalUsd * DAY_MS) / durationMs : 0;
  return {
    totalUsd,
    perRequestUsd,
    per1kUsd: perRequestUsd * 1000,
    perDayUsd,
    perMonthUsd: perDayUsd * 30,
    shadowUsd,
  };
}

/**
 * Metrics of `columns` over `indices` (ascending request indices), or over every request when
 * null. Savings and relative quality are left null: they need the reference (see withReference).
 */
export function summarize(
  columns: RunColumns,
  models: readonly string[],
  indices: Uint32Array | null,
  context: SummaryContext,
): SliceMetrics {
  const count = indices === null ? columns.cost.length : indices.length;
  const latencies = new Float64Array(count);
  const ttfts = new Float64Array(count);
  const failures = emptyFailures();
  const modelCounts = new Array<number>(models.length).fill(0);
  let costSum = 0;
  let scoreSum = 0;
  let answered = 0;
  let withTtft = 0;
  let withinSlo = 0;
  let escalated = 0;
  let fellBack = 0;
  const slo = context.sloMs ?? Number.POSITIVE_INFINITY;
  for (let position = 0; position < count; position++) {
    const index = indices === null ? position : indices[position]!;
    costSum += columns.cost[index]!;
    scoreSum += columns.score[index]!;
    const flags = columns.flags[index]!;
    if ((flags & Flag.escalated) !== 0) escalated++;
    if ((flags & Flag.fallback) !== 0) fellBack++;
    const status = columns.status[index]!;
    if (status !== Status.answered) {
      failures[(STATUS_NAMES[status] ?? 'other') as FailureKind]++;
      continue;
    }
    const latency = columns.latency[index]!;
    latencies[answered++] = latency;
    if (latency <= slo) withinSlo++;
    const ttft = columns.ttft[index]!;
    if (!Number.isNaN(ttft)) ttfts[withTtft++] = ttft;
    const model = columns.model[index]!;
    if (model < models.length) modelCounts[model]!++;
  }
  const modelShare: Record<string, ModelShare> = {};
  models.forEach((model, position) => {
    const modelCount = modelCounts[position]!;
    modelShare[model] = { count: modelCount, share: answered === 0 ? 0 : modelCount / answered };
  });
  return {
    requestCount: count,
    cost: costMetrics(costSum, count, context.durationMs),
    savings: null,
    quality: { mean: count === 0 ? 0 : scoreSum / count, relative: null },
    answeredRate: count === 0 ? 0 : answered / count,
    goodput: context.sloMs === undefined ? null : count === 0 ? 0 : withinSlo / count,
    latency: latencySummary(latencies, answered, ttfts, withTtft),
    failures,
    escalationRate: count === 0 ? 0 : escalated / count,
    fallbackRate: count === 0 ? 0 : fellBack / count,
    modelShare,
  };
}

function latencySummary(
  latencies: Float64Array,
  count: number,
  ttfts: Float64Array,
  ttftCount: number,
): LatencySummary | null {
  if (count === 0) return null;
  const max = maximum(latencies, count)!;
  const [p50, p90, p95, p99] = quantilesInPlace(latencies, LATENCY_QUANTILES, count);
  const [ttftP50, ttftP95] = quantilesInPlace(ttfts, [0.5, 0.95], ttftCount);
  return {
    count,
    p50: p50!,
    p90: p90!,
    p95: p95!,
    p99: p99!,
    max,
    ttftP50: ttftP50 ?? null,
    ttftP95: ttftP95 ?? null,
  };
}

/** Fill savings and relative quality against the reference's metrics over the same requests. */
export function withReference(metrics: SliceMetrics, reference: SliceMetrics | undefined): SliceMetrics {
  if (reference === undefined) return metrics;
  const referenceCost = reference.cost.totalUsd;
  const referenceQuality = reference.quality.mean;
  return {
    ...metrics,
    savings: referenceCost > 0 ? 1 - metrics.cost.totalUsd / referenceCost : null,
    quality: {
      mean: metrics.quality.mean,
      relative: referenceQuality > 0 ? metrics.quality.mean / referenceQuality : null,
    },
  };
}

/** z of a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * 95% Wilson score interval of a proportion `successes / trials`: unlike the normal
 * approximation it stays inside [0, 1] and is not degenerate at 0 or n successes, which matters
 * for a shadow sample of a few dozen requests. Null when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const rate = successes / trials;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / trials;
  const centre = (rate + z2 / (2 * trials)) / denominator;
  const half = (Z95 / denominator) * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials));
  // At 0 or n successes the bound is exactly 0 or 1; rounding would leave 1e-17 or 0.9999999999999999.
  return {
    low: successes <= 0 ? 0 : Math.max(0, centre - half),
    high: successes >= trials ? 1 : Math.min(1, centre + half),
  };
}

/** A run's shadow counts with the disagreement rate and its 95% Wilson interval. */
export function shadowMetrics(run: ShadowRun): ShadowMetrics {
  return {
    reference: run.reference,
    share: run.share,
    sampled: run.sampled,
    compared: run.compared,
    disagreed: run.disagreed,
    routedFailed: run.routedFailed,
    referenceFailed: run.referenceFailed,
    disagreementRate: run.compared === 0 ? null : run.disagreed / run.compared,
    disagreementInterval: wilsonInterval(run.disagreed, run.compared),
  };
}
