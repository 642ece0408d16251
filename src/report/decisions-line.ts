/**
 * One decisions.csv line, built straight from the record: byte for byte
 * `csvRecord(decisionRow(record, tier))` (test/report-decisions-line.test.ts), at a fraction of
 * its cost. The general path makes a 13-cell array, runs the formula and quoting checks on every
 * text cell and `toPrecision` on every number; here
 * - cells that repeat within a unit (strategy, tier, model, status, reason) are made safe once and
 *   looked up after (a unit writes 113,362 rows of one strategy and a handful of models);
 * - numbers go through fixedCell (csv-number.ts), 4× cheaper than fixed() + String();
 * - the line is one template string, no intermediate array.
 */
import type { DecisionRecord } from '../engine/types.ts';
import { fixedCell } from './csv-number.ts';
import { csvCell } from './csv-safe.ts';

const NEEDS_QUOTES = /[",\n\r]/;
const QUOTE = /"/g;

/** A text cell as csvRecord writes csvCell(value): formula-neutralised, then quoted if needed. */
export function textCell(value: string): string {
  const safe = csvCell(value) as string;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(QUOTE, '""')}"` : safe;
}

/** Distinct texts remembered per cache: beyond it (e.g. per-request reasons) cells are made afresh. */
const CACHE_LIMIT = 4096;

/** textCell with memory, for values that repeat. */
function cachedTextCells(): (value: string) => string {
  const cells = new Map<string, string>();
  return (value) => {
    let cell = cells.get(value);
    if (cell === undefined) {
      cell = textCell(value);
      if (cells.size < CACHE_LIMIT) cells.set(value, cell);
    }
    return cell;
  };
}

/** A line writer with its own caches: one per part file (one unit). */
export function createDecisionLines(): (record: DecisionRecord, tier: string) => string {
  const repeated = cachedTextCells();
  const reasons = cachedTextCells();
  return (record, tier) => {
    const attempts = record.attempts;
    let trail = '';
    for (let index = 0; index < attempts.length; index++) {
      const attempt = attempts[index]!;
      if (index > 0) trail += ';';
      trail += `${attempt.model}:${attempt.result}@${Math.round(attempt.endMs)}`;
    }
    return `${repeated(record.strategy)},${record.requestIndex},${textCell(record.requestId)},${fixedCell(record.arrivalMs)},${repeated(tier)},${repeated(record.model)},${repeated(record.status)},${fixedCell(record.latencyMs)},${fixedCell(record.costUsd)},${fixedCell(record.score)},${attempts.length},${textCell(trail)},${reasons(record.reason)}\n`;
  };
}
