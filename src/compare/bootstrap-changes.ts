/**
 * Bootstrap intervals of current − baseline per strategy (pure: no I/O, no clock).
 *
 * Paired (same request stream): one set of resampled request indices per resample, shared by
 * both runs and every strategy, so per-request noise common to both runs cancels. Unpaired: each
 * run is resampled on its own (its own seed), again shared by every strategy of that run.
 * Statistics: Δ mean cost per request (USD), Δ quality (points), Δ nearest-rank p95 latency (ms);
 * 95% percentile intervals with nearest-rank ranks ⌈0.025·B⌉ and ⌈0.975·B⌉.
 */
import { percentileInterval } from '../metrics/bootstrap.ts';
import { blockPlan, fillWeights, pairedPlan } from '../metrics/resample.ts';
import type { Interval } from '../metrics/types.ts';
import { hashKey } from '../world/random.ts';
import { type LatencyOrder, latencyOrder, plainP95, weightedP95 } from './latency-order.ts';
import type { CompareMethod } from './types.ts';

/** One run's columns of one strategy (row i = request i). */
export interface ChangeColumns {
  /** USD per request. */
  cost: ArrayLike<number>;
  /** Score in [0, 1], 0 when failed. */
  score: ArrayLike<number>;
  /** ms, ignored when not answered. */
  latency: ArrayLike<number>;
  /** 0 = answered (engine Status). */
  status: Uint8Array;
}

export interface RunValues {
  /** Mean cost per request, USD; null for an empty run. */
  cost: number | null;
  /** Mean score in [0, 1]; null for an empty run. */
  quality: number | null;
  /** Nearest-rank p95 latency of answered requests, ms; null when none was answered. */
  p95: number | null;
}

export interface StrategyChanges {
  baseline: RunValues;
  current: RunValues;
  /** Δ mean cost per request, USD; null when a run is empty. */
  cost: Interval | null;
  /** Δ quality, points (×100). */
  quality: Interval | null;
  /** Δ p95, ms; null when either run answered nothing. */
  p95: Interval | null;
}

export interface BootstrapChangesOptions {
  /** paired-bootstrap needs every current column aligned row by row with the baseline's. */
  method: CompareMethod;
  /** Resamples B. @default 2000 */
  resamples?: number;
  seed: number;
  /**
   * Block bootstrap (metrics.md): resample whole windows of virtual time of this length instead
   * of requests; needs the runs' arrival times (paired: the baseline's, rows are aligned).
   */
  block?: { ms: number; baselineArrival: Float64Array; currentArrival: Float64Array };
}

/** Stream key of the current run's draws in the unpaired bootstrap (apart from resample.ts's 101). */
const UNPAIRED_CURRENT_STREAM = 102;

interface Prepared {
  baseline: ChangeColumns;
  current: ChangeColumns;
  baselineOrder: LatencyOrder;
  currentOrder: LatencyOrder;
  /**
   * Paired only: per-request current − baseline. With shared weights the mean of the differences
   * equals the difference of the means, in half the passes.
   */
  costDifference?: Float64Array;
  scoreDifference?: Float64Array;
}

