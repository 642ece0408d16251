/**
 * summary.md: the run as a pull-request-ready Markdown summary — a headline (thresholds passed or
 * not), the strategy table with the quality interval against the reference (and the share answered
 * within the SLO when one is set), the recommendation, what failed, the cost breakdown (hidden
 * reasoning, prompt caching) and every threshold.
 * Written with the other files of the run; nothing in it is wall-clock, so it is byte-identical
 * for the same scenario and seed.
 */
import { join } from 'node:path';
import { escapeControl } from '../control-characters.ts';
import type { OracleMetrics, StrategyMetrics, ThresholdResult } from '../metrics/types.ts';
import type { Reporter, RunEnd } from '../run/reporter.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { runNotes } from './console-reporter.ts';
import { healthSentences } from './html/health.ts';
import { recommendation } from './html/recommendation.ts';
import { strategyFindings } from './html/summary.ts';
import { escapeMarkdown, markdownTable } from './markdown.ts';
import { columnsFor, type ReportColumn } from './report-column.ts';
import { REPORT_COLUMNS } from './report-columns.ts';
import { formatPercent, formatUsd } from './text-format.ts';
import { worldSeedLabel, worldSeedMeans, worldSeedSpreadLines } from './world-seed-notes.ts';

export const MARKDOWN_SUMMARY_FILE = 'summary.md';

/** The strategy table: the Markdown columns of the list (every cell escaped), then the oracle bound. */
export function markdownStrategyTable(
  strategies: readonly StrategyMetrics[],
  oracle: OracleMetrics,
  list: readonly ReportColumn[] = REPORT_COLUMNS,
): string {
  const columns = columnsFor(list, 'markdown');
  const rows = strategies.map((strategy) => columns.map((view) => escapeMarkdown(view.cell(strategy))));
  const [, ...rest] = columns;
  rows.push([
    '*oracle bound (faults off)*',
    ...rest.map((view) => escapeMarkdown(view.oracleCell(oracle) ?? '')),
  ]);
  return markdownTable(
    columns.map((view) => view.label),
    columns.map((view) => view.align),
    rows,
  );
}

const USAGE_HEADERS = [
  'strategy',
  'reasoning tokens/req',
  'reasoning share of cost',
  'cached share of input',
  'saved by caching/1k',
  'cache hits lost to spreading',
];
const USAGE_ALIGN = ['left', 'right', 'right', 'right', 'right', 'right'] as const;

/** The cost-breakdown rows of the scenario strategies that carry usage totals. */
function usageRows(strategies: readonly StrategyMetrics[]): string[][] {
  return strategies.flatMap((strategy) => {
    const usage = strategy.usage;
    if (usage === undefined) return [];
    const perRequest = (value: number) => (strategy.requestCount === 0 ? 0 : value / strategy.requestCount);
    return [
      [
        escapeMarkdown(strategy.name),
        Math.round(perRequest(usage.reasoningTokens)).toLocaleString('en-US'),
        formatPercent(usage.reasoningCostShare),
        formatPercent(usage.cachedInputShare),
        formatUsd(perRequest(usage.cacheSavedUsd) * 1000),
        usage.spreadMisses.toLocaleString('en-US'),
      ],
    ];
  });
}

const thresholdLine = (result: ThresholdResult) =>
  `- ${result.pass ? '✅' : '❌'} \`${escapeControl(result.key.replace(/`/g, "'"))}\`: ${escapeMarkdown(result.expression)} — ${escapeMarkdown(result.reason)}`;

export function renderRunMarkdown(end: RunEnd): string {
  const { metrics, scenario, thresholds } = end;
  const failed = thresholds.filter((result) => !result.pass).length;
  const verdict =
    thresholds.length === 0
      ? 'no thresholds set'
      : failed === 0
        ? `all ${thresholds.length} thresholds pass`
        : `${failed} of ${thresholds.length} thresholds failed`;
  const icon = thresholds.length === 0 ? 'ℹ️' : failed === 0 ? '✅' : '❌';
  const scenarioRuns = metrics.strategies.filter((strategy) => strategy.kind === 'strategy');
  const lines = [
    `## ${icon} routesim: ${escapeMarkdown(scenario.name)} — ${verdict}`,
    '',
    `${metrics.requestCount.toLocaleString('en-US')} requests, seed ${end.provenance.seed}, reference ${escapeMarkdown(metrics.reference)}.`,
    '',
    markdownStrategyTable(scenarioRuns, metrics.oracle),
    '',
    `Δ quality: difference from ${escapeMarkdown(metrics.reference)} in points, ${worldSeedLabel(metrics.intervals) ?? metrics.intervals.method} (${metrics.intervals.resamples} resamples, 95%); ~ = the interval contains 0 (no significant difference).`,
  ];
  if (metrics.seeds !== undefined) {
    lines.push(
      '',
      `**World seeds.** ${escapeMarkdown(worldSeedMeans(metrics.seeds))}. Per world, min–max:`,
      '',
      ...worldSeedSpreadLines(metrics.seeds).map((line) => `- ${escapeMarkdown(line)}`),
    );
  }
  const sloMs = scenario.slo?.latencyMs;
  const reference = scenarioRuns.find((strategy) => strategy.name === metrics.reference);
  if (reference !== undefined) {
    const others = scenarioRuns.filter((strategy) => strategy !== reference);
    const advice = recommendation(others, reference, sloMs, (strategy) =>
      strategyFindings(strategy, reference),
    );
    lines.push('', `**Recommendation.** ${escapeMarkdown(advice.join(' '))}`);
  }
  const health = healthSentences({
    strategies: metrics.strategies,
    faults: end.faults,
    window: metrics.window,
  });
  lines.push('', `**Failures.** ${escapeMarkdown(health.join(' '))}`);
  const usage = usageRows(scenarioRuns);
  if (usage.length > 0) {
    lines.push('', '### Cost breakdown', '', markdownTable(USAGE_HEADERS, USAGE_ALIGN, usage));
  }
  const notes = runNotes(metrics);
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${escapeMarkdown(note)}`));
  if (thresholds.length > 0) lines.push('', '### Thresholds', '', ...thresholds.map(thresholdLine));
  return `${lines.join('\n')}\n`;
}

export function markdownReporter(outDir: string): Reporter {
  return {
    onRunEnd(end) {
      writeFileAtomic(join(outDir, MARKDOWN_SUMMARY_FILE), renderRunMarkdown(end));
    },
  };
}
