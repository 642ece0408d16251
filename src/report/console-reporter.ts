/**
 * The console summary: one row per scenario strategy plus the oracle bound — cost per 1,000
 * requests, savings against the reference, quality with the 95% interval of its difference from
 * the reference, p50/p95 latency, answered rate, share answered within the SLO ("in SLO", — when
 * the scenario sets none), escalation and fallback rates — then notes on
 * what failed by kind (health.ts), shadow evaluation and the judge-ε study when the run has them
 * (summary.md shares them), that research was not run (--no-research), the
 * thresholds and where the files went. Plain text on stdout; nothing here is wall-clock. Every
 * string that came from input (names, keys, paths) is escaped (control-characters.ts): stdout is
 * a terminal or a CI log.
 */
import { escapeControl } from '../control-characters.ts';
import { researchRan } from '../metrics/research-not-run.ts';
import type { OracleMetrics, SimulationMetrics, StrategyMetrics, ThresholdResult } from '../metrics/types.ts';
import type { Reporter, RunEnd } from '../run/reporter.ts';
import { healthSentences } from './html/health.ts';
import { columnsFor, type ReportColumn } from './report-column.ts';
import { REPORT_COLUMNS } from './report-columns.ts';
import { researchNote } from './research-note.ts';
import { robustnessNote } from './robustness-note.ts';
import { renderTable } from './table.ts';
import { formatPercent, formatUsd } from './text-format.ts';
import { worldSeedLabel, worldSeedMeans, worldSeedSpreadLines } from './world-seed-notes.ts';

export { formatMs, formatPercent, formatQualityDelta, formatUsd } from './text-format.ts';

/** The strategy table: the console columns of the list, and the oracle bound's row under them. */
export function consoleTable(
  strategies: readonly StrategyMetrics[],
  oracle: OracleMetrics,
  list: readonly ReportColumn[] = REPORT_COLUMNS,
): string {
  const columns = columnsFor(list, 'console');
  const rows = strategies.map((strategy) => columns.map((view) => escapeControl(view.cell(strategy))));
  const [, ...rest] = columns;
  rows.push(['oracle bound (faults off)', ...rest.map((view) => view.oracleCell(oracle) ?? '')]);
  return renderTable(
    columns.map((view) => ({ header: view.label, align: view.align })),
    rows,
  );
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

/** The notes under the strategy table, in order (the console summary and summary.md share them). */
export function runNotes(metrics: SimulationMetrics): string[] {
  return [
    ...shadowNotes(metrics),
    ...judgeEpsilonNote(metrics),
    ...robustnessNote(metrics),
    ...researchNote(metrics),
  ];
}

/** The judge-ε study in one line (a note under the table), or none. */
export function judgeEpsilonNote(metrics: SimulationMetrics): string[] {
  const study = researchRan(metrics.research) ? metrics.research.judgeEpsilon : undefined;
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
  return escapeControl(`  ${result.pass ? '✓' : '✖'} ${result.key}: ${result.expression} — ${result.reason}`);
}

/** The whole summary as text (pure; the reporter prints it); `decisionsFile` null = none written. */
export function renderSummary(end: RunEnd, outDir: string, decisionsFile: string | null): string {
  const { metrics, scenario } = end;
  const scenarioRuns = metrics.strategies.filter((strategy) => strategy.kind === 'strategy');
  const sweeps = metrics.strategies.length - scenarioRuns.length;
  const lines = [
    `${escapeControl(scenario.name)} — ${metrics.requestCount.toLocaleString('en-US')} requests, seed ${end.provenance.seed}, ` +
      `reference ${escapeControl(metrics.reference)}${sweeps > 0 ? ` (+${sweeps} sweep points and single-model runs)` : ''}`,
    '',
    consoleTable(scenarioRuns, metrics.oracle),
    '',
    `Δ quality: difference from ${escapeControl(metrics.reference)} in points, ${worldSeedLabel(metrics.intervals) ?? (metrics.intervals.method === 'block-bootstrap' ? `block bootstrap over ${Math.round((metrics.intervals.blockMs ?? 0) / 60_000)}-minute windows` : 'paired bootstrap')} (${metrics.intervals.resamples} resamples); ~ = interval contains 0.`,
  ];
  if (metrics.seeds !== undefined) {
    lines.push(
      `World seeds: ${worldSeedMeans(metrics.seeds)}. Per world, min–max:`,
      ...worldSeedSpreadLines(metrics.seeds).map((line) => `  ${escapeControl(line)}`),
    );
  }
  lines.push(
    '',
    ...healthSentences({ strategies: metrics.strategies, faults: end.faults, window: metrics.window }).map(
      escapeControl,
    ),
  );
  const notes = runNotes(metrics);
  if (notes.length > 0) lines.push('', ...notes.map(escapeControl));
  if (end.thresholds.length > 0) {
    const failed = end.thresholds.filter((result) => !result.pass).length;
    lines.push('', `thresholds: ${end.thresholds.length - failed} passed, ${failed} failed`);
    lines.push(...end.thresholds.map(thresholdLine));
  }
  lines.push(
    '',
    `wrote ${escapeControl(outDir)}/ (report.html, results.json, summary.md, summary.csv, ${decisionsFile === null ? '' : `${decisionsFile}, `}columns.bin, timings.json)`,
  );
  return `${lines.join('\n')}\n`;
}

export function consoleReporter(
  write: (text: string) => void,
  outDir: string,
  decisionsFile: string | null,
): Reporter {
  return {
    onRunEnd(end) {
      write(renderSummary(end, outDir, decisionsFile));
    },
  };
}
