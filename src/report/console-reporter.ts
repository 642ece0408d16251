/**
 * The console summary: one row per scenario strategy plus the oracle bound — cost per 1,000
 * requests, savings against the reference, quality with the 95% interval of its difference from
 * the reference, p50/p95 latency, answered rate, share answered within the SLO ("in SLO", — when
 * the scenario sets none), escalation and fallback rates — then notes on
 * what failed by kind (health.ts), shadow evaluation and the judge-ε study when the run has them
 * (summary.md shares them), the
 * thresholds and where the files went. Plain text on stdout; nothing here is wall-clock.
 */
import type { Interval, SimulationMetrics, StrategyMetrics, ThresholdResult } from '../metrics/types.ts';
import { healthSentences } from './html/health.ts';
import { robustnessNote } from './robustness-note.ts';
import { renderTable, type TableColumn } from './table.ts';
import type { Reporter, RunEnd } from './types.ts';

const MINUS = '−';

const signed = (value: number, digits: number) =>
  `${value < 0 ? MINUS : value > 0 ? '+' : ''}${Math.abs(value).toFixed(digits)}`;

export const formatUsd = (value: number) => `$${value.toFixed(value >= 100 ? 2 : 4)}`;
export const formatPercent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value >= 10_000
    ? `${(value / 1000).toFixed(1)} s`
    : `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** "−3.1 [−3.9, −2.3]" in points; "ref" for the reference itself. */
export function formatQualityDelta(interval: Interval | undefined): string {
  if (interval === undefined) return 'ref';
  const points = (value: number) => signed(value, 1);
  return `${points(interval.estimate)} [${points(interval.low)}, ${points(interval.high)}]${interval.significant ? '' : ' ~'}`;
}

const COLUMNS: TableColumn[] = [
  { header: 'strategy', align: 'left' },
  { header: 'cost/1k', align: 'right' },
  { header: 'savings', align: 'right' },
  { header: 'quality', align: 'right' },
  { header: 'Δ quality pts (95% CI)', align: 'right' },
  { header: 'p50', align: 'right' },
  { header: 'p95', align: 'right' },
  { header: 'answered', align: 'right' },
  { header: 'in SLO', align: 'right' },
  { header: 'escalated', align: 'right' },
  { header: 'fallback', align: 'right' },
];

function strategyRow(strategy: StrategyMetrics): string[] {
  return [
    strategy.name,
    formatUsd(strategy.cost.per1kUsd),
    strategy.savings === null ? '—' : `${signed(strategy.savings * 100, 1)}%`,
    strategy.quality.mean.toFixed(3),
    formatQualityDelta(strategy.difference?.quality),
    formatMs(strategy.latency?.p50),
    formatMs(strategy.latency?.p95),
    formatPercent(strategy.answeredRate),
    formatPercent(strategy.goodput),
    formatPercent(strategy.escalationRate),
    formatPercent(strategy.fallbackRate),
  ];
}

const count = (value: number) => value.toLocaleString('en-US');

/** One line per shadowed scenario strategy (a note under the table; summary.md shares it). */
export function shadowNotes(metrics: SimulationMetrics): string[] {
  return metrics.strategies.flatMap((strategy) => {
    const shadow = strategy.shadow;
    if (strategy.kind !== 'strategy' || shadow === undefined) return [];
    const interval = shadow.disagreementInterval;
    const rate =
      shadow.disagreementRate === null || interval === null
        ? 'no answers to compare'
        : `${count(shadow.disagreed)} of ${count(shadow.compared)} compared answers disagreed, ${formatPercent(shadow.disagreementRate)} [${formatPercent(interval.low)}, ${formatPercent(interval.high)}] (95% Wilson)`;
    return [
      `shadow evaluation of ${strategy.name}: ${count(shadow.sampled)} requests (${formatPercent(shadow.share)} sample) re-sent to ${shadow.reference}; ${rate} — an upper bound on its silent routing errors.`,
    ];
  });
}

/** The judge-ε study in one line (a note under the table), or none. */
export function judgeEpsilonNote(metrics: SimulationMetrics): string[] {
  const study = metrics.research.judgeEpsilon;
  const first = study?.points[0];
  const last = study?.points[study.points.length - 1];
  if (study === undefined || first === undefined || last === undefined) return [];
  return [
    `judge ε study of ${study.strategy} (judge ${study.judgeModel}, first ${count(study.count)} requests): ` +
      `ε ${first.epsilon} → ${last.epsilon}: quality ${first.quality.toFixed(3)} → ${last.quality.toFixed(3)}, ` +
      `cost/1k ${formatUsd(first.costPerRequestUsd * 1000)} → ${formatUsd(last.costPerRequestUsd * 1000)} (this scenario: ε ${study.epsilon}).`,
  ];
}

function thresholdLine(result: ThresholdResult): string {
  return `  ${result.pass ? '✓' : '✖'} ${result.key}: ${result.expression} — ${result.reason}`;
}

/** The whole summary as text (pure; the reporter prints it). */
export function renderSummary(end: RunEnd, outDir: string): string {
  const { metrics, scenario } = end;
  const rows = metrics.strategies.filter((strategy) => strategy.kind === 'strategy').map(strategyRow);
  const oracle = metrics.oracle;
  rows.push([
    'oracle bound (faults off)',
    formatUsd(oracle.cost.per1kUsd),
    '',
    oracle.quality.toFixed(3),
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  const sweeps = metrics.strategies.length - rows.length + 1;
  const lines = [
    `${scenario.name} — ${metrics.requestCount.toLocaleString('en-US')} requests, seed ${end.provenance.seed}, ` +
      `reference ${metrics.reference}${sweeps > 0 ? ` (+${sweeps} sweep points and single-model runs)` : ''}`,
    '',
    renderTable(COLUMNS, rows),
    '',
    `Δ quality: difference from ${metrics.reference} in points, ${metrics.intervals.method === 'block-bootstrap' ? `block bootstrap over ${Math.round((metrics.intervals.blockMs ?? 0) / 60_000)}-minute windows` : 'paired bootstrap'} (${metrics.intervals.resamples} resamples); ~ = interval contains 0.`,
  ];
  lines.push(
    '',
    ...healthSentences({ strategies: metrics.strategies, faults: end.faults, window: metrics.window }),
  );
  const notes = [...shadowNotes(metrics), ...judgeEpsilonNote(metrics), ...robustnessNote(metrics)];
  if (notes.length > 0) lines.push('', ...notes);
  if (end.thresholds.length > 0) {
    const failed = end.thresholds.filter((result) => !result.pass).length;
    lines.push('', `thresholds: ${end.thresholds.length - failed} passed, ${failed} failed`);
    lines.push(...end.thresholds.map(thresholdLine));
  }
  lines.push(
    '',
    `wrote ${outDir}/ (report.html, results.json, summary.md, summary.csv, decisions.csv, columns.bin, timings.json)`,
  );
  return `${lines.join('\n')}\n`;
}

export function consoleReporter(write: (text: string) => void, outDir: string): Reporter {
  return {
    onRunEnd(end) {
      write(renderSummary(end, outDir));
    },
  };
}
