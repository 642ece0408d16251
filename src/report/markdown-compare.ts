/**
 * `routesim compare --format markdown`: a pull-request summary — the verdict first, then one
 * row per strategy and metric with its interval, then how the intervals were made (paired or
 * unpaired) and the tolerances. Pure: the CLI writes it (and appends it to $GITHUB_STEP_SUMMARY).
 */
import {
  describeRun,
  formatChange,
  formatFinding,
  formatInterval,
  formatTolerance,
  formatValue,
  headline,
  METRIC_LABELS,
  methodLine,
  tolerancesLine,
} from '../compare/format.ts';
import type { Comparison } from '../compare/types.ts';
import { escapeMarkdown, markdownTable } from './markdown.ts';

const HEADERS = ['strategy', 'metric', 'baseline', 'current', 'change', '95% interval', 'allowed', 'verdict'];
const ALIGN = ['left', 'left', 'right', 'right', 'right', 'left', 'left', 'left'] as const;

export function renderCompareMarkdown(comparison: Comparison): string {
  const failed = comparison.regressions > 0;
  const rows: string[][] = [];
  for (const strategy of comparison.strategies) {
    const name = escapeMarkdown(strategy.name);
    if (strategy.presence !== 'both') {
      const note =
        strategy.presence === 'new' ? '🆕 new: not in the baseline' : '➖ removed: only in the baseline';
      rows.push([name, '—', '', '', '', '', '', note]);
      continue;
    }
    strategy.checks.forEach((check, index) => {
      const verdict = formatFinding(check);
      rows.push([
        index === 0 ? `**${name}**` : '',
        METRIC_LABELS[check.metric],
        formatValue(check.metric, check.baseline),
        formatValue(check.metric, check.current),
        formatChange(check),
        formatInterval(check),
        formatTolerance(check.metric, comparison.tolerances),
        check.regression ? `❌ **${verdict}**` : `✅ ${verdict}`,
      ]);
    });
  }
  const lines = [
    `## ${failed ? '❌' : '✅'} routesim compare: ${escapeMarkdown(headline(comparison))}`,
    '',
    markdownTable(HEADERS, ALIGN, rows),
    '',
    `- **Intervals:** ${escapeMarkdown(methodLine(comparison))}.`,
    `- **Allowed:** ${tolerancesLine(comparison.tolerances)}. A change is a regression only when it is worse than allowed *and* its 95% interval excludes 0.`,
    `- **Current run:** ${escapeMarkdown(comparison.current.dir)} (${escapeMarkdown(describeRun(comparison.current))})`,
    `- **Baseline run:** ${escapeMarkdown(comparison.baseline.dir)} (${escapeMarkdown(describeRun(comparison.baseline))})`,
  ];
  return `${lines.join('\n')}\n`;
}
