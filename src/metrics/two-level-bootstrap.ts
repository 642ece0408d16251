/**
 * The two-level bootstrap of `--seeds k` (metrics.md, "Significance"): each resample first draws
 * k world seeds with replacement, then resamples the requests (the same indices for the reference
 * and every compared strategy: still paired). The
 * resample's statistic is the mean over its k drawn seeds of the per-seed statistic (Δ mean cost
 * per request, USD; Δ quality, points; Δ nearest-rank p95, ms), matching the point estimate, which
 * is the mean over the k seeds of each seed's difference. The interval's ends are the nearest-rank
 * ⌈0.025·B⌉-th and ⌈0.975·B⌉-th smallest resampled values, as for the one-level bootstrap.
 *
 * The worlds are crossed with the requests, not nested in them: every world runs the same
 * requests (the stream is not re-drawn), so a resample draws ONE request resample (the
 * one-level bootstrap's, fillWeights(plan, b)) and applies it to every drawn world. Drawing fresh
 * requests per world would treat k worlds as k·n distinct requests and shrink the request part of
 * the interval by √k although only n requests were ever seen.
 *
 * Keys: world t of resample b is seed ⌊hashKey(plan.seed, SEED_DRAW_STREAM, b, t) · k / 2^32⌋.
 * With k = 1 no world is drawn (there is only seed 0) and every number equals
 * bootstrapDifferences' to the bit. The block bootstrap works the same way (blocks of virtual
 * time instead of requests).
 */
import { hashKey } from '../contracts/index.ts';
import {
  type BootstrapColumns,
  type BootstrapDraws,
  type Differences,
  joinDraws,
  type LatencyOrder,
  latencyOrder,
  percentileInterval,
  plainP95,
  sumOfDifferences,
  weightedP95,
} from './bootstrap.ts';
import { fillWeights, type ResamplePlan } from './resample.ts';

/** Stream key of the world-seed draws (the request resamples' is 101, resample.ts). */
const SEED_DRAW_STREAM = 102;

/** One world seed's runs: the reference and the compared strategies, in the same order every seed. */
export interface SeedRuns {
  reference: BootstrapColumns;
  compared: readonly BootstrapColumns[];
}

/** Seed index drawn at position `position` of resample `resample` (uniform over k seeds). */
export function drawnSeed(plan: ResamplePlan, seeds: number, resample: number, position: number): number {
  if (seeds === 1) return 0;
  return Math.floor((hashKey(plan.seed, SEED_DRAW_STREAM, resample, position) * seeds) / 4294967296);
}

/**
 * Differences (strategy − reference) with two-level intervals, one per compared strategy. `seeds`
 * holds every world seed's runs (seed 0 first); every run has plan.n requests.
 */
export function twoLevelDifferences(plan: ResamplePlan, seeds: readonly SeedRuns[]): Differences[] {
  return twoLevelFromDraws(plan, seeds, [twoLevelDraws(plan, seeds)]);
}

/**
 * The two-level statistics of resamples [from, to) only. Resample b depends on (plan.seed, b)
 * alone, so ranges can be drawn on different threads and joined (twoLevelFromDraws): the same
 * numbers as drawing them all at once.
 */
