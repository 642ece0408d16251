/**
 * Latency figures of a catalog model from the facts table, with placeholders replaced.
 *
 * model-facts.csv fills unknown figures with placeholders: 100 tok/s and 0.5 s (its README
 * says so), and some Mistral rows carry 0.1 tok/s. A figure is a placeholder when it is
 * exactly 100 tok/s, below 1 tok/s, exactly 0.5 s, or blank. It is replaced, in order, by
 * the median of the non-placeholder figures of
 *   1. the same model at the CSV's other providers;
 *   2. the curation's `family` models at the same provider;
 *   3. those family models at any provider;
 * A family entry "provider/model" names one provider's row only (so a provider's own unusable
 * figure for a sibling model can be passed over).
 * and else the placeholder (or the default) is kept, saying so in the notes.
 */
import type { FactsRow, FactsTable } from './model-facts.ts';

/** Used when no facts table is given at all. Assumption: a typical hosted mid-size model. */
export const DEFAULT_TTFT_MS = 600;
/** @see DEFAULT_TTFT_MS */
export const DEFAULT_DECODE_TOKENS_PER_SECOND = 80;

export function isPlaceholderThroughput(value: number | undefined): boolean {
  return value === undefined || value === 100 || value < 1;
}

export function isPlaceholderTtft(value: number | undefined): boolean {
  return value === undefined || value === 0.5;
}

export interface ResolvedLatency {
  ttftMedianMs: number;
  decodeTokensPerSecond: number;
  /** One sentence per figure: where it came from. */
  notes: string[];
}

type Figure = 'throughputTokensPerSecond' | 'ttftSeconds';

export function resolveLatency(
  table: FactsTable,
  row: FactsRow,
  family: readonly string[] = [],
): ResolvedLatency {
  const throughput = resolveFigure(table, row, family, 'throughputTokensPerSecond', isPlaceholderThroughput);
  const ttft = resolveFigure(table, row, family, 'ttftSeconds', isPlaceholderTtft);
  return {
    ttftMedianMs: Math.round((ttft.value ?? DEFAULT_TTFT_MS / 1000) * 1000),
    decodeTokensPerSecond: throughput.value ?? DEFAULT_DECODE_TOKENS_PER_SECOND,
    notes: [`throughput ${throughput.note}`, `TTFT ${ttft.note}`],
  };
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
  isPlaceholder: (value: number | undefined) => boolean,
): { value: number | undefined; note: string } {
  const unit = figure === 'ttftSeconds' ? ' s' : ' tok/s';
  const own = row[figure];
  const at = `${row.provider}/${row.model}`;
  if (!isPlaceholder(own)) return { value: own, note: `${own}${unit} (${at}, model-facts.csv)` };
  const was = own === undefined ? 'blank' : `${own}${unit}, a placeholder`;
  const usable = (rows: FactsRow[]) =>
    rows.map((other) => other[figure]).filter((value) => !isPlaceholder(value));
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
    const values = usable(rows) as number[];
    if (values.length === 0) continue;
    const value = median(values);
    return {
      value,
      note: `${value}${unit}: ${at} has ${was}; overridden by the median of ${label} [${values.join(', ')}]`,
    };
  }
  if (own !== undefined)
    return { value: own, note: `${own}${unit} (${at}): placeholder kept, no other figure` };
  const fallback = figure === 'ttftSeconds' ? DEFAULT_TTFT_MS / 1000 : DEFAULT_DECODE_TOKENS_PER_SECOND;
  return { value: fallback, note: `${fallback}${unit}: ${at} is blank; routesim default` };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round((value ?? 0) * 1000) / 1000;
}
