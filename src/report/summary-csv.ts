/**
 * summary.csv: one row per run (scenario strategies, then sweep points and single models, as
 * `kind` says), the headline metrics at fixed precision. Text cells are neutralised against
 * formula injection.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { STATUS_NAMES } from '../engine/types.ts';
import type {
  FailureKind,
  Interval,
  ShadowMetrics,
  StrategyMetrics,
  UsageMetrics,
} from '../metrics/types.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { csvCell } from './csv-safe.ts';
import { fixed } from './precision.ts';
import type { Reporter } from './types.ts';

export const SUMMARY_FILE = 'summary.csv';

const FAILURE_KINDS = STATUS_NAMES.filter((name): name is FailureKind => name !== 'answered');

export const SUMMARY_COLUMNS = [
  'strategy',
  'family',
  'kind',
  'knob_value',
  'requests',
  'cost_total_usd',
  'cost_per_1k_usd',
  'cost_per_day_usd',
  'cost_per_month_usd',
  'shadow_cost_usd',
  'savings',
  'quality',
  'relative_quality',
  'quality_delta_pts',
  'quality_delta_low_pts',
  'quality_delta_high_pts',
  'cost_delta_usd',
  'cost_delta_low_usd',
  'cost_delta_high_usd',
  'answered_rate',
  'goodput',
  'latency_p50_ms',
  'latency_p90_ms',
  'latency_p95_ms',
  'latency_p99_ms',
  'latency_max_ms',
  'ttft_p50_ms',
  'escalation_rate',
  'fallback_rate',
  ...FAILURE_KINDS.map((kind) => `failures_${kind.replaceAll('-', '_')}`),
  // Shadow evaluation (empty unless the strategy ran with the `shadow` option); last, so the
  // columns before them keep their positions.
  'shadow_sampled',
  'shadow_compared',
  'shadow_disagreed',
  'shadow_disagreement_rate',
  'shadow_disagreement_low',
  'shadow_disagreement_high',
  // Tokens, hidden reasoning and prompt caching (empty for a run without usage totals); appended
  // after the shadow columns for the same reason.
  'prompt_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'cached_input_share',
  'cache_saved_usd',
  'cache_hits_lost_to_spreading',
  'cache_lost_to_spreading_usd',
  'completion_tokens',
  'reasoning_tokens',
  'reasoning_cost_usd',
  'reasoning_cost_share',
] as const;

const number = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : csvCell(fixed(value));

const interval = (value: Interval | null | undefined) =>
  value === null || value === undefined
    ? ['', '', '']
    : [number(value.estimate), number(value.low), number(value.high)];

export function summaryRow(strategy: StrategyMetrics): (string | number)[] {
  const latency = strategy.latency;
  return [
    csvCell(strategy.name),
    csvCell(strategy.family),
    csvCell(strategy.kind),
    number(strategy.knobValue),
    strategy.requestCount,
    number(strategy.cost.totalUsd),
    number(strategy.cost.per1kUsd),
    number(strategy.cost.perDayUsd),
    number(strategy.cost.perMonthUsd),
    number(strategy.cost.shadowUsd),
    number(strategy.savings),
    number(strategy.quality.mean),
    number(strategy.quality.relative),
    ...interval(strategy.difference?.quality),
    ...interval(strategy.difference?.cost),
    number(strategy.answeredRate),
    number(strategy.goodput),
    number(latency?.p50),
    number(latency?.p90),
    number(latency?.p95),
    number(latency?.p99),
    number(latency?.max),
    number(latency?.ttftP50),
    number(strategy.escalationRate),
    number(strategy.fallbackRate),
    ...FAILURE_KINDS.map((kind) => strategy.failures[kind]),
    ...shadowCells(strategy.shadow),
    ...usageCells(strategy.usage),
  ];
}

function usageCells(usage: UsageMetrics | undefined): (string | number)[] {
  if (usage === undefined) return new Array<string>(11).fill('');
  return [
    usage.promptTokens,
    usage.cachedTokens,
    usage.cacheWriteTokens,
    number(usage.cachedInputShare),
    number(usage.cacheSavedUsd),
    usage.spreadMisses,
    number(usage.spreadMissUsd),
    usage.completionTokens,
    usage.reasoningTokens,
    number(usage.reasoningUsd),
    number(usage.reasoningCostShare),
  ];
}

function shadowCells(shadow: ShadowMetrics | undefined): (string | number)[] {
  if (shadow === undefined) return ['', '', '', '', '', ''];
  return [
    shadow.sampled,
    shadow.compared,
    shadow.disagreed,
    number(shadow.disagreementRate),
    number(shadow.disagreementInterval?.low),
    number(shadow.disagreementInterval?.high),
  ];
}

export function summaryCsv(strategies: readonly StrategyMetrics[]): string {
  return stringify([[...SUMMARY_COLUMNS], ...strategies.map(summaryRow)]);
}

export function summaryReporter(outDir: string): Reporter {
  return {
    onRunEnd(end) {
      writeFileAtomic(join(outDir, SUMMARY_FILE), summaryCsv(end.metrics.strategies));
    },
  };
}
