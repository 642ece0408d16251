/**
 * Nearest-rank quantiles (metrics.md): the k-th smallest value with k = ⌈p·n⌉; null when n = 0.
 * Found by selection (quickselect), not a full sort: summaries ask for a handful of quantiles over
 * up to ~10^5 latencies per run and slice, and selection is linear.
 */

/**
 * The array the selection reorders in place. One concrete type on purpose: a union makes every
 * element access polymorphic and the selection several times slower.
 */
export type NumericArray = Float64Array;

/**
 * The nearest rank k = ⌈p·n⌉ clamped to [1, n]. A product that lands within float noise of an
 * integer (0.07 × 100 = 7.000000000000001) counts as that integer, as exact arithmetic would.
 */
export function nearestRank(p: number, n: number): number {
  const product = p * n;
  const rank = Math.ceil(product - 1e-9 * Math.max(1, product));
  return Math.min(n, Math.max(1, rank));
}

/**
 * Reorder values[left..right] so that values[k] is the element a sort would put there, everything
 * before it ≤ it and everything after ≥ it. Hoare partition with a median-of-three pivot.
 */
export function selectInPlace(values: NumericArray, k: number, left = 0, right = values.length - 1): number {
  let low = left;
  let high = right;
  while (high > low) {
    const middle = (low + high) >>> 1;
    // Median of three into values[low], so sorted or reversed input stays linear.
    if (values[middle]! < values[low]!) swap(values, middle, low);
    if (values[high]! < values[low]!) swap(values, high, low);
    if (values[high]! < values[middle]!) swap(values, high, middle);
    const pivot = values[middle]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k]!;
}

function swap(values: NumericArray, a: number, b: number): void {
  const held = values[a]!;
  values[a] = values[b]!;
  values[b] = held;
}

/**
 * Nearest-rank quantiles of the first `count` entries of `values` (reordered in place), one per
 * entry of `ps` (each in (0, 1]); null when count = 0. Each selection narrows the range of the
 * next, so asking for p50, p90, p95 and p99 costs about two linear passes.
 */
export function quantilesInPlace(
  values: NumericArray,
  ps: readonly number[],
  count = values.length,
): (number | null)[] {
  if (count === 0) return ps.map(() => null);
  const order = ps
    .map((p, index) => ({ index, rank: nearestRank(p, count) }))
    .sort((a, b) => a.rank - b.rank);
  const out: (number | null)[] = ps.map(() => null);
  let left = 0;
  for (const { index, rank } of order) {
    out[index] = selectInPlace(values, rank - 1, left, count - 1);
    left = rank - 1;
  }
  return out;
}

/** One nearest-rank quantile of a copy of `values`; null when empty. */
export function quantile(values: ArrayLike<number>, p: number): number | null {
  const copy = Float64Array.from(values);
  return quantilesInPlace(copy, [p])[0] ?? null;
}

/** Largest of the first `count` entries; null when count = 0. */
export function maximum(values: ArrayLike<number>, count = values.length): number | null {
  if (count === 0) return null;
  let best = values[0]!;
  for (let index = 1; index < count; index++) if (values[index]! > best) best = values[index]!;
  return best;
}
