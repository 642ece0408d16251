/**
 * Check parsed thresholds against computed metrics. The values were measured from the columns by
 * computeMetrics (SimulationMetrics.thresholds, matched by source); a threshold with no measured
 * value — no samples, no SLO, an unknown tag — fails, as k6 fails a threshold with no data.
 */
import { compareThreshold, type ParsedThreshold } from '../scenario/thresholds.ts';
import type { SimulationMetrics, ThresholdResult } from './types.ts';

/** 'latency{strategy:cascade}' from the parsed key (tags in THRESHOLD_TAGS order as written). */
export function thresholdKey(threshold: ParsedThreshold): string {
  const tags = Object.entries(threshold.tags).map(([name, value]) => `${name}:${value}`);
  return tags.length === 0 ? threshold.metric : `${threshold.metric}{${tags.join(',')}}`;
}

/** 'p(95) < 4000' from the parsed expression. */
export function thresholdExpression(threshold: ParsedThreshold): string {
  const aggregation = threshold.aggregation;
  const name = aggregation.kind === 'percentile' ? `p(${aggregation.percentile})` : aggregation.kind;
  return `${name} ${threshold.operator} ${threshold.value}`;
}

export function evaluateThresholds(
  parsed: readonly ParsedThreshold[],
  metrics: SimulationMetrics,
): ThresholdResult[] {
  return parsed.map((threshold) => {
    const key = thresholdKey(threshold);
    const expression = thresholdExpression(threshold);
    const measured = metrics.thresholds.find((entry) => entry.source === threshold.source);
    if (measured === undefined) return { key, expression, actual: null, pass: false, reason: 'not measured' };
    if (measured.actual === null)
      return { key, expression, actual: null, pass: false, reason: measured.reason };
    const pass = compareThreshold(measured.actual, threshold.operator, threshold.value);
    const name = expression.slice(0, expression.indexOf(' '));
    return {
      key,
      expression,
      actual: measured.actual,
      pass,
      reason: `${name} = ${formatActual(measured.actual)} over ${measured.samples} samples; ${pass ? 'within' : 'breaks'} ${threshold.operator} ${threshold.value}`,
    };
  });
}

/** Six significant digits: enough to judge a threshold, stable across summation orders. */
function formatActual(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
