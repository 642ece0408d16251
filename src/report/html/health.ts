/**
 * The health sentences: what failed, by kind, in every scenario strategy and single-model run —
 * scheduled faults and the failures the world produced on its own (429s from RPM/TPM limits,
 * queue waits past the client timeout, prompts over the context window). "Every provider was
 * healthy" is said only when no request of any run failed. Pure: plain text; pages escape it.
 */

import type { FaultWindow } from '../../contracts/index.ts';
import type { FailureKind, StrategyMetrics } from '../../metrics/types.ts';
import { formatCount } from './format.ts';

/** Failure kinds in the order they are named, with the words for a count of them. */
const KIND_WORDS: readonly [FailureKind, string][] = [
  ['rate-limited', 'rate-limited (429)'],
  ['timeout', 'timed out'],
  ['server-error', 'server errors'],
  ['network', 'network errors'],
  ['context-length', 'over the context window'],
  ['ungraded', 'ungraded'],
  ['other', 'other failures'],
];

/** Failed requests of a run. */
export function failedCount(strategy: StrategyMetrics): number {
  return KIND_WORDS.reduce((total, [kind]) => total + (strategy.failures[kind] ?? 0), 0);
}

/** "25 rate-limited (429), 3 timed out"; '' when nothing failed. */
export function failureKinds(strategy: StrategyMetrics): string {
  return KIND_WORDS.filter(([kind]) => (strategy.failures[kind] ?? 0) > 0)
    .map(([kind, words]) => `${formatCount(strategy.failures[kind])} ${words}`)
    .join(', ');
}

/** Failed requests of a run that arrived in windows overlapping no fault window (by its series). */
export function failedOutsideFaults(
  strategy: StrategyMetrics,
  faults: readonly FaultWindow[],
  windowMs: number,
): number {
  const { series } = strategy;
  let failed = 0;
  series.startMs.forEach((start, index) => {
    const overlaps = faults.some((fault) => fault.startMs < start + windowMs && fault.endMs > start);
    const rate = series.errorRate[index];
    if (!overlaps && rate !== null && rate !== undefined) failed += rate * (series.requests[index] ?? 0);
  });
  return Math.round(failed);
}

export interface HealthInput {
  strategies: readonly StrategyMetrics[];
  faults: readonly FaultWindow[];
  window: { ms: number };
}

/**
 * One to three sentences: whether faults were scheduled, every run that lost requests with its
 * counts by kind, and — when faults were scheduled — how many failures arrived outside them.
 */
export function healthSentences(results: HealthInput): string[] {
  const runs = results.strategies.filter((strategy) => strategy.kind !== 'sweep');
  const sweeps = results.strategies.filter((strategy) => strategy.kind === 'sweep');
  const failing = runs.filter((strategy) => failedCount(strategy) > 0);
  const sweepFailures = sweeps.reduce((total, strategy) => total + failedCount(strategy), 0);
  const scheduled = results.faults.length;
  if (failing.length === 0 && sweepFailures === 0) {
    return [
      scheduled === 0
        ? 'No fault was scheduled and no request failed: every run answered every request.'
        : `${scheduled === 1 ? 'One fault window was' : `${formatCount(scheduled)} fault windows were`} scheduled, yet no request of any run failed (retries and fallbacks absorbed them).`,
    ];
  }
  const list = failing.map((strategy) => `${strategy.name} ${failureKinds(strategy)}`).join('; ');
  const sweepNote =
    sweepFailures === 0 ? '' : ` Knob-sweep points lost ${formatCount(sweepFailures)} requests in all.`;
  if (scheduled === 0) {
    return [
      `No fault was scheduled, but the world’s own limits failed requests — rate limits (RPM/TPM), provider capacity (queue waits past the client timeout) and context windows: ${list}.${sweepNote}`,
    ];
  }
  const outside = failing
    .map((strategy) => ({
      strategy,
      count: failedOutsideFaults(strategy, results.faults, results.window.ms),
    }))
    .filter((entry) => entry.count > 0);
  const sentences = [
    `${scheduled === 1 ? 'One fault window was' : `${formatCount(scheduled)} fault windows were`} scheduled. Failed requests by kind: ${list}.${sweepNote}`,
  ];
  if (outside.length > 0) {
    sentences.push(
      `Not all of them are the scheduled faults: arriving in windows that overlap no fault, ${outside.map((entry) => `${entry.strategy.name} lost ${formatCount(entry.count)}`).join(', ')} — the world’s own rate limits, capacity and context windows.`,
    );
  }
  return sentences;
}
