/** The comparison as a plain-text table for terminals and CI logs (pure); input strings escaped. */
import { escapeControl } from '../control-characters.ts';
import { renderTable, type TableColumn } from '../report/table.ts';
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
} from './format.ts';
import type { Comparison } from './types.ts';

const COLUMNS: TableColumn[] = [
  { header: 'strategy', align: 'left' },
  { header: 'metric', align: 'left' },
  { header: 'baseline', align: 'right' },
  { header: 'current', align: 'right' },
  { header: 'change', align: 'right' },
  { header: '95% interval', align: 'left' },
  { header: 'allowed', align: 'left' },
  { header: 'verdict', align: 'left' },
];

export function renderCompareText(comparison: Comparison): string {
  const rows: string[][] = [];
  for (const strategy of comparison.strategies) {
    if (strategy.presence !== 'both') {
      const note = strategy.presence === 'new' ? 'new: not in the baseline' : 'removed: only in the baseline';
      rows.push([escapeControl(strategy.name), '—', '', '', '', '', '', note]);
      continue;
    }
    strategy.checks.forEach((check, index) => {
      rows.push([
        index === 0 ? escapeControl(strategy.name) : '',
        METRIC_LABELS[check.metric],
        formatValue(check.metric, check.baseline),
        formatValue(check.metric, check.current),
        formatChange(check),
        formatInterval(check),
        formatTolerance(check.metric, comparison.tolerances),
        formatFinding(check),
      ]);
    });
  }
  const lines = [
    `routesim compare: ${comparison.regressions > 0 ? '✖' : '✓'} ${headline(comparison)}`,
    `  current:  ${escapeControl(comparison.current.dir)} (${escapeControl(describeRun(comparison.current))})`,
    `  baseline: ${escapeControl(comparison.baseline.dir)} (${escapeControl(describeRun(comparison.baseline))})`,
    `  method:   ${methodLine(comparison)}`,
    '',
    renderTable(COLUMNS, rows),
    '',
    'A change is a regression when it is worse than allowed AND its 95% interval excludes 0.',
  ];
  return `${lines.join('\n')}\n`;
}