export function bootstrapChanges(
  pairs: readonly { baseline: ChangeColumns; current: ChangeColumns }[],
  options: BootstrapChangesOptions,
): StrategyChanges[] {
  const resamples = options.resamples ?? 2000;
  const paired = options.method === 'paired-bootstrap';
  const baselineN = pairs[0]?.baseline.status.length ?? 0;
  const currentN = pairs[0]?.current.status.length ?? 0;
  if (paired && baselineN !== currentN) {
    throw new RangeError(`paired bootstrap needs equal run lengths, got ${baselineN} and ${currentN}`);
  }
  const prepared: Prepared[] = pairs.map(({ baseline, current }) => ({
    baseline,
    current,
    baselineOrder: latencyOrder(baseline.status, baseline.latency),
    currentOrder: latencyOrder(current.status, current.latency),
    ...(paired
      ? {
          costDifference: difference(current.cost, baseline.cost),
          scoreDifference: difference(current.score, baseline.score),
        }
      : {}),
  }));
  const block = options.block;
  const currentSeed = hashKey(options.seed, UNPAIRED_CURRENT_STREAM);
  const baselinePlan =
    block === undefined
      ? pairedPlan(baselineN, options.seed, resamples)
      : blockPlan(block.baselineArrival, block.ms, options.seed, resamples);
  const currentPlan = paired
    ? baselinePlan
    : block === undefined
      ? pairedPlan(currentN, currentSeed, resamples)
      : blockPlan(block.currentArrival, block.ms, currentSeed, resamples);
  const baselineWeights = new Uint32Array(baselineN);
  const currentWeights = paired ? baselineWeights : new Uint32Array(currentN);
  const costDraws = prepared.map(() => new Float64Array(resamples));
  const qualityDraws = prepared.map(() => new Float64Array(resamples));
  const p95Draws = prepared.map(() => new Float64Array(resamples));
  const p95Counts = new Array<number>(prepared.length).fill(0);
  const canResample = baselineN > 0 && currentN > 0;
  for (let resample = 0; canResample && resample < resamples; resample++) {
    const baselineTotal = fillWeights(baselinePlan, resample, baselineWeights);
    const currentTotal = paired ? baselineTotal : fillWeights(currentPlan, resample, currentWeights);
    prepared.forEach((entry, index) => {
      let costChange: number;
      let qualityChange: number;
      if (entry.costDifference !== undefined && entry.scoreDifference !== undefined) {
        [costChange, qualityChange] = weightedMeans(
          entry.costDifference,
          entry.scoreDifference,
          baselineWeights,
          baselineTotal,
        );
      } else {
        const [baselineCost, baselineScore] = weightedMeans(
          entry.baseline.cost,
          entry.baseline.score,
          baselineWeights,
          baselineTotal,
        );
        const [currentCost, currentScore] = weightedMeans(
          entry.current.cost,
          entry.current.score,
          currentWeights,
          currentTotal,
        );
        costChange = currentCost - baselineCost;
        qualityChange = currentScore - baselineScore;
      }
      costDraws[index]![resample] = costChange;
      qualityDraws[index]![resample] = 100 * qualityChange;
      const p95 =
        weightedP95(entry.currentOrder, currentWeights, currentTotal) -
        weightedP95(entry.baselineOrder, baselineWeights, baselineTotal);
      if (!Number.isNaN(p95)) p95Draws[index]![p95Counts[index]!++] = p95;
    });
  }
  return prepared.map((entry, index) => {
    const baseline = runValues(entry.baseline, entry.baselineOrder);
    const current = runValues(entry.current, entry.currentOrder);
    const p95Count = p95Counts[index]!;
    return {
      baseline,
      current,
      cost:
        canResample && baseline.cost !== null && current.cost !== null
          ? percentileInterval(current.cost - baseline.cost, costDraws[index]!)
          : null,
      quality:
        canResample && baseline.quality !== null && current.quality !== null
          ? percentileInterval(100 * (current.quality - baseline.quality), qualityDraws[index]!)
          : null,
      p95:
        baseline.p95 !== null && current.p95 !== null && p95Count > 0
          ? percentileInterval(current.p95 - baseline.p95, p95Draws[index]!, p95Count)
          : null,
    };
  });
}

function runValues(columns: ChangeColumns, order: LatencyOrder): RunValues {
  const n = columns.status.length;
  const p95 = plainP95(order);
  return {
    cost: n === 0 ? null : sum(columns.cost) / n,
    quality: n === 0 ? null : sum(columns.score) / n,
    p95: Number.isNaN(p95) ? null : p95,
  };
}

/** Σ weight·value / total of two columns. */
function weightedMeans(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  weights: Uint32Array,
  total: number,
): [number, number] {
  // Both sums in one pass over the weights: the loop is memory-bound.
  let firstSum = 0;
  let secondSum = 0;
  for (let index = 0; index < weights.length; index++) {
    const weight = weights[index]!;
    firstSum += weight * first[index]!;
    secondSum += weight * second[index]!;
  }
  return [firstSum / total, secondSum / total];
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index]!;
  return total;
}

function difference(values: ArrayLike<number>, reference: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) out[index] = values[index]! - reference[index]!;
  return out;
}
