/**
 * The tables: scenario strategies (plus the oracle bound), single-model baselines, and thresholds
 * (the knobbed strategies' research figures are in research-table.ts). Differences from the
 * reference show their 95% interval; an interval containing 0 is marked "n.s." (not significant).
 */
import { researchRan } from '../../metrics/research-not-run.ts';
import type { OracleMetrics, StrategyMetrics } from '../../metrics/types.ts';
import { type ColumnView, column, columnsFor, type ReportColumn } from '../report-column.ts';
import { REPORT_COLUMNS } from '../report-columns.ts';
import { formatMs, formatShare, formatSigned, formatUsd } from './format.ts';
import { intervalCell } from './interval-cell.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';

type HtmlColumn = ColumnView<SafeHtml>;

/** AIQ comes from the run's research figures, not a strategy's metrics: a column of this table only. */
function aiqColumn(aiq: Record<string, number>): HtmlColumn[] {
  const entry = column({
    key: 'aiq',
    label: 'AIQ',
    align: 'right',
    value: (strategy) => aiq[strategy.name],
    html: { format: (value) => (value === undefined ? '—' : value.toFixed(3)) },
  });
  return entry.html === undefined ? [] : [entry.html];
}

const strategyRow = (strategy: StrategyMetrics, columns: readonly HtmlColumn[]): SafeHtml =>
  html`<tr>
${columns.map((view, index) => (index === 0 ? view.cell(strategy) : html`\n${view.cell(strategy)}`))}
</tr>`;

/** The oracle bound's row: its figures where the list has them, one spanning cell after the last. */
function oracleRow(oracle: OracleMetrics, columns: readonly HtmlColumn[]): SafeHtml {
  const [, ...rest] = columns;
  const cells = rest.map((view) => view.oracleCell(oracle));
  const last = cells.findLastIndex((cell) => cell !== undefined);
  const span = cells.length - last - 1;
  return html`<tr class="bound"><th scope="row">oracle <span class="ci">(bound, faults off)</span></th>${cells
    .slice(0, last + 1)
    .map((cell) => cell ?? html`<td></td>`)}${span > 0 ? html`<td colspan="${span}"></td>` : ''}</tr>`;
}

/**
 * AIQ of the strategies that have a curve — a knob sweep — and nothing for the others: a single
 * configuration's AIQ is only its quality times the share of the cost interval to its right, so it
 * would rank strategies by where their cost sits (always-strongest, near the top of the interval,
 * scored below always-cheapest), not by how well they route.
 */
export function meaningfulAiq(results: ResultsDocument): Record<string, number> {
  const { research } = results;
  if (!researchRan(research)) return {};
  const swept = new Set(
    results.strategies.flatMap((strategy) =>
      strategy.kind === 'sweep' && strategy.parent !== undefined ? [strategy.parent] : [],
    ),
  );
  return Object.fromEntries(Object.entries(research.aiq.byStrategy).filter(([name]) => swept.has(name)));
}

export function strategyTable(
  results: ResultsDocument,
  list: readonly ReportColumn[] = REPORT_COLUMNS,
): SafeHtml {
  const strategies = results.strategies.filter((strategy) => strategy.kind === 'strategy');
  const { oracle, research } = results;
  const aiq = meaningfulAiq(results);
  // Without research there is no AIQ to show, not even a column of dashes.
  const columns = [...columnsFor(list, 'html'), ...(researchRan(research) ? aiqColumn(aiq) : [])];
  const note = researchRan(research)
    ? aiqNote(aiq, research.aiq.interval[0], research.aiq.interval[1], research.aiq.zeroRouter)
    : 'AIQ, APGR and CPT are not computed: this run did not run the research units (simulate --no-research).';
  return html`<div class="table-wrap"><table class="data">
<thead><tr>${columns.map((view) => html`<th scope="col">${view.label}</th>`)}</tr></thead>
<tbody>
${strategies.map((strategy) => strategyRow(strategy, columns))}
${oracleRow(oracle, columns)}
</tbody></table></div>
<p class="note">Savings and Δ quality are measured against <strong>${results.reference}</strong> on the same requests. Goodput = share answered within the scenario’s latency SLO${results.scenario.slo === undefined ? ' (no SLO set)' : ` of ${formatMs(results.scenario.slo.latencyMs)}`}. Projected cost per month assumes the scenario’s mean arrival rate. ${note}</p>`;
}

