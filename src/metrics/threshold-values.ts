/**
 * Measure a k6-style threshold from the per-request columns (any p(N) needs the samples, not a
 * summary). Units as scenarios/README.md documents: latency and ttft in ms (answered requests),
 * quality a score per request (failed = 0), cost USD per request; answered, errors, failures and
 * goodput are yes/no per request (errors and failures both mean "not answered").
 * Without a strategy tag the samples pool every scenario strategy (not sweep points or single
 * models), as k6 pools every sample whose tags match.
 */

import { DOMAINS } from '../contracts/index.ts';
import { type RunColumns, Status } from '../engine/types.ts';
import type { ParsedThreshold } from '../scenario/thresholds.ts';
import { maximum, quantilesInPlace } from './quantiles.ts';
import type { RunKind, ThresholdActual } from './types.ts';

export interface ThresholdRun {
  name: string;
  kind: RunKind;
  columns: RunColumns;
}

export interface ThresholdContext {
  runs: readonly ThresholdRun[];
  /** Domain index per request (into DOMAINS). */
  domain: Uint8Array;
  /** Tier index per request (into tiers). */
  tier: Uint8Array;
  tiers: readonly string[];
  /** scenario.slo.latencyMs. */
  sloMs: number | undefined;
}

/** The measured value of one threshold; null (with a reason) when there is nothing to measure. */
export function measureThreshold(threshold: ParsedThreshold, context: ThresholdContext): ThresholdActual {
  const empty = (reason: string): ThresholdActual => ({
    source: threshold.source,
    actual: null,
    samples: 0,
    reason,
  });
  const strategy = threshold.tags.strategy;
  const runs =
    strategy === undefined
      ? context.runs.filter((run) => run.kind === 'strategy')
      : context.runs.filter((run) => run.name === strategy);
  if (runs.length === 0)
    return empty(strategy === undefined ? 'no strategy runs' : `no run named "${strategy}"`);
  if (threshold.metric === 'goodput' && context.sloMs === undefined) return empty('the scenario sets no slo');
  const domainIndex =
    threshold.tags.domain === undefined ? -1 : (DOMAINS as readonly string[]).indexOf(threshold.tags.domain);
  const tierIndex = threshold.tags.tier === undefined ? -1 : context.tiers.indexOf(threshold.tags.tier);
  if (threshold.tags.domain !== undefined && domainIndex < 0)
    return empty(`unknown domain "${threshold.tags.domain}"`);
  if (threshold.tags.tier !== undefined && tierIndex < 0)
    return empty(`unknown tier "${threshold.tags.tier}"`);

  const values: number[] = [];
  const slo = context.sloMs ?? Number.POSITIVE_INFINITY;
  for (const run of runs) {
    const columns = run.columns;
    for (let index = 0; index < columns.cost.length; index++) {
      if (domainIndex >= 0 && context.domain[index] !== domainIndex) continue;
      if (tierIndex >= 0 && context.tier[index] !== tierIndex) continue;
      const answered = columns.status[index] === Status.answered;
      switch (threshold.metric) {
        case 'latency':
          if (answered) values.push(columns.latency[index]!);
          break;
        case 'ttft':
          if (answered && !Number.isNaN(columns.ttft[index]!)) values.push(columns.ttft[index]!);
          break;
        case 'quality':
          values.push(columns.score[index]!);
          break;
        case 'cost':
          values.push(columns.cost[index]!);
          break;
        case 'answered':
          values.push(answered ? 1 : 0);
          break;
        case 'errors':
        case 'failures':
          values.push(answered ? 0 : 1);
          break;
        case 'goodput':
          values.push(answered && columns.latency[index]! <= slo ? 1 : 0);
          break;
      }
    }
  }
  if (values.length === 0) return empty('no samples');
  return {
    source: threshold.source,
    actual: aggregate(threshold, Float64Array.from(values)),
    samples: values.length,
    reason: '',
  };
}

function aggregate(threshold: ParsedThreshold, values: Float64Array): number {
  const aggregation = threshold.aggregation;
  let total = 0;
  for (const value of values) total += value;
  switch (aggregation.kind) {
    case 'percentile':
      return quantilesInPlace(values, [aggregation.percentile / 100])[0]!;
    case 'mean':
    case 'rate':
      return total / values.length;
    case 'per1k':
      return (total / values.length) * 1000;
    case 'total':
      return total;
    case 'min':
      return -maximum(values.map((value) => -value))!;
    case 'max':
      return maximum(values)!;
  }
}
