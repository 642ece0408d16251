/**
 * Placeholder latency in the facts table, detected from the table itself.
 *
 * model-facts.csv (llm-stats.com leaderboard rows) fills unknown latency with a few stock
 * (tok/s, TTFT) pairs copied across whole provider pages: in the 2025-10-24 file
 * (100, 0.5 s) sits on 31 rows, (42, 0.4 s) on 21 (every Claude model at google, zeroeval
 * and anthropic, plus Mistral Large), (85, 0.7 s) on 12 (every Gemini 2.x and GLM row),
 * (115, 5.2 s) on 6 (o1-mini, o3-mini, o4-mini, gpt-oss). Artificial Analysis measures
 * those models at 72/0.95 s (Sonnet 4), 96/33 s (Gemini 2.5 Pro incl. thinking) and
 * 127/9 s (o3-mini): the pairs are not measurements (realism-anchors.md §3).
 *
 * Rule: a pair is a placeholder when rows of at least PLACEHOLDER_MIN_MODELS distinct
 * model ids carry exactly that pair. Distinct models, not rows, because one model listed by
 * two sites (zeroeval mirrors first-party rows) legitimately repeats its own figures.
 * @see PLACEHOLDER_MIN_MODELS for why three.
 */
import type { FactsRow, FactsTable } from './model-facts.ts';

/**
 * Distinct models sharing one exact (tok/s, TTFT) pair that make it a placeholder.
 *
 * Two models may share a pair honestly: a model and its preview or dated re-release served
 * on the same hardware (o1 / o1-preview, deepseek-r1 / r1-0528 in the CSV), or a chance
 * match at the CSV's precision (integer tok/s, 0.01 s). Three or more *different* models
 * with identical speed and TTFT is not a measurement: models of different sizes decode at
 * different speeds (e.g. Devstral Medium and Devstral Small, both 137.1 / 0.23 s). In the
 * shipped CSV this flags 13 pairs (every pair of ≥ 3 rows), and no pair of 2.
 * @default 3
 */
export const PLACEHOLDER_MIN_MODELS = 3;

/** One repeated pair: how many rows and distinct model ids carry it. */
export interface PlaceholderPair {
  throughputTokensPerSecond: number;
  ttftSeconds: number;
  rows: number;
  models: number;
}

/** The key of a row's pair, or undefined when either figure is blank. */
export function pairKey(row: FactsRow): string | undefined {
  const { throughputTokensPerSecond: speed, ttftSeconds: ttft } = row;
  return speed === undefined || ttft === undefined ? undefined : `${speed}|${ttft}`;
}

/** Every (tok/s, TTFT) pair carried by at least `minimumModels` distinct model ids. */
export function placeholderPairs(
  table: FactsTable,
  minimumModels: number = PLACEHOLDER_MIN_MODELS,
): Map<string, PlaceholderPair> {
  const groups = new Map<string, { row: FactsRow; rows: number; models: Set<string> }>();
  for (const row of table.rows) {
    const key = pairKey(row);
    if (key === undefined) continue;
    const group = groups.get(key) ?? { row, rows: 0, models: new Set<string>() };
    group.rows += 1;
    group.models.add(row.model);
    groups.set(key, group);
  }
  const pairs = new Map<string, PlaceholderPair>();
  for (const [key, group] of groups) {
    if (group.models.size < minimumModels) continue;
    pairs.set(key, {
      throughputTokensPerSecond: group.row.throughputTokensPerSecond ?? 0,
      ttftSeconds: group.row.ttftSeconds ?? 0,
      rows: group.rows,
      models: group.models.size,
    });
  }
  return pairs;
}

/** "(42 tok/s, 0.4 s) on 21 rows of 13 models" */
export function describePair(pair: PlaceholderPair): string {
  return `(${pair.throughputTokensPerSecond} tok/s, ${pair.ttftSeconds} s) on ${pair.rows} rows of ${pair.models} models`;
}
