/**
 * What a report column is: one per-strategy figure (a key, a default label, its alignment, how to
 * read it from the metrics) and how each output shows it — summary.csv, the console table, the
 * HTML strategy table, summary.md. An output a column has no view for does not show it. The
 * columns themselves are listed once, in report-columns.ts; each output reads that list.
 */
import type { OracleMetrics, StrategyMetrics } from '../metrics/types.ts';
import { html, type SafeHtml } from './html/safe-html.ts';

export type ColumnAlign = 'left' | 'right';

/** The outputs that show strategy columns. */
export type ColumnOutput = 'csv' | 'console' | 'html' | 'markdown';

/** How a text output (console, Markdown) shows a column. */
export interface TextView<V> {
  /** The header. @default the column's `label` */
  label?: string;
  format: (value: V) => string;
  /**
   * The key of a column this one is shown before in this output; in list order otherwise (the
   * list follows summary.csv, whose positions are a contract).
   */
  before?: string;
}

/** How the HTML table shows a column. */
export interface HtmlView<V> {
  /** The header. @default the column's `label` */
  label?: string;
  /** The cell's text; `cell` overrides the whole cell when it needs more than a number. */
  format?: (value: V) => string;
  /** The whole `<td>` (or `<th>`). @default `<td class="num">` + format(value) */
  cell?: (value: V) => SafeHtml;
  before?: string;
}

/** How summary.csv writes a column: raw numbers at fixed precision, not formatted text. */
export interface CsvView<V> {
  /** The CSV header, snake_case. */
  name: string;
  cell: (value: V) => string | number;
}

/** A column as written in the list. */
export interface ColumnSpec<V> {
  /** Stable identifier (what `before` refers to). */
  key: string;
  /** The header when a view sets none. */
  label: string;
  align: ColumnAlign;
  /** The figure read from one strategy's metrics. */
  value: (strategy: StrategyMetrics) => V;
  /** The same figure for the oracle bound's row; absent = an empty cell there. */
  oracle?: (oracle: OracleMetrics) => V;
  csv?: CsvView<V>;
  console?: TextView<V>;
  html?: HtmlView<V>;
  markdown?: TextView<V>;
}

/** A column's view in one output, with the value type closed over. */
export interface ColumnView<Cell> {
  key: string;
  label: string;
  align: ColumnAlign;
  before: string | undefined;
  cell: (strategy: StrategyMetrics) => Cell;
  /** The oracle-bound row's cell; undefined when the column has no oracle figure. */
  oracleCell: (oracle: OracleMetrics) => Cell | undefined;
}

/** A column in the list: its views per output, the value type erased. */
export interface ReportColumn {
  key: string;
  label: string;
  align: ColumnAlign;
  csv?: ColumnView<string | number>;
  console?: ColumnView<string>;
  html?: ColumnView<SafeHtml>;
  markdown?: ColumnView<string>;
}

/** Builds a list entry from its spec, so each output can read it without knowing its value type. */
export function column<V>(spec: ColumnSpec<V>): ReportColumn {
  const view = <Cell>(
    label: string | undefined,
    before: string | undefined,
    render: (value: V) => Cell,
  ): ColumnView<Cell> => ({
    key: spec.key,
    label: label ?? spec.label,
    align: spec.align,
    before,
    cell: (strategy) => render(spec.value(strategy)),
    oracleCell: (oracle) => (spec.oracle === undefined ? undefined : render(spec.oracle(oracle))),
  });
  const { csv, console: text, html: page, markdown } = spec;
  const htmlCell = (value: V): SafeHtml =>
    page?.cell?.(value) ?? html`<td class="num">${page?.format?.(value) ?? ''}</td>`;
  return {
    key: spec.key,
    label: spec.label,
    align: spec.align,
    ...(csv && { csv: view(csv.name, undefined, csv.cell) }),
    ...(text && { console: view(text.label, text.before, text.format) }),
    ...(page && { html: view(page.label, page.before, htmlCell) }),
    ...(markdown && { markdown: view(markdown.label, markdown.before, markdown.format) }),
  };
}

/** The columns one output shows, in its order: list order, each `before` applied in turn. */
export function columnsFor<Output extends ColumnOutput>(
  columns: readonly ReportColumn[],
  output: Output,
): NonNullable<ReportColumn[Output]>[] {
  const views = columns.flatMap((entry) => {
    const view = entry[output];
    return view === undefined ? [] : [view as NonNullable<ReportColumn[Output]>];
  });
  const ordered = [...views];
  for (const view of views) {
    if (view.before === undefined) continue;
    ordered.splice(ordered.indexOf(view), 1);
    const target = ordered.findIndex((entry) => entry.key === view.before);
    if (target < 0) {
      throw new Error(`report column ${view.key}: no column ${view.before} to go before in ${output}`);
    }
    ordered.splice(target, 0, view);
  }
  return ordered;
}
