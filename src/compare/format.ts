/**
 * Number formatting shared by the compare outputs (text, Markdown, JUnit), so every format says
 * the same thing: USD per request to 3 significant digits, quality as a score and its changes in
 * points, latency in whole ms, relative changes in % with one decimal, "−" for minus.
 */
import type { Interval } from '../metrics/types.ts';
import { formatDuration } from '../scenario/durations.ts';
import type { Comparison, MetricCheck, MetricName, RunIdentity, Tolerances } from './types.ts';

const MINUS = '−';
const usdDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, useGrouping: false });
const msDigits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const sign = (value: number) => (value < 0 ? MINUS : value > 0 ? '+' : '');

export const METRIC_LABELS: Record<MetricName, string> = {
  cost: 'cost/request',
  quality: 'quality',
  p95: 'p95 latency',
};

export function formatUsd(value: number, signed = false): string {
  const text = `$${usdDigits.format(Math.abs(value))}`;
  return signed ? `${sign(value)}${text}` : value < 0 ? `${MINUS}${text}` : text;
}

export function formatMs(value: number, signed = false): string {
  const text = `${msDigits.format(Math.abs(value))} ms`;
  return signed ? `${sign(value)}${text}` : value < 0 ? `${MINUS}${text}` : text;
}

export const formatPoints = (value: number) => `${sign(value)}${Math.abs(value).toFixed(1)} pt`;
export const formatRelative = (value: number) => `${sign(value)}${(Math.abs(value) * 100).toFixed(1)}%`;

/** A run's value of the metric: "$0.00123", "0.812", "2,340 ms"; "—" when none. */
export function formatValue(metric: MetricName, value: number | null): string {
  if (value === null) return '—';
  if (metric === 'cost') return formatUsd(value);
  if (metric === 'quality') return value.toFixed(3);
  return formatMs(value);
}

function formatAbsolute(metric: MetricName, value: number): string {
  if (metric === 'cost') return formatUsd(value, true);
  if (metric === 'quality') return formatPoints(value);
  return formatMs(value, true);
}

/** The change: "+$0.00017 (+13.8%)", "−2.3 pt", "+70 ms (+3.0%)"; "—" when not measurable. */
export function formatChange(check: Pick<MetricCheck, 'metric' | 'change' | 'relative'>): string {
  if (check.change === null) return '—';
  const absolute = formatAbsolute(check.metric, check.change.estimate);
  return check.relative === null ? absolute : `${absolute} (${formatRelative(check.relative.estimate)})`;
}

/** The 95% interval: "[+$0.00015, +$0.00019] [+12.0%, +15.6%]", "[−3.1 pt, −1.4 pt]". */
export function formatInterval(check: Pick<MetricCheck, 'metric' | 'change' | 'relative'>): string {
  if (check.change === null) return '—';
  const interval: Interval = check.change;
  const absolute = `[${formatAbsolute(check.metric, interval.low)}, ${formatAbsolute(check.metric, interval.high)}]`;
  if (check.relative === null) return absolute;
  return `${absolute} [${formatRelative(check.relative.low)}, ${formatRelative(check.relative.high)}]`;
}

/** The tolerance as a bound on the change: "≤ +5.0%", "≥ −1.0 pt", "≤ +10.0%". */
export function formatTolerance(metric: MetricName, tolerances: Tolerances): string {
  if (metric === 'cost') return `≤ ${formatRelative(tolerances.costIncrease)}`;
  if (metric === 'quality') return `≥ ${formatPoints(-tolerances.qualityDropPoints)}`;
  return `≤ ${formatRelative(tolerances.p95Increase)}`;
}

const FINDING_LABELS = {
  regression: 'REGRESSION',
  'within-tolerance': 'ok (worse, within tolerance)',
  'not-significant': 'ok (not significant)',
  improvement: 'ok (better)',
  'not-measurable': 'n/a',
} as const;

export const formatFinding = (check: MetricCheck) => FINDING_LABELS[check.finding];

/** "1 regression: cascade (quality)" or "no regression in 8 strategies"; plus new/removed counts. */
export function headline(comparison: Comparison): string {
  const failing = comparison.strategies.filter((strategy) => strategy.regression);
  const compared = comparison.strategies.filter((strategy) => strategy.presence === 'both').length;
  const parts = [
    failing.length === 0
      ? `no regression in ${compared} compared ${compared === 1 ? 'strategy' : 'strategies'}`
      : `${comparison.regressions} regression${comparison.regressions === 1 ? '' : 's'}: ${failing
          .map(
            (strategy) =>
              `${strategy.name} (${strategy.checks
                .filter((entry) => entry.regression)
                .map((entry) => METRIC_LABELS[entry.metric])
                .join(', ')})`,
          )
          .join(', ')}`,
  ];
  const added = comparison.strategies.filter((strategy) => strategy.presence === 'new').length;
  const removed = comparison.strategies.filter((strategy) => strategy.presence === 'removed').length;
  if (added > 0) parts.push(`${added} new`);
  if (removed > 0) parts.push(`${removed} removed`);
  return parts.join('; ');
}

/** "2000 paired-bootstrap resamples (seed 0), 95% percentile intervals". */
export function methodLine(comparison: Comparison): string {
  const windows =
    comparison.blockMs === undefined
      ? ''
      : ` of whole ${formatDuration(comparison.blockMs)} windows of virtual time (block bootstrap)`;
  return `${comparison.methodReason}; ${comparison.resamples} ${comparison.method} resamples${windows} (seed ${comparison.seed}), 95% percentile intervals`;
}

export function tolerancesLine(tolerances: Tolerances): string {
  return (['cost', 'quality', 'p95'] as const)
    .map((metric) => `${METRIC_LABELS[metric]} ${formatTolerance(metric, tolerances)}`)
    .join(', ');
}

/**
 * "Small e2e run, seed 7, 1,201 requests"; a run without research says so (its APGR, CPT and AIQ
 * are absent, which compare does not check anyway).
 */
export const describeRun = (run: RunIdentity) =>
  `${run.scenarioName}, seed ${run.seed}, ${run.requests.toLocaleString('en-US')} requests${
    run.researchNotRun === true
      ? '; simulated with --no-research, so it has no APGR, CPT, AIQ or hull — compare checks cost, quality and p95 only'
      : ''
  }`;
