/**
 * summary.md: the run as a pull-request-ready Markdown summary — a headline (thresholds passed or
 * not), the strategy table with the quality interval against the reference, and every threshold.
 * Written with the other files of the run; nothing in it is wall-clock, so it is byte-identical
 * for the same scenario and seed.
 */
import { join } from 'node:path';
import type { StrategyMetrics, ThresholdResult } from '../metrics/types.ts';
import { writeFileAtomic } from './atomic-write.ts';
import {
  formatMs,
  formatPercent,
  formatQualityDelta,
  formatUsd,
  judgeEpsilonNote,
  shadowNotes,
} from './console-reporter.ts';
import { escapeMarkdown, markdownTable } from './markdown.ts';
import { robustnessNote } from './robustness-note.ts';
import type { Reporter, RunEnd } from './types.ts';

export const MARKDOWN_SUMMARY_FILE = 'summary.md';

const HEADERS = ['strategy', 'cost/1k', 'savings', 'quality', 'Δ quality pts (95% CI)', 'p95', 'answered'];
const ALIGN = ['left', 'right', 'right', 'right', 'right', 'right', 'right'] as const;

function strategyRow(strategy: StrategyMetrics): string[] {
  const savings = strategy.savings === null ? '—' : `${(strategy.savings * 100).toFixed(1)}%`;
  return [
    escapeMarkdown(strategy.name),
    formatUsd(strategy.cost.per1kUsd),
    savings.replace('-', '−'),
    strategy.quality.mean.toFixed(3),
    escapeMarkdown(formatQualityDelta(strategy.difference?.quality)),
    formatMs(strategy.latency?.p95),
    formatPercent(strategy.answeredRate),
  ];
}

const thresholdLine = (result: ThresholdResult) =>
  `- ${result.pass ? '✅' : '❌'} \`${result.key.replace(/`/g, "'")}\`: ${escapeMarkdown(result.expression)} — ${escapeMarkdown(result.reason)}`;

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
  const rows = metrics.strategies.filter((strategy) => strategy.kind === 'strategy').map(strategyRow);
  rows.push([
    '*oracle bound (faults off)*',
    formatUsd(metrics.oracle.cost.per1kUsd),
    '',
    metrics.oracle.quality.toFixed(3),
    '',
    '',
    '',
  ]);
  const lines = [
    `## ${icon} routesim: ${escapeMarkdown(scenario.name)} — ${verdict}`,
    '',
    `${metrics.requestCount.toLocaleString('en-US')} requests, seed ${end.provenance.seed}, reference ${escapeMarkdown(metrics.reference)}.`,
    '',
    markdownTable(HEADERS, ALIGN, rows),
    '',
    `Δ quality: difference from ${escapeMarkdown(metrics.reference)} in points, ${metrics.intervals.method} (${metrics.intervals.resamples} resamples, 95%); ~ = the interval contains 0 (no significant difference).`,
  ];
  const notes = [...shadowNotes(metrics), ...judgeEpsilonNote(metrics), ...robustnessNote(metrics)];
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
