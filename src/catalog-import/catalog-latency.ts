/**
 * Latency figures of a catalog model from the facts table (model-facts.csv), used when the
 * curation gives no third-party measurement (see catalog-latency-measured.ts): a user's own
 * import, or a model the curation does not list.
 *
 * A figure is unusable when it is blank, when the row's (tok/s, TTFT) pair is a repeated
 * placeholder pair (catalog-latency-placeholders.ts: carried by ≥ 3 distinct models), or when
 * it is one of the CSV's fill values: exactly 100 tok/s or exactly 0.5 s (the values the
 * source fills unknown figures with, see ../shared/data/README.md), or below 1 tok/s (Mistral
 * rows carry 0.1: no hosted API is that slow). An unusable figure is replaced, in order, by
 * the median of the usable figures of
 *   1. the same model at the CSV's other providers;
 *   2. the curation's `family` models at the same provider;
 *   3. those family models at any provider;
 * and else by the routesim default (DEFAULT_TTFT_MS, DEFAULT_DECODE_TOKENS_PER_SECOND).
 * A family entry "provider/model" names one provider's row only (so a provider's own unusable
 * figure for a sibling model can be passed over). Whenever the row's own figure was unusable
 * the result says so in `warning`, which `routesim models import` prints: a placeholder never
 * reaches a catalog silently.
 */

import {
  describePair,
  type PlaceholderPair,
  pairKey,
  placeholderPairs,
} from '../catalog-import/catalog-latency-placeholders.ts';
import type { FactsRow, FactsTable } from './model-facts.ts';

/** Used when no usable figure exists. Assumption: a typical hosted mid-size model. */
export const DEFAULT_TTFT_MS = 600;
/** @see DEFAULT_TTFT_MS */
export const DEFAULT_DECODE_TOKENS_PER_SECOND = 80;

/** The CSV's fill value for throughput, or a figure no hosted API could have. */
export function isPlaceholderThroughput(value: number | undefined): boolean {
  return value === undefined || value === 100 || value < 1;
}

/** The CSV's fill value for TTFT. */
export function isPlaceholderTtft(value: number | undefined): boolean {
  return value === undefined || value === 0.5;
}

export interface ResolvedLatency {
  ttftMedianMs: number;
  decodeTokensPerSecond: number;
  /** One sentence per figure: where it came from. */
  notes: string[];
  /** One line for the catalog's `latencySource`. */
  source: string;
  /** Set when the row's own latency was unusable: what it was and what replaced it. */
  warning?: string;
}

type Figure = 'throughputTokensPerSecond' | 'ttftSeconds';

export function resolveLatency(
  table: FactsTable,
  row: FactsRow,
  family: readonly string[] = [],
  placeholders: Map<string, PlaceholderPair> = placeholderPairs(table),
): ResolvedLatency {
  const repeated = (candidate: FactsRow) => {
    const key = pairKey(candidate);
    return key === undefined ? undefined : placeholders.get(key);
  };
  const usable = (figure: Figure) => (candidate: FactsRow) =>
    repeated(candidate) === undefined &&
    !(figure === 'ttftSeconds' ? isPlaceholderTtft : isPlaceholderThroughput)(candidate[figure]);
  const throughput = resolveFigure(table, row, family, 'throughputTokensPerSecond', usable);
  const ttft = resolveFigure(table, row, family, 'ttftSeconds', usable);
  const at = `${row.provider}/${row.model}`;
  const pair = repeated(row);
  const notes = [
    ...(pair === undefined ? [] : [`${at} carries the repeated placeholder pair ${describePair(pair)}`]),
    `throughput ${throughput.note}`,
    `TTFT ${ttft.note}`,
  ];
  const replaced = throughput.replaced || ttft.replaced;
  const resolved: ResolvedLatency = {
    ttftMedianMs: Math.round(ttft.value * 1000),
    decodeTokensPerSecond: throughput.value,
    notes,
    source: replaced
      ? `model-facts.csv (llm-stats.com leaderboard): ${at} is a placeholder; ${throughput.value} tok/s and TTFT ${ttft.value} s stand in (see notes)`
      : `model-facts.csv (llm-stats.com leaderboard) row ${at}: ${throughput.value} tok/s, TTFT ${ttft.value} s`,
  };
  if (replaced) {
    const what = pair === undefined ? 'has placeholder latency' : `carries ${describePair(pair)}`;
    resolved.warning = `${at} ${what}; using ${throughput.value} tok/s (${throughput.origin}) and TTFT ${ttft.value} s (${ttft.origin}). Give a measured figure in the curation's "latency" block.`;
  }
  return resolved;
}

/** A row belongs to the family when an entry names its model, or "provider/model" names it exactly. */
function inFamily(family: readonly string[], row: FactsRow): boolean {
  return family.some((entry) => entry === row.model || entry === `${row.provider}/${row.model}`);
}

function resolveFigure(
  table: FactsTable,
  row: FactsRow,
  family: readonly string[],
  figure: Figure,
  usable: (figure: Figure) => (row: FactsRow) => boolean,
): { value: number; note: string; origin: string; replaced: boolean } {
  const unit = figure === 'ttftSeconds' ? ' s' : ' tok/s';
  const own = row[figure];
  const at = `${row.provider}/${row.model}`;
  if (usable(figure)(row) && own !== undefined)
    return { value: own, note: `${own}${unit} (${at}, model-facts.csv)`, origin: at, replaced: false };
  const was = own === undefined ? 'blank' : `${own}${unit}, a placeholder`;
  const candidates: [string, FactsRow[]][] = [
    [
      `the same model at other providers`,
      table.rows.filter((other) => other.model === row.model && other !== row),
    ],
    [
      `its family (${family.join(', ')}) at ${row.provider}`,
      table.rows.filter((other) => inFamily(family, other) && other.provider === row.provider),
    ],
    [
      `its family (${family.join(', ')}) at any provider`,
      table.rows.filter((other) => inFamily(family, other)),
    ],
  ];
  for (const [label, rows] of candidates) {
    const values = rows.filter(usable(figure)).map((other) => other[figure] as number);
    if (values.length === 0) continue;
    const value = median(values);
    return {
      value,
      note: `${value}${unit}: ${at} has ${was}; overridden by the median of ${label} [${values.join(', ')}]`,
      origin: `median of ${label}`,
      replaced: true,
    };
  }
  const fallback = figure === 'ttftSeconds' ? DEFAULT_TTFT_MS / 1000 : DEFAULT_DECODE_TOKENS_PER_SECOND;
  return {
    value: fallback,
    note: `${fallback}${unit}: ${at} has ${was} and no other row has a usable figure; routesim default (assumption: a typical hosted mid-size model)`,
    origin: 'routesim default, an assumption',
    replaced: true,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round((value ?? 0) * 1000) / 1000;
}
