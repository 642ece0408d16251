/**
 * Summary of repeated train/test splits (evaluate-split.ts --splits): per strategy and metric, the
 * mean, standard deviation and nearest-rank 2.5% / 50% / 97.5% quantiles of the point estimates
 * over splits, plus how often each router's APGR beat random's on the same split. Splits whose
 * held-out part has no gap (r_strong ≤ r_weak) have no APGR and are left out of the figures.
 */
import type { KnobBootstrapResult } from '../metrics/knob-bootstrap.ts';
import { nearestRank } from '../metrics/quantiles.ts';

export interface SplitSummaryRow {
  strategy: string;
  metric: 'apgr' | 'cpt50' | 'cpt80' | 'Δapgr';
  /** Splits with a value. */
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  low: number;
  median: number;
  high: number;
}

export interface SplitSummary {
  splits: number;
  rows: SplitSummaryRow[];
  /** Per router other than random: share of splits (with a value) on which its APGR > random's. */
  aheadOfRandom: Record<string, number>;
}

export function summariseSplits(results: readonly KnobBootstrapResult[]): SplitSummary {
  const rows: SplitSummaryRow[] = [];
  const names = results[0]?.strategies.map((entry) => entry.strategy) ?? [];
  for (const name of names) {
    for (const metric of ['apgr', 'cpt50', 'cpt80'] as const) {
      const values = results
        .map((result) => result.strategies.find((entry) => entry.strategy === name)?.[metric].estimate)
        .filter((value): value is number => typeof value === 'number');
      rows.push({ strategy: name, metric, ...describe(values) });
    }
  }
  const aheadOfRandom: Record<string, number> = {};
  if (names.includes('random')) {
    for (const name of names.filter((entry) => entry !== 'random')) {
      const deltas = results
        .map(
          (result) =>
            result.differences.find((entry) => entry.a === name && entry.b === 'random')?.apgr.estimate,
        )
        .filter((value): value is number => typeof value === 'number');
      rows.push({ strategy: `${name} − random`, metric: 'Δapgr', ...describe(deltas) });
      aheadOfRandom[name] =
        deltas.length === 0 ? 0 : deltas.filter((delta) => delta > 0).length / deltas.length;
    }
  }
  return { splits: results.length, rows, aheadOfRandom };
}

function describe(values: readonly number[]): Omit<SplitSummaryRow, 'strategy' | 'metric'> {
  const count = values.length;
  if (count === 0)
    return { count, mean: Number.NaN, sd: Number.NaN, low: Number.NaN, median: Number.NaN, high: Number.NaN };
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const variance = count < 2 ? 0 : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1);
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[nearestRank(p, count) - 1]!;
  return { count, mean, sd: Math.sqrt(variance), low: at(0.025), median: at(0.5), high: at(0.975) };
}
