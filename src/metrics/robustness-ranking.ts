/**
 * Orders, Kendall τ and overtakes between two sets of rows of the same strategies: the
 * arithmetic of the robustness verdict, pure and deterministic (ties keep the given order).
 */
import type { Overtake, RobustnessRow } from './robustness-types.ts';

type Metric = 'quality' | 'cost';

/** The value a metric ranks by, oriented so that larger is better. */
const score = (row: RobustnessRow, metric: Metric) =>
  metric === 'quality' ? row.quality : -row.costPer1kUsd;
const shown = (row: RobustnessRow, metric: Metric) => (metric === 'quality' ? row.quality : row.costPer1kUsd);

/** Names best first; equal values keep the rows' order. */
export function orderBy(rows: readonly RobustnessRow[], metric: Metric): string[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => score(b.row, metric) - score(a.row, metric) || a.index - b.index)
    .map((entry) => entry.row.name);
}

/**
 * Kendall τ-b between two value lists over the same items (ties in either list count neither
 * way); null with fewer than two items or when either list is all ties.
 */
export function kendallTauB(first: readonly number[], second: readonly number[]): number | null {
  let concordant = 0;
  let discordant = 0;
  let tiedFirst = 0;
  let tiedSecond = 0;
  for (let i = 0; i < first.length; i++) {
    for (let j = i + 1; j < first.length; j++) {
      const a = Math.sign(first[i]! - first[j]!);
      const b = Math.sign(second[i]! - second[j]!);
      if (a === 0) tiedFirst++;
      if (b === 0) tiedSecond++;
      if (a !== 0 && b !== 0) {
        if (a === b) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (first.length * (first.length - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedFirst) * (pairs - tiedSecond));
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}

export function tauOf(base: readonly RobustnessRow[], moved: readonly RobustnessRow[], metric: Metric) {
  return kendallTauB(
    base.map((row) => score(row, metric)),
    moved.map((row) => score(row, metric)),
  );
}

/**
 * Pairs whose base order reversed under the move by more than `resolution` (quality in [0, 1], or
 * USD per 1k): the pair (A ahead of B on the base run) becomes "B overtakes A". A reversal inside
 * the resolution is not an order the run can resolve, so it is not listed.
 */
export function overtakes(
  base: readonly RobustnessRow[],
  moved: readonly RobustnessRow[],
  metric: Metric,
  resolution: number,
): Overtake[] {
  const found: Overtake[] = [];
  const byName = new Map(moved.map((row) => [row.name, row]));
  for (const ahead of base) {
    for (const behind of base) {
      if (!(score(ahead, metric) > score(behind, metric))) continue;
      const aheadMoved = byName.get(ahead.name);
      const behindMoved = byName.get(behind.name);
      if (aheadMoved === undefined || behindMoved === undefined) continue;
      if (score(behindMoved, metric) - score(aheadMoved, metric) > resolution) {
        found.push({
          metric,
          winner: behind.name,
          loser: ahead.name,
          base: [shown(behind, metric), shown(ahead, metric)],
          moved: [shown(behindMoved, metric), shown(aheadMoved, metric)],
        });
      }
    }
  }
  return found;
}