/** One sentence on AIQ: what it is, over which interval, and why most rows have none. */
function aiqNote(aiq: Record<string, number>, low: number, high: number, zeroRouter: number): string {
  const range = `${formatUsd(low * 1000)}–${formatUsd(high * 1000)} per 1,000 requests`;
  if (Object.keys(aiq).length === 0) {
    return `AIQ is not shown: no strategy here has a knob sweep, and a single configuration’s AIQ only measures where its cost sits in the compared range (${range}).`;
  }
  return `AIQ (average quality of a strategy’s knob-sweep curve — its non-decreasing convex hull — across ${range}, 0 below its cheapest point; zero router ${zeroRouter.toFixed(3)}) is shown only for strategies with a knob sweep: for a single configuration it only measures where its cost sits in that range.`;
}

export function singleModelTable(results: ResultsDocument): SafeHtml {
  const singles = results.strategies.filter((strategy) => strategy.kind === 'single');
  if (singles.length === 0) return html``;
  const reference = results.strategies.find(
    (strategy) => strategy.name === results.reference && strategy.kind === 'strategy',
  );
  return html`<details><summary>Single-model baselines (${singles.length})</summary><div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col">run</th><th scope="col">cost / 1k req</th><th scope="col">quality</th><th scope="col">Δ quality vs ${results.reference}, points</th><th scope="col">answered</th><th scope="col">p50</th><th scope="col">p95</th></tr></thead>
<tbody>${singles.map(
    (strategy) =>
      html`<tr><th scope="row">${strategy.name}</th><td class="num">${formatUsd(strategy.cost.per1kUsd)}</td><td class="num">${strategy.quality.mean.toFixed(3)}</td>${singleDeltaCell(strategy, reference)}<td class="num">${formatShare(strategy.answeredRate)}</td><td class="num">${formatMs(strategy.latency?.p50)}</td><td class="num">${formatMs(strategy.latency?.p95)}</td></tr>`,
  )}</tbody></table></div><p class="note">Δ quality is the difference from ${results.reference}’s quality on the same requests, in points; single-model runs get the point estimate without a bootstrap interval (the paired intervals are drawn for the scenario’s strategies).</p></details>`;
}

/** Δ quality of a single-model run from the reference: its interval when it has one, else the point estimate. */
function singleDeltaCell(strategy: StrategyMetrics, reference: StrategyMetrics | undefined): SafeHtml {
  const interval = strategy.difference?.quality;
  if (interval !== undefined) return intervalCell(interval, 1, '');
  if (reference === undefined) return html`<td class="num muted">—</td>`;
  return html`<td class="num">${formatSigned((strategy.quality.mean - reference.quality.mean) * 100, 1)}</td>`;
}

export function thresholdTable(results: ResultsDocument): SafeHtml {
  if (results.thresholds.length === 0) return html``;
  return html`<div class="table-wrap"><table class="data compact">
<thead><tr><th scope="col"></th><th scope="col">threshold</th><th scope="col">expression</th><th scope="col">result</th></tr></thead>
<tbody>${results.thresholds.map(
    (threshold) =>
      html`<tr class="${threshold.pass ? 'pass' : 'fail'}"><td>${threshold.pass ? '✓ pass' : '✖ fail'}</td><td><code>${threshold.key}</code></td><td><code>${threshold.expression}</code></td><td>${threshold.reason}</td></tr>`,
  )}</tbody></table></div>`;
}
