/**
 * Paired (or block) bootstrap 95% intervals of each strategy's difference from the reference:
 * Δ mean cost per request (USD), Δ quality (points, ×100) and Δ nearest-rank p95 latency (ms).
 *
 * Cost: B resamples × n requests × strategies is ~2·10^9 weighted additions for the default
 * scenario, so each resample's weights are generated once and every strategy reuses them, and the
 * p95 walks each run's latencies pre-sorted from the top: only the top ~5% of the resample's
 * weight is ever visited. The per-request differences from the reference are taken in the loop,
 * not kept: an array of them per run and column was 16 B a request per compared run (≈ 3.4 GB
 * for a month's 30 M requests and 7 compared strategies), and the loop measured no slower without
 * them. The same subtraction in the same order gives the same numbers.
 */
import type { RunColumns } from '../engine/types.ts';
import { Status } from '../engine/types.ts';
import { nearestRank, selectInPlace } from './quantiles.ts';
import { fillWeights, type ResamplePlan } from './resample.ts';
import type { Interval } from './types.ts';

/** The columns the bootstrap reads. */
export type BootstrapColumns = Pick<RunColumns, 'cost' | 'score' | 'latency' | 'status'>;

export interface Differences {
  cost: Interval;
  quality: Interval;
  /** null when the strategy or the reference answered nothing. */
  p95: Interval | null;
}

/**
 * Answered requests of one run ordered by latency, slowest first, and the failed ones. A resample's
 * p95 only ever looks at the slowest ~5% (plus resampling noise), so only the slowest `share` is
 * sorted up front; a walk that runs past it (never seen in practice) sorts the rest on demand, so
 * the result is exact either way.
 */
export interface LatencyOrder {
  slowestFirst: Uint32Array;
  latencies: Float64Array;
  failed: Uint32Array;
  /** Every answered request, for the full sort on demand. */
  answered: Uint32Array;
  latency: Float32Array;
  complete: boolean;
}

/** Share of answered requests sorted up front: 3× the 5% tail the p95 needs. */
const SORTED_SHARE = 0.15;

export function latencyOrder(columns: BootstrapColumns): LatencyOrder {
  let answeredCount = 0;
  for (let index = 0; index < columns.status.length; index++)
    if (columns.status[index] === Status.answered) answeredCount++;
  const answered = new Uint32Array(answeredCount);
  const failed = new Uint32Array(columns.status.length - answeredCount);
  let answeredAt = 0;
  let failedAt = 0;
  for (let index = 0; index < columns.status.length; index++) {
    if (columns.status[index] === Status.answered) answered[answeredAt++] = index;
    else failed[failedAt++] = index;
  }
  const order: LatencyOrder = {
    slowestFirst: new Uint32Array(0),
    latencies: new Float64Array(0),
    failed,
    answered,
    latency: columns.latency,
    complete: false,
  };
  sortSlowest(order, Math.ceil(answeredCount * SORTED_SHARE));
  return order;
}