export function twoLevelDraws(
  plan: ResamplePlan,
  seeds: readonly SeedRuns[],
  from = 0,
  to = plan.resamples,
): BootstrapDraws {
  const k = seeds.length;
  if (k === 0) throw new RangeError('the two-level bootstrap needs at least one world seed');
  const runCount = seeds[0]!.compared.length;
  if (seeds.some((seed) => seed.compared.length !== runCount))
    throw new RangeError('every world seed must compare the same strategies');
  const n = plan.n;
  const referenceOrders: LatencyOrder[] = seeds.map((seed) => latencyOrder(seed.reference));
  const orders: LatencyOrder[][] = seeds.map((seed) => seed.compared.map(latencyOrder));

  const size = Math.max(0, to - from);
  const costDraws = Array.from({ length: runCount }, () => new Float64Array(size));
  const qualityDraws = Array.from({ length: runCount }, () => new Float64Array(size));
  const p95Draws = Array.from({ length: runCount }, () => new Float64Array(size));
  const p95Counts = new Array<number>(runCount).fill(0);
  const p95Sums = new Float64Array(runCount);
  const drawnTimes = new Uint32Array(k);
  const weights = new Uint32Array(n);
  for (let resample = from; resample < to; resample++) {
    const slot = resample - from;
    drawnTimes.fill(0);
    for (let position = 0; position < k; position++) drawnTimes[drawnSeed(plan, k, resample, position)]!++;
    // One request resample for every drawn world: the worlds share the requests (crossed, not nested).
    const total = fillWeights(plan, resample, weights);
    const divisor = total === 0 ? 1 : total;
    let first = true;
    for (let seed = 0; seed < k; seed++) {
      const times = drawnTimes[seed]!;
      if (times === 0) continue;
      const referenceP95 = weightedP95(referenceOrders[seed]!, weights, total);
      // The differences from the reference taken in the loop, not kept (bootstrap.ts bootstrapDraws).
      const referenceCost = seeds[seed]!.reference.cost;
      const referenceScore = seeds[seed]!.reference.score;
      for (let run = 0; run < runCount; run++) {
        const costs = seeds[seed]!.compared[run]!.cost;
        const scores = seeds[seed]!.compared[run]!.score;
        let costSum = 0;
        let scoreSum = 0;
        for (let index = 0; index < n; index++) {
          const weight = weights[index]!;
          costSum += weight * (costs[index]! - referenceCost[index]!);
          scoreSum += weight * (scores[index]! - referenceScore[index]!);
        }
        const cost = costSum / divisor;
        const quality = (100 * scoreSum) / divisor;
        const p95 = weightedP95(orders[seed]![run]!, weights, total) - referenceP95;
        // The first world is assigned, not added to 0, so k = 1 keeps a −0 as the one-level does.
        if (first) {
          costDraws[run]![slot] = times * cost;
          qualityDraws[run]![slot] = times * quality;
          p95Sums[run] = times * p95;
        } else {
          costDraws[run]![slot]! += times * cost;
          qualityDraws[run]![slot]! += times * quality;
          p95Sums[run]! += times * p95;
        }
      }
      first = false;
    }
    for (let run = 0; run < runCount; run++) {
      if (k > 1) {
        costDraws[run]![slot]! /= k;
        qualityDraws[run]![slot]! /= k;
      }
      // A resample where either p95 is missing in a drawn world has no Δ p95 (as one-level).
      const p95 = k === 1 ? p95Sums[run]! : p95Sums[run]! / k;
      if (!Number.isNaN(p95)) p95Draws[run]![p95Counts[run]!++] = p95;
    }
  }
  return { cost: costDraws, quality: qualityDraws, p95: p95Draws, p95Counts };
}

/** Intervals from the draws of every resample (`parts` in any split, together covering them all). */
export function twoLevelFromDraws(
  plan: ResamplePlan,
  seeds: readonly SeedRuns[],
  parts: readonly BootstrapDraws[],
): Differences[] {
  const n = plan.n;
  const runCount = seeds[0]?.compared.length ?? 0;
  const referenceP95s = seeds.map((seed) => plainP95(latencyOrder(seed.reference)));
  return Array.from({ length: runCount }, (_, run) => {
    const perSeed = seeds.map((seed, index) => {
      const compared = seed.compared[run]!;
      return {
        cost: sumOfDifferences(compared.cost, seed.reference.cost) / Math.max(1, n),
        quality: (100 * sumOfDifferences(compared.score, seed.reference.score)) / Math.max(1, n),
        p95: plainP95(latencyOrder(compared)) - referenceP95s[index]!,
      };
    });
    const p95Estimate = meanOverSeeds(perSeed.map((entry) => entry.p95));
    const p95Draws = joinDraws(parts.map((part) => part.p95[run]!.subarray(0, part.p95Counts[run]!)));
    return {
      cost: percentileInterval(
        meanOverSeeds(perSeed.map((entry) => entry.cost)),
        joinDraws(parts.map((part) => part.cost[run]!)),
      ),
      quality: percentileInterval(
        meanOverSeeds(perSeed.map((entry) => entry.quality)),
        joinDraws(parts.map((part) => part.quality[run]!)),
      ),
      p95:
        Number.isNaN(p95Estimate) || p95Draws.length === 0
          ? null
          : percentileInterval(p95Estimate, p95Draws, p95Draws.length),
    };
  });
}

/** Mean of per-seed values in seed order; one value is returned as it is (bit for bit). */
export function meanOverSeeds(values: readonly number[]): number {
  if (values.length === 1) return values[0]!;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}
