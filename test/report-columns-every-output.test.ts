/**
 * The report column list drives every strategy table: a column added to the list shows up in
 * exactly the outputs it has a view for — summary.csv, the console table, the HTML strategy table,
 * summary.md — with that output's label, format and place, and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyMetrics } from '../src/metrics/types.ts';
import { consoleTable } from '../src/report/console-reporter.ts';
import { strategyTable } from '../src/report/html/strategy-table.ts';
import { markdownStrategyTable } from '../src/report/markdown-summary.ts';
import { type ColumnSpec, column, columnsFor, type ReportColumn } from '../src/report/report-column.ts';
import { REPORT_COLUMNS } from '../src/report/report-columns.ts';
import { summaryCsv } from '../src/report/summary-csv.ts';
import { resultsDocument } from './report-html-fixture.ts';

/** A made-up metric: twice the request count, shown with a per-output mark so each is told apart. */
const widgets = (views: Pick<ColumnSpec<number>, 'csv' | 'console' | 'html' | 'markdown'>) =>
  column({
    key: 'widgets',
    label: 'widgets',
    align: 'right',
    value: (strategy: StrategyMetrics) => strategy.requestCount * 2,
    ...views,
  });

const everywhere = widgets({
  csv: { name: 'widgets_per_run', cell: (value) => value },
  console: { label: 'widgets!', format: (value) => `c${value}` },
  html: { format: (value) => `h${value}` },
  markdown: { format: (value) => `m${value}`, before: 'quality' },
});

function outputs(list: readonly ReportColumn[]) {
  const results = resultsDocument();
  const scenarioRuns = results.strategies.filter((strategy) => strategy.kind === 'strategy');
  return {
    csv: summaryCsv(results.strategies, list),
    console: consoleTable(scenarioRuns, results.oracle, list),
    html: strategyTable(results, list).safeHtml,
    markdown: markdownStrategyTable(scenarioRuns, results.oracle, list),
  };
}

const lines = (text: string) => text.trimEnd().split('\n');

describe('report columns', () => {
  it('shows a column added to the list in every output it names, formatted by that output', () => {
    const before = outputs(REPORT_COLUMNS);
    const after = outputs([...REPORT_COLUMNS, everywhere]);
    // 400 requests per fixture strategy → 800 widgets.
    const [header, ...rows] = lines(after.csv);
    expect(header?.endsWith(',widgets_per_run')).toBe(true);
    for (const row of rows) expect(row.endsWith(',800')).toBe(true);
    expect(lines(before.csv)[0]?.includes('widgets')).toBe(false);

    const consoleLines = lines(after.console);
    expect(consoleLines[0]).toMatch(/fallback {2}widgets!$/);
    expect(consoleLines[2]).toMatch(/ c800$/);
    expect(before.console).not.toContain('widgets');

    expect(after.html).toContain(
      '<th scope="col">fallback</th><th scope="col">widgets</th><th scope="col">AIQ</th>',
    );
    expect(after.html).toContain('<td class="num">h800</td>');
    // The oracle row has no widgets figure: its spanning cell grows by one.
    expect(before.html).toContain('<td colspan="9"></td>');
    expect(after.html).toContain('<td colspan="10"></td>');

    const markdownLines = lines(after.markdown);
    expect(markdownLines[0]).toBe(
      '| strategy | cost/1k | savings | widgets | quality | Δ quality pts (95% CI) | p95 | answered | within SLO |',
    );
    expect(markdownLines[1]).toBe('|:---|---:|---:|---:|---:|---:|---:|---:|---:|');
    expect(markdownLines[2]).toContain('| m800 |');
  });

  it('leaves a column out of the outputs it has no view for', () => {
    const csvOnly = outputs([
      ...REPORT_COLUMNS,
      widgets({ csv: { name: 'widgets_per_run', cell: (value) => value } }),
    ]);
    const plain = outputs(REPORT_COLUMNS);
    expect(lines(csvOnly.csv)[0]?.endsWith(',widgets_per_run')).toBe(true);
    expect(csvOnly.console).toBe(plain.console);
    expect(csvOnly.html).toBe(plain.html);
    expect(csvOnly.markdown).toBe(plain.markdown);
  });

  it('orders each output by the list, moved by before', () => {
    expect(columnsFor(REPORT_COLUMNS, 'console').map((view) => view.label)).toEqual([
      'strategy',
      'cost/1k',
      'savings',
      'quality',
      'Δ quality pts (95% CI)',
      'p50',
      'p95',
      'answered',
      'in SLO',
      'escalated',
      'fallback',
    ]);
    expect(columnsFor(REPORT_COLUMNS, 'html').map((view) => view.key)).toEqual([
      'strategy',
      'cost_per_1k',
      'cost_per_month',
      'savings',
      'quality',
      'quality_delta',
      'answered',
      'goodput',
      'p50',
      'p95',
      'p99',
      'escalated',
      'fallback',
    ]);
    const stray = widgets({ console: { format: String, before: 'no-such-column' } });
    expect(() => columnsFor([...REPORT_COLUMNS, stray], 'console')).toThrow(
      'report column widgets: no column no-such-column to go before in console',
    );
  });
});
