/**
 * `routesim compare --format junit`: one testsuite per strategy, one testcase per metric check
 * (cost, quality, p95), a failure carrying the check's message when it regressed. A strategy in
 * only one run is a skipped testcase, so CI shows it instead of silently dropping it.
 */
import { formatTolerance, METRIC_LABELS, methodLine } from '../compare/format.ts';
import type { Comparison } from '../compare/types.ts';
import { type JUnitSuite, renderJUnit } from './junit.ts';

export function renderCompareJUnit(comparison: Comparison): string {
  const suites: JUnitSuite[] = comparison.strategies.map((strategy) => {
    const classname = `routesim.compare.${strategy.name}`;
    if (strategy.presence !== 'both') {
      const skipped =
        strategy.presence === 'new'
          ? `${strategy.name} is new: not in the baseline run`
          : `${strategy.name} was removed: only in the baseline run`;
      return { name: strategy.name, cases: [{ name: 'present in both runs', classname, skipped }] };
    }
    return {
      name: strategy.name,
      properties: { method: methodLine(comparison) },
      cases: strategy.checks.map((check) => ({
        name: `${METRIC_LABELS[check.metric]} ${formatTolerance(check.metric, comparison.tolerances)}`,
        classname,
        ...(check.regression
          ? {
              failure: {
                message: check.message,
                type: 'regression',
                details: `${strategy.name}: ${check.message}`,
              },
            }
          : {}),
      })),
    };
  });
  return renderJUnit('routesim compare', suites);
}
