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
  type Differences,
  difference,
  type LatencyOrder,
  latencyOrder,
  percentileInterval,
  plainP95,
  sum,
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
  const k = seeds.length;
  if (k === 0) throw new RangeError('the two-level bootstrap needs at least one world seed');
  const runCount = seeds[0]!.compared.length;
  if (seeds.some((seed) => seed.compared.length !== runCount))
    throw new RangeError('every world seed must compare the same strategies');
  const n = plan.n;
  const costDelta = seeds.map((seed) =>
    seed.compared.map((run) => difference(run.cost, seed.reference.cost)),
  );
  const scoreDelta = seeds.map((seed) =>
    seed.compared.map((run) => difference(run.score, seed.reference.score)),
  );
  const referenceOrders: LatencyOrder[] = seeds.map((seed) => latencyOrder(seed.reference));
  const orders: LatencyOrder[][] = seeds.map((seed) => seed.compared.map(latencyOrder));

  const resamples = plan.resamples;
  const costDraws = Array.from({ length: runCount }, () => new Float64Array(resamples));
  const qualityDraws = Array.from({ length: runCount }, () => new Float64Array(resamples));
  const p95Draws = Array.from({ length: runCount }, () => new Float64Array(resamples));
  const p95Counts = new Array<number>(runCount).fill(0);
  const p95Sums = new Float64Array(runCount);
  const drawnTimes = new Uint32Array(k);
  const weights = new Uint32Array(n);
  for (let resample = 0; resample < resamples; resample++) {
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
      for (let run = 0; run < runCount; run++) {
        const costs = costDelta[seed]![run]!;
        const scores = scoreDelta[seed]![run]!;
        let costSum = 0;
        let scoreSum = 0;
        for (let index = 0; index < n; index++) {
          const weight = weights[index]!;
          costSum += weight * costs[index]!;
          scoreSum += weight * scores[index]!;
        }
        const cost = costSum / divisor;
        const quality = (100 * scoreSum) / divisor;
        const p95 = weightedP95(orders[seed]![run]!, weights, total) - referenceP95;
        // The first world is assigned, not added to 0, so k = 1 keeps a −0 as the one-level does.
        if (first) {
          costDraws[run]![resample] = times * cost;
          qualityDraws[run]![resample] = times * quality;
          p95Sums[run] = times * p95;
        } else {
          costDraws[run]![resample]! += times * cost;
          qualityDraws[run]![resample]! += times * quality;
          p95Sums[run]! += times * p95;
        }
      }
      first = false;
    }
    for (let run = 0; run < runCount; run++) {
      if (k > 1) {
        costDraws[run]![resample]! /= k;
        qualityDraws[run]![resample]! /= k;
      }
      // A resample where either p95 is missing in a drawn world has no Δ p95 (as one-level).
      const p95 = k === 1 ? p95Sums[run]! : p95Sums[run]! / k;
      if (!Number.isNaN(p95)) p95Draws[run]![p95Counts[run]!++] = p95;
    }
  }

  const referenceP95s = referenceOrders.map(plainP95);
  return Array.from({ length: runCount }, (_, run) => {
    const cost = meanOverSeeds(seeds.map((_seed, seed) => sum(costDelta[seed]![run]!) / Math.max(1, n)));
    const quality = meanOverSeeds(
      seeds.map((_seed, seed) => (100 * sum(scoreDelta[seed]![run]!)) / Math.max(1, n)),
    );
    const p95Estimate = meanOverSeeds(
      seeds.map((_seed, seed) => plainP95(orders[seed]![run]!) - referenceP95s[seed]!),
    );
    const count = p95Counts[run]!;
    return {
      cost: percentileInterval(cost, costDraws[run]!),
      quality: percentileInterval(quality, qualityDraws[run]!),
      p95:
        Number.isNaN(p95Estimate) || count === 0
          ? null
          : percentileInterval(p95Estimate, p95Draws[run]!, count),
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