/** Sort (at least) the `count` slowest answered requests into slowestFirst. */
function sortSlowest(order: LatencyOrder, count: number): void {
  const all = order.answered;
  let chosen: Uint32Array;
  if (count >= all.length) {
    chosen = all.slice();
    order.complete = true;
  } else {
    // The cut-off: the count-th largest latency; take everything at or above it (ties included).
    const values = new Float64Array(all.length);
    for (let rank = 0; rank < all.length; rank++) values[rank] = order.latency[all[rank]!]!;
    const cutoff = selectInPlace(values, all.length - count);
    const picked: number[] = [];
    for (let rank = 0; rank < all.length; rank++)
      if (order.latency[all[rank]!]! >= cutoff) picked.push(all[rank]!);
    chosen = Uint32Array.from(picked);
    order.complete = chosen.length === all.length;
  }
  const latency = order.latency;
  const sorted = slowestFirst(chosen, latency);
  order.slowestFirst = sorted;
  order.latencies = Float64Array.from(sorted, (index) => latency[index]!);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `indices` by latency, slowest first, ties by index (so the order does not depend on the sort
 * algorithm). One native sort of 64-bit keys — a latency's float32 bits above the complement of
 * its index — instead of a comparator called from JavaScript: the same order (a non-negative
 * float's bits order as the float does), ≈ 14× faster on the 4.5 M slowest of a month's run
 * (`node bench/bootstrap-scale.bench.ts`).
 * Negative or NaN latencies, which the bits do not order, and big-endian hosts take the comparator.
 */
export function slowestFirst(indices: Uint32Array, latency: Float32Array): Uint32Array {
  const count = indices.length;
  const keys = new BigUint64Array(count);
  const words = new Uint32Array(keys.buffer);
  const bits = new Uint32Array(latency.buffer, latency.byteOffset, latency.length);
  let ordered = LITTLE_ENDIAN;
  for (let at = 0; at < count && ordered; at++) {
    const index = indices[at]!;
    const value = latency[index]!;
    if (!(value >= 0)) ordered = false;
    words[2 * at] = ~index >>> 0;
    // −0 is 0: the comparator ties them.
    words[2 * at + 1] = value === 0 ? 0 : bits[index]!;
  }
  if (!ordered)
    return Uint32Array.from(Array.from(indices).sort((a, b) => latency[b]! - latency[a]! || a - b));
  keys.sort();
  const sorted = new Uint32Array(count);
  for (let at = 0; at < count; at++) sorted[at] = ~words[2 * (count - 1 - at)]! >>> 0;
  return sorted;
}

/** Weighted nearest-rank p95 of the answered requests; NaN when their weight is 0. */
export function weightedP95(order: LatencyOrder, weights: Uint32Array, total: number): number {
  let answeredWeight = total;
  for (let index = 0; index < order.failed.length; index++) answeredWeight -= weights[order.failed[index]!]!;
  if (answeredWeight === 0) return Number.NaN;
  // The k-th smallest of m values is the (m − k + 1)-th largest.
  const fromTop = answeredWeight - nearestRank(0.95, answeredWeight) + 1;
  for (;;) {
    let seen = 0;
    for (let rank = 0; rank < order.slowestFirst.length; rank++) {
      seen += weights[order.slowestFirst[rank]!]!;
      if (seen >= fromTop) return order.latencies[rank]!;
    }
    if (order.complete) return Number.NaN;
    sortSlowest(order, order.answered.length);
  }
}

/** Unweighted nearest-rank p95 of answered latencies; NaN when none. */
export function plainP95(order: LatencyOrder): number {
  const count = order.answered.length;
  if (count === 0) return Number.NaN;
  const fromTop = count - nearestRank(0.95, count);
  if (fromTop >= order.slowestFirst.length) sortSlowest(order, count);
  return order.latencies[fromTop]!;
}

/**
 * Percentile interval: the ⌈0.025·B⌉-th and ⌈0.975·B⌉-th smallest of the first `count` values
 * (sorted in place); not significant when it contains 0.
 */
export function percentileInterval(estimate: number, values: Float64Array, count = values.length): Interval {
  const sorted = values.subarray(0, count).sort();
  const low = sorted[nearestRank(0.025, count) - 1]!;
  const high = sorted[nearestRank(0.975, count) - 1]!;
  return { estimate, low, high, significant: !(low <= 0 && high >= 0) };
}

/** The resampled statistics of resamples [from, to): per compared run, in resample order. */
export interface BootstrapDraws {
  cost: Float64Array[];
  quality: Float64Array[];
  /** Resamples where both p95s exist, first p95Counts[run] entries. */
  p95: Float64Array[];
  p95Counts: number[];
}

/**
 * Differences (strategy − reference) with intervals for every compared run, all over the same
 * resamples of `plan`. Every run must have plan.n requests.
 */
export function bootstrapDifferences(
  plan: ResamplePlan,
  reference: BootstrapColumns,
  compared: readonly BootstrapColumns[],
): Differences[] {
  return differencesFromDraws(plan, reference, compared, [bootstrapDraws(plan, reference, compared)]);
}

/**
 * The statistics of resamples [from, to) only. Resample b depends on (seed, b) alone, so ranges
 * can be drawn on different threads and joined (differencesFromDraws): the intervals are the
 * same numbers as drawing them all at once.
 */
export function bootstrapDraws(
  plan: ResamplePlan,
  reference: BootstrapColumns,
  compared: readonly BootstrapColumns[],
  from = 0,
  to = plan.resamples,
): BootstrapDraws {
  const n = plan.n;
  const referenceCost = reference.cost;
  const referenceScore = reference.score;
  const referenceOrder = latencyOrder(reference);
  const orders = compared.map(latencyOrder);
  const size = Math.max(0, to - from);
  const costDraws = compared.map(() => new Float64Array(size));
  const qualityDraws = compared.map(() => new Float64Array(size));
  const p95Draws = compared.map(() => new Float64Array(size));
  const p95Counts = new Array<number>(compared.length).fill(0);
  const weights = new Uint32Array(n);
  for (let resample = from; resample < to; resample++) {
    const slot = resample - from;
    const total = fillWeights(plan, resample, weights);
    const referenceP95 = weightedP95(referenceOrder, weights, total);
    // Two runs per pass over the weights: four independent sums keep the loop busy.
    for (let run = 0; run < compared.length; run += 2) {
      const second = Math.min(run + 1, compared.length - 1);
      const costsA = compared[run]!.cost;
      const scoresA = compared[run]!.score;
      const costsB = compared[second]!.cost;
      const scoresB = compared[second]!.score;
      let costSumA = 0;
      let scoreSumA = 0;
      let costSumB = 0;
      let scoreSumB = 0;
      for (let index = 0; index < n; index++) {
        const weight = weights[index]!;
        const referenceCostAt = referenceCost[index]!;
        const referenceScoreAt = referenceScore[index]!;
        costSumA += weight * (costsA[index]! - referenceCostAt);
        scoreSumA += weight * (scoresA[index]! - referenceScoreAt);
        costSumB += weight * (costsB[index]! - referenceCostAt);
        scoreSumB += weight * (scoresB[index]! - referenceScoreAt);
      }
      const divisor = total === 0 ? 1 : total;
      costDraws[run]![slot] = costSumA / divisor;
      qualityDraws[run]![slot] = (100 * scoreSumA) / divisor;
      costDraws[second]![slot] = costSumB / divisor;
      qualityDraws[second]![slot] = (100 * scoreSumB) / divisor;
    }
    for (let run = 0; run < compared.length; run++) {
      const p95 = weightedP95(orders[run]!, weights, total) - referenceP95;
      if (!Number.isNaN(p95)) p95Draws[run]![p95Counts[run]!++] = p95;
    }
  }
  return { cost: costDraws, quality: qualityDraws, p95: p95Draws, p95Counts };
}

/** Intervals from the draws of every resample (`parts` in any split, together covering them all). */
export function differencesFromDraws(
  plan: ResamplePlan,
  reference: BootstrapColumns,
  compared: readonly BootstrapColumns[],
  parts: readonly BootstrapDraws[],
): Differences[] {
  const n = plan.n;
  const referenceP95 = plainP95(latencyOrder(reference));
  return compared.map((run, index) => {
    const costDifferenceSum = sumOfDifferences(run.cost, reference.cost);
    const scoreDifferenceSum = sumOfDifferences(run.score, reference.score);
    const p95Estimate = plainP95(latencyOrder(run)) - referenceP95;
    const costDraws = joinDraws(parts.map((part) => part.cost[index]!));
    const qualityDraws = joinDraws(parts.map((part) => part.quality[index]!));
    const p95Draws = joinDraws(parts.map((part) => part.p95[index]!.subarray(0, part.p95Counts[index]!)));
    return {
      cost: percentileInterval(costDifferenceSum / Math.max(1, n), costDraws),
      quality: percentileInterval((100 * scoreDifferenceSum) / Math.max(1, n), qualityDraws),
      p95:
        Number.isNaN(p95Estimate) || p95Draws.length === 0
          ? null
          : percentileInterval(p95Estimate, p95Draws, p95Draws.length),
    };
  });
}

/** The draws of several parts (workers' resample ranges) end to end, in part order. */
export function joinDraws(arrays: readonly Float64Array[]): Float64Array {
  if (arrays.length === 1) return arrays[0]!;
  const out = new Float64Array(arrays.reduce((total, array) => total + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}

/** Σ (values[i] − reference[i]), summed in request order (no array of the differences is made). */
export function sumOfDifferences(values: ArrayLike<number>, reference: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index]! - reference[index]!;
  return total;
}
