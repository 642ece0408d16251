/**
 * summary.csv: one row per run (scenario strategies, then sweep points and single models, as
 * `kind` says), the headline metrics at fixed precision. Text cells are neutralised against
 * formula injection. The columns, their CSV names and cells come from report-columns.ts.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { StrategyMetrics } from '../metrics/types.ts';
import type { Reporter } from '../run/reporter.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { columnsFor, type ReportColumn } from './report-column.ts';
import { REPORT_COLUMNS } from './report-columns.ts';

export const SUMMARY_FILE = 'summary.csv';

/** The header row: every listed column with a CSV view, in list order. */
export const SUMMARY_COLUMNS: readonly string[] = columnsFor(REPORT_COLUMNS, 'csv').map((view) => view.label);

export function summaryCsv(
  strategies: readonly StrategyMetrics[],
  list: readonly ReportColumn[] = REPORT_COLUMNS,
): string {
  const columns = columnsFor(list, 'csv');
  const rows = strategies.map((strategy) => columns.map((view) => view.cell(strategy)));
  return stringify([columns.map((view) => view.label), ...rows]);
}

export function summaryReporter(outDir: string): Reporter {
  return {
    onRunEnd(end) {
      writeFileAtomic(join(outDir, SUMMARY_FILE), summaryCsv(end.metrics.strategies));
    },
  };
}
