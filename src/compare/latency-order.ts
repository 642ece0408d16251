/**
 * Nearest-rank p95 of the answered latencies of one run, plain and under bootstrap weights.
 * The answered requests are sorted once; a resample's p95 then walks them from the slowest down,
 * which visits only the top ~5% of the resample's weight.
 */
import { Status } from '../engine/types.ts';
import { nearestRank } from '../metrics/quantiles.ts';

export interface LatencyOrder {
  /** Answered request indices, fastest first (ties by index, so the order is deterministic). */
  ascending: Uint32Array;
  /** Their latencies, ms, same order. */
  latencies: Float64Array;
  /** Indices of failed requests (not in the latency sample). */
  failed: Uint32Array;
}

export function latencyOrder(status: Uint8Array, latency: ArrayLike<number>): LatencyOrder {
  const answered: number[] = [];
  const failed: number[] = [];
  for (let index = 0; index < status.length; index++) {
    if (status[index] === Status.answered) answered.push(index);
    else failed.push(index);
  }
  answered.sort((a, b) => latency[a]! - latency[b]! || a - b);
  return {
    ascending: Uint32Array.from(answered),
    latencies: Float64Array.from(answered, (index) => latency[index]!),
    failed: Uint32Array.from(failed),
  };
}

/** Nearest-rank p95 of the answered latencies, ms; NaN when none was answered. */
export function plainP95(order: LatencyOrder): number {
  const count = order.ascending.length;
  return count === 0 ? Number.NaN : order.latencies[nearestRank(0.95, count) - 1]!;
}

/**
 * Nearest-rank p95 of the resample whose draw counts are `weights` (summing to `total`), ms;
 * NaN when the resample drew no answered request.
 */
export function weightedP95(order: LatencyOrder, weights: Uint32Array, total: number): number {
  let answeredWeight = total;
  for (let index = 0; index < order.failed.length; index++) answeredWeight -= weights[order.failed[index]!]!;
  if (answeredWeight === 0) return Number.NaN;
  // The k-th smallest of m values is the (m − k + 1)-th largest.
  const fromTop = answeredWeight - nearestRank(0.95, answeredWeight) + 1;
  let seen = 0;
  for (let rank = order.ascending.length - 1; rank >= 0; rank--) {
    seen += weights[order.ascending[rank]!]!;
    if (seen >= fromTop) return order.latencies[rank]!;
  }
  return Number.NaN;
}
