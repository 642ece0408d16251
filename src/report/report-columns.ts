/**
 * The per-strategy report columns, listed once. summary.csv, the console table, the HTML strategy
 * table and summary.md all read this list: adding a metric means computing it (metrics/) and adding
 * its entry here, with a view for each output that should show it.
 *
 * Order is summary.csv's (its positions are a contract: new columns go last); an output that shows
 * a column elsewhere says so with `before`. Each output formats in its own idiom — summary.csv
 * raw numbers at fixed precision, the console and summary.md four-digit USD and signed shares, the
 * HTML report its own format.ts — so a view carries its own `format`.
 */
import { STATUS_NAMES } from '../engine/types.ts';
import type { FailureKind, Interval, StrategyMetrics } from '../metrics/types.ts';
import { csvCell } from './csv-safe.ts';
import * as page from './html/format.ts';
import { deltaCell } from './html/interval-cell.ts';
import { html } from './html/safe-html.ts';
import { fixed } from './precision.ts';
import { column, type ReportColumn } from './report-column.ts';
import * as text from './text-format.ts';

/** A number at fixed precision; empty when absent. */
const number = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : csvCell(fixed(value));
/** A count as written (integers are exact); empty when absent. */
const count = (value: number | undefined) => value ?? '';
const three = (value: number) => value.toFixed(3);

const FAILURE_KINDS = STATUS_NAMES.filter((name): name is FailureKind => name !== 'answered');

/** The low and high CSV columns of a difference from the reference (its estimate has its own entry). */
function intervalBounds(key: string, read: (strategy: StrategyMetrics) => Interval | null | undefined) {
  return (['low', 'high'] as const).map((bound) =>
    column({
      key: `${key}_${bound}`,
      label: `${key} ${bound}`,
      align: 'right',
      value: (strategy) => read(strategy)?.[bound],
      csv: { name: `${key}_${bound}_${key.startsWith('cost') ? 'usd' : 'pts'}`, cell: number },
    }),
  );
}

/** A CSV-only number column. */
const csvNumber = (
  key: string,
  name: string,
  read: (strategy: StrategyMetrics) => number | null | undefined,
) => column({ key, label: key, align: 'right', value: read, csv: { name, cell: number } });

