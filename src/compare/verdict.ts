/**
 * Verdicts (metrics.md): a change is a regression when its point estimate is worse than the
 * tolerance allows AND its 95% interval excludes 0. Cost and p95 tolerances are relative to the
 * baseline's value; quality's is in points.
 */
import type { Interval } from '../metrics/types.ts';
import type { StrategyChanges } from './bootstrap-changes.ts';
import { formatChange, formatInterval, formatTolerance, METRIC_LABELS } from './format.ts';
import type { Finding, MetricCheck, MetricName, Tolerances } from './types.ts';

/** Every check of one strategy present in both runs, in the order cost, quality, p95. */
export function checkChanges(changes: StrategyChanges, tolerances: Tolerances): MetricCheck[] {
  const { baseline, current } = changes;
  return [
    check('cost', baseline.cost, current.cost, changes.cost, tolerances, {
      limit: tolerances.costIncrease * (baseline.cost ?? 0),
      worseIsUp: true,
    }),
    check('quality', baseline.quality, current.quality, changes.quality, tolerances, {
      limit: tolerances.qualityDropPoints,
      worseIsUp: false,
    }),
    check('p95', baseline.p95, current.p95, changes.p95, tolerances, {
      limit: tolerances.p95Increase * (baseline.p95 ?? 0),
      worseIsUp: true,
    }),
  ];
}

function check(
  metric: MetricName,
  baseline: number | null,
  current: number | null,
  change: Interval | null,
  tolerances: Tolerances,
  rule: { limit: number; worseIsUp: boolean },
): MetricCheck {
  const relative =
    metric === 'quality' || change === null || baseline === null || baseline === 0
      ? null
      : { estimate: change.estimate / baseline, low: change.low / baseline, high: change.high / baseline };
  const partial = { metric, baseline, current, change, relative, limit: rule.limit };
  const tolerance = formatTolerance(metric, tolerances);
  if (change === null) {
    // The current run answered nothing while the baseline did: that is worse than any p95.
    const lostEverything = metric === 'p95' && baseline !== null && current === null;
    const finding: Finding = lostEverything ? 'regression' : 'not-measurable';
    const message = lostEverything
      ? `${METRIC_LABELS[metric]}: the current run answered no request (baseline ${baseline} ms)`
      : `${METRIC_LABELS[metric]}: not measurable (no ${metric === 'p95' ? 'answered request' : 'request'} in a run)`;
    return { ...partial, finding, regression: lostEverything, message };
  }
  // Worsening in the change's own unit: up is worse for cost and p95, down for quality.
  const worsening = rule.worseIsUp ? change.estimate : -change.estimate;
  const finding: Finding = !change.significant
    ? 'not-significant'
    : worsening > rule.limit
      ? 'regression'
      : worsening > 0
        ? 'within-tolerance'
        : 'improvement';
  const what = `${METRIC_LABELS[metric]} ${formatChange(partial)} ${formatInterval(partial)}`;
  const message = {
    regression: `${what} is worse than the tolerance (${tolerance}) and the 95% interval excludes 0`,
    'within-tolerance': `${what} is worse, but within the tolerance (${tolerance})`,
    'not-significant': `${what}: no significant change (the 95% interval contains 0)`,
    improvement: `${what}: significantly better`,
    'not-measurable': '',
  }[finding];
  return { ...partial, finding, regression: finding === 'regression', message };
}