/** A CSV-only count column (written exactly, empty when absent). */
const csvCount = (key: string, name: string, read: (strategy: StrategyMetrics) => number | undefined) =>
  column({ key, label: key, align: 'right', value: read, csv: { name, cell: count } });

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  column({
    key: 'strategy',
    label: 'strategy',
    align: 'left',
    value: (strategy) => strategy.name,
    csv: { name: 'strategy', cell: csvCell },
    console: { format: (name) => name },
    html: { cell: (name) => html`<th scope="row">${name}</th>` },
    markdown: { format: (name) => name },
  }),
  column({
    key: 'family',
    label: 'family',
    align: 'left',
    value: (strategy) => strategy.family,
    csv: { name: 'family', cell: csvCell },
  }),
  column({
    key: 'kind',
    label: 'kind',
    align: 'left',
    value: (strategy) => strategy.kind,
    csv: { name: 'kind', cell: csvCell },
  }),
  csvNumber('knob_value', 'knob_value', (strategy) => strategy.knobValue),
  csvCount('requests', 'requests', (strategy) => strategy.requestCount),
  csvNumber('cost_total', 'cost_total_usd', (strategy) => strategy.cost.totalUsd),
  column({
    key: 'cost_per_1k',
    label: 'cost/1k',
    align: 'right',
    value: (strategy) => strategy.cost.per1kUsd,
    oracle: (oracle) => oracle.cost.per1kUsd,
    csv: { name: 'cost_per_1k_usd', cell: number },
    console: { format: text.formatUsd },
    html: { label: 'cost / 1k req', format: page.formatUsd },
    markdown: { format: text.formatUsd },
  }),
  csvNumber('cost_per_day', 'cost_per_day_usd', (strategy) => strategy.cost.perDayUsd),
  column({
    key: 'cost_per_month',
    label: 'projected / month',
    align: 'right',
    value: (strategy) => strategy.cost.perMonthUsd,
    oracle: (oracle) => oracle.cost.perMonthUsd,
    csv: { name: 'cost_per_month_usd', cell: number },
    html: { format: page.formatUsd },
  }),
  csvNumber('shadow_cost', 'shadow_cost_usd', (strategy) => strategy.cost.shadowUsd),
  column({
    key: 'savings',
    label: 'savings',
    align: 'right',
    value: (strategy) => strategy.savings,
    csv: { name: 'savings', cell: number },
    console: { format: (savings) => (savings === null ? '—' : `${text.signed(savings * 100, 1)}%`) },
    html: {
      format: (savings) => (savings === null ? '—' : `${page.formatSigned(savings * 100, 1)}%`),
    },
    markdown: {
      format: (savings) =>
        (savings === null ? '—' : `${(savings * 100).toFixed(1)}%`).replace('-', text.MINUS),
    },
  }),
  column({
    key: 'quality',
    label: 'quality',
    align: 'right',
    value: (strategy) => strategy.quality.mean,
    oracle: (oracle) => oracle.quality,
    csv: { name: 'quality', cell: number },
    console: { format: three },
    html: { format: three },
    markdown: { format: three },
  }),
  csvNumber('relative_quality', 'relative_quality', (strategy) => strategy.quality.relative),
  column({
    key: 'quality_delta',
    label: 'Δ quality pts (95% CI)',
    align: 'right',
    value: (strategy) => strategy.difference?.quality,
    csv: { name: 'quality_delta_pts', cell: (interval) => number(interval?.estimate) },
    console: { format: text.formatQualityDelta },
    html: { label: 'Δ quality, points [95% CI]', cell: (interval) => deltaCell(interval, 1, '') },
    markdown: { format: text.formatQualityDelta },
  }),
  ...intervalBounds('quality_delta', (strategy) => strategy.difference?.quality),
  column({
    key: 'cost_delta',
    label: 'Δ cost',
    align: 'right',
    value: (strategy) => strategy.difference?.cost,
    csv: { name: 'cost_delta_usd', cell: (interval) => number(interval?.estimate) },
  }),
  ...intervalBounds('cost_delta', (strategy) => strategy.difference?.cost),
  column({
    key: 'answered',
    label: 'answered',
    align: 'right',
    value: (strategy) => strategy.answeredRate,
    csv: { name: 'answered_rate', cell: number },
    console: { format: text.formatPercent },
    html: { format: page.formatShare },
    markdown: { format: text.formatPercent },
  }),
  column({
    key: 'goodput',
    label: 'goodput',
    align: 'right',
    value: (strategy) => strategy.goodput,
    csv: { name: 'goodput', cell: number },
    console: { label: 'in SLO', format: text.formatPercent },
    html: { format: page.formatShare },
    markdown: { label: 'within SLO', format: text.formatPercent },
  }),
  column({
    key: 'p50',
    label: 'p50',
    align: 'right',
    value: (strategy) => strategy.latency?.p50,
    csv: { name: 'latency_p50_ms', cell: number },
    console: { format: text.formatMs, before: 'answered' },
    html: { format: page.formatMs },
  }),
  csvNumber('p90', 'latency_p90_ms', (strategy) => strategy.latency?.p90),
  column({
    key: 'p95',
    label: 'p95',
    align: 'right',
    value: (strategy) => strategy.latency?.p95,
    csv: { name: 'latency_p95_ms', cell: number },
    console: { format: text.formatMs, before: 'answered' },
    html: { format: page.formatMs },
    markdown: { format: text.formatMs, before: 'answered' },
  }),
  column({
    key: 'p99',
    label: 'p99',
    align: 'right',
    value: (strategy) => strategy.latency?.p99,
    csv: { name: 'latency_p99_ms', cell: number },
    html: { format: page.formatMs },
  }),
  csvNumber('max', 'latency_max_ms', (strategy) => strategy.latency?.max),
  csvNumber('ttft_p50', 'ttft_p50_ms', (strategy) => strategy.latency?.ttftP50),
  column({
    key: 'escalated',
    label: 'escalated',
    align: 'right',
    value: (strategy) => strategy.escalationRate,
    csv: { name: 'escalation_rate', cell: number },
    console: { format: text.formatPercent },
    html: { format: page.formatShare },
  }),
  column({
    key: 'fallback',
    label: 'fallback',
    align: 'right',
    value: (strategy) => strategy.fallbackRate,
    csv: { name: 'fallback_rate', cell: number },
    console: { format: text.formatPercent },
    html: { format: page.formatShare },
  }),
  ...FAILURE_KINDS.map((kind) =>
    column({
      key: `failures_${kind}`,
      label: kind,
      align: 'right',
      value: (strategy) => strategy.failures[kind],
      csv: { name: `failures_${kind.replaceAll('-', '_')}`, cell: (failed) => failed },
    }),
  ),
  // Shadow evaluation (empty unless the strategy ran with the `shadow` option); after the
  // failures, so the columns before them keep their positions.
  csvCount('shadow_sampled', 'shadow_sampled', (strategy) => strategy.shadow?.sampled),
  csvCount('shadow_compared', 'shadow_compared', (strategy) => strategy.shadow?.compared),
  csvCount('shadow_disagreed', 'shadow_disagreed', (strategy) => strategy.shadow?.disagreed),
  csvNumber(
    'shadow_disagreement_rate',
    'shadow_disagreement_rate',
    (strategy) => strategy.shadow?.disagreementRate,
  ),
  csvNumber(
    'shadow_disagreement_low',
    'shadow_disagreement_low',
    (strategy) => strategy.shadow?.disagreementInterval?.low,
  ),
  csvNumber(
    'shadow_disagreement_high',
    'shadow_disagreement_high',
    (strategy) => strategy.shadow?.disagreementInterval?.high,
  ),
  // Tokens, hidden reasoning and prompt caching (empty for a run without usage totals); after the
  // shadow columns for the same reason.
  csvCount('prompt_tokens', 'prompt_tokens', (strategy) => strategy.usage?.promptTokens),
  csvCount('cached_tokens', 'cached_tokens', (strategy) => strategy.usage?.cachedTokens),
  csvCount('cache_write_tokens', 'cache_write_tokens', (strategy) => strategy.usage?.cacheWriteTokens),
  csvNumber('cached_input_share', 'cached_input_share', (strategy) => strategy.usage?.cachedInputShare),
  csvNumber('cache_saved', 'cache_saved_usd', (strategy) => strategy.usage?.cacheSavedUsd),
  csvCount(
    'cache_hits_lost_to_spreading',
    'cache_hits_lost_to_spreading',
    (strategy) => strategy.usage?.spreadMisses,
  ),
  csvNumber(
    'cache_lost_to_spreading',
    'cache_lost_to_spreading_usd',
    (strategy) => strategy.usage?.spreadMissUsd,
  ),
  csvCount('completion_tokens', 'completion_tokens', (strategy) => strategy.usage?.completionTokens),
  csvCount('reasoning_tokens', 'reasoning_tokens', (strategy) => strategy.usage?.reasoningTokens),
  csvNumber('reasoning_cost', 'reasoning_cost_usd', (strategy) => strategy.usage?.reasoningUsd),
  csvNumber('reasoning_cost_share', 'reasoning_cost_share', (strategy) => strategy.usage?.reasoningCostShare),
];
