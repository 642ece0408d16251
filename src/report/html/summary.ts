/**
 * The executive summary: plain sentences with numbers taken from results.json, each difference
 * from the reference given with its 95% interval and called "not significant" when the interval
 * contains 0 (metrics.md). Pure: returns plain text; the page escapes it.
 */

import type { FaultWindow } from '../../contracts/index.ts';
import type { Interval, StrategyMetrics } from '../../metrics/types.ts';
import { costBreakdownSentences } from './cost-breakdown-section.ts';
import {
  formatClock,
  formatCount,
  formatDurationWords,
  formatMs,
  formatShare,
  formatSigned,
  formatUsd,
  MINUS,
} from './format.ts';
import { healthSentences } from './health.ts';
import { recommendation } from './recommendation.ts';
import type { ResultsDocument } from './results-document.ts';

/** Fault windows described one by one in the summary; the rest are counted. */
const MAX_FAULT_SENTENCES = 4;

/** Signed USD per 1,000 requests from a per-request difference: "−$3.88". */
const per1kDelta = (usdPerRequest: number) => {
  const text = formatUsd(Math.abs(usdPerRequest) * 1000);
  // A word joiner keeps the sign on the same line as the amount.
  return usdPerRequest < 0 ? `${MINUS}\u2060${text}` : `+\u2060${text}`;
};

/**
 * "saves 46% against always-strongest (−$1.20 per 1,000 requests, 95% CI −$1.31 to −$1.09)" and
 * its not-significant variant. The interval is the bootstrap interval of the difference in mean
 * cost (metrics.md); it is not divided by the reference's cost, which varies between resamples too.
 */
export function costClause(strategy: StrategyMetrics, reference: StrategyMetrics): string {
  const interval = strategy.difference?.cost;
  if (interval === undefined || strategy.savings === null) {
    return `costs ${formatUsd(strategy.cost.per1kUsd)} per 1,000 requests`;
  }
  const range = `${per1kDelta(interval.estimate)} per 1,000 requests, 95% CI ${per1kDelta(interval.low)} to ${per1kDelta(interval.high)}`;
  if (!interval.significant) {
    return `costs about the same as ${reference.name} — the difference (${range}) is not significant —`;
  }
  return strategy.savings >= 0
    ? `saves ${wholePercent(strategy.savings)}% against ${reference.name} (${range})`
    : `costs ${wholePercent(-strategy.savings)}% more than ${reference.name} (${range})`;
}

/** A share as whole percent, never rounded up to 100 (a 99.9% saving is not "100%", nothing is free). */
function wholePercent(share: number): string {
  const percent = share * 100;
  return percent >= 99.5 && percent < 100 ? percent.toFixed(1) : percent.toFixed(0);
}

/** Quality relative to the reference, with the difference in points and its interval. */
export function qualityClause(strategy: StrategyMetrics): string {
  const interval = strategy.difference?.quality;
  if (interval === undefined) return `quality ${strategy.quality.mean.toFixed(3)}`;
  const points = `${formatSigned(interval.estimate, 1)} points, 95% CI ${formatSigned(interval.low, 1)} to ${formatSigned(interval.high, 1)}`;
  if (!interval.significant) return `with no significant quality difference (${points})`;
  const relative = strategy.quality.relative;
  const share =
    relative === null
      ? `quality ${strategy.quality.mean.toFixed(3)}`
      : `${(relative * 100).toFixed(0)}% of its quality`;
  return `at ${share} (${points}${interval.estimate > 0 ? ', better' : ''})`;
}

/** p95 latency change relative to the reference's p95, or why there is none. */
export function latencyClause(strategy: StrategyMetrics, reference: StrategyMetrics): string {
  const interval: Interval | null | undefined = strategy.difference?.p95;
  const referenceP95 = reference.latency?.p95;
  if (interval === null || interval === undefined || referenceP95 === undefined || referenceP95 <= 0) {
    return 'p95 latency not comparable (a run answered nothing)';
  }
  const relative = `${formatSigned((interval.estimate / referenceP95) * 100, 0)}%`;
  const seconds = (ms: number) => formatSigned(ms / 1000, 2);
  const range = `${seconds(interval.estimate)} s, 95% CI ${seconds(interval.low)} to ${seconds(interval.high)} s`;
  return interval.significant
    ? `p95 latency ${relative} (${range})`
    : `p95 latency change ${relative} not significant (${range})`;
}

/**
 * What follows the strategy's name in its sentence: cost, quality and p95 against the reference,
 * and — when the scenario sets a latency SLO (`sloMs`) — the share answered within it.
 */
export function strategyFindings(
  strategy: StrategyMetrics,
  reference: StrategyMetrics,
  sloMs?: number,
): string {
  const answered =
    strategy.answeredRate < 0.9995 ? `; answered ${formatShare(strategy.answeredRate)} of requests` : '';
  const goodput =
    sloMs === undefined || strategy.goodput === null
      ? ''
      : `; ${formatShare(strategy.goodput)} answered within the ${formatMs(sloMs)} SLO`;
  return `${costClause(strategy, reference)} ${qualityClause(strategy)}; ${latencyClause(strategy, reference)}${answered}${goodput}.`;
}

/** One sentence per strategy: "cascade saves 46% against always-strongest (…) at 97% of its quality (…); p95 latency −38% (…)." */
export function strategySentence(
  strategy: StrategyMetrics,
  reference: StrategyMetrics,
  sloMs?: number,
): string {
  return `${strategy.name} ${strategyFindings(strategy, reference, sloMs)}`;
}

/** Answered share of a strategy's requests in the windows overlapping [startMs, endMs); null when none arrived. */
export function answeredDuring(
  strategy: StrategyMetrics,
  windowMs: number,
  startMs: number,
  endMs: number,
): number | null {
  const { series } = strategy;
  let requests = 0;
  let answered = 0;
  series.startMs.forEach((windowStart, index) => {
    const rate = series.answeredRate[index];
    const count = series.requests[index] ?? 0;
    if (windowStart >= endMs || windowStart + windowMs <= startMs || rate === null || rate === undefined)
      return;
    requests += count;
    answered += rate * count;
  });
  return requests === 0 ? null : answered / requests;
}

export function describeFault(fault: FaultWindow): string {
  const target = fault.model === undefined ? fault.provider : `${fault.model} (${fault.provider})`;
  const detail: Record<FaultWindow['kind'], string> = {
    error: `error outage${fault.status === undefined ? '' : ` (HTTP ${fault.status})`}`,
    timeout: 'timeout outage',
    reset: 'connection-reset outage',
    slow: `slowdown${fault.factor === undefined ? '' : ` (×${fault.factor} latency)`}`,
    partial: `partial outage${fault.probability === undefined ? '' : ` (${formatShare(fault.probability, 0)} errors)`}`,
    rate_limit: '429 storm',
  };
  return `${detail[fault.kind]} of ${target}`;
}

/** "During the 20-minute error outage of openai (01:00–01:20) availability kept 99.9% …" */
export function faultSentence(
  fault: FaultWindow,
  strategies: readonly StrategyMetrics[],
  reference: StrategyMetrics,
  windowMs: number,
): string {
  const when = `${formatClock(fault.startMs)}–${formatClock(fault.endMs)}`;
  const measured = strategies
    .map((strategy) => ({
      strategy,
      answered: answeredDuring(strategy, windowMs, fault.startMs, fault.endMs),
    }))
    .filter((entry): entry is { strategy: StrategyMetrics; answered: number } => entry.answered !== null);
  const opening = `During the ${formatDurationWords(fault.endMs - fault.startMs)} ${describeFault(fault)} (${when})`;
  if (measured.length === 0) return `${opening} no requests arrived.`;
  const ranked = [...measured].sort(
    (a, b) => b.answered - a.answered || a.strategy.name.localeCompare(b.strategy.name),
  );
  const best = ranked[0] as (typeof ranked)[number];
  const worst = ranked[ranked.length - 1] as (typeof ranked)[number];
  const parts = [`${best.strategy.name} kept ${formatShare(best.answered)} of requests answered`];
  const referenceEntry = measured.find((entry) => entry.strategy.name === reference.name);
  if (referenceEntry !== undefined && referenceEntry !== best) {
    parts.push(`${reference.name} ${formatShare(referenceEntry.answered)}`);
  }
  if (worst !== best && worst !== referenceEntry)
    parts.push(`lowest ${worst.strategy.name} ${formatShare(worst.answered)}`);
  return `${opening} ${parts.join(', ')} (in the ${formatDurationWords(windowMs)} windows overlapping it).`;
}

export interface ExecutiveSummary {
  /** One-paragraph overview: the run, the recommendation (recommendation.ts) and the oracle bound. */
  lead: string[];
  /** One sentence per scenario strategy other than the reference, the name apart (pages set it bold). */
  strategies: { name: string; findings: string }[];
  /** What failed, by kind (health.ts), then one sentence per fault window (capped) and a count of the rest. */
  faults: string[];
  /** Thresholds line, or none. */
  thresholds: string | undefined;
}

export function executiveSummary(results: ResultsDocument): ExecutiveSummary {
  const scenarioStrategies = results.strategies.filter((strategy) => strategy.kind === 'strategy');
  const reference = scenarioStrategies.find((strategy) => strategy.name === results.reference);
  const lead = [
    `${formatCount(results.requestCount)} simulated requests over ${formatDurationWords(results.durationMs)} of virtual time, ` +
      `${scenarioStrategies.length} strategies compared against ${results.reference}; intervals are 95% ${results.intervals.label ?? results.intervals.method} intervals (${formatCount(results.intervals.resamples)} resamples).`,
  ];
  if (reference === undefined) {
    lead.push(`The reference strategy ${results.reference} is not in this run, so no differences are given.`);
    return { lead, strategies: [], faults: [], thresholds: thresholdLine(results) };
  }
  const others = scenarioStrategies.filter((strategy) => strategy !== reference);
  const sloMs = results.scenario.slo?.latencyMs;
  lead.push(...recommendation(others, reference, sloMs, (strategy) => strategyFindings(strategy, reference)));
  lead.push(
    `The oracle (perfect per-request choice, faults off) reaches quality ${results.oracle.quality.toFixed(3)} at ` +
      `${formatUsd(results.oracle.cost.per1kUsd)} per 1,000 requests (${reference.name}: ${reference.quality.mean.toFixed(3)} at ` +
      `${formatUsd(reference.cost.per1kUsd)}; p95 ${formatMs(reference.latency?.p95)}) — the bound on what routing can achieve here.`,
  );
  lead.push(...costBreakdownSentences(results));
  const faults = [
    ...healthSentences(results),
    ...results.faults
      .slice(0, MAX_FAULT_SENTENCES)
      .map((fault) => faultSentence(fault, scenarioStrategies, reference, results.window.ms)),
  ];
  if (results.faults.length > MAX_FAULT_SENTENCES) {
    faults.push(
      `${results.faults.length - MAX_FAULT_SENTENCES} more fault windows are listed under "Scenario as run".`,
    );
  }
  return {
    lead,
    strategies: others.map((strategy) => ({
      name: strategy.name,
      findings: strategyFindings(strategy, reference, sloMs),
    })),
    faults,
    thresholds: thresholdLine(results),
  };
}

function thresholdLine(results: ResultsDocument): string | undefined {
  if (results.thresholds.length === 0) return undefined;
  const failed = results.thresholds.filter((threshold) => !threshold.pass);
  const names = failed.map((threshold) => `${threshold.key}: ${threshold.expression}`).join('; ');
  return failed.length === 0
    ? `All ${results.thresholds.length} thresholds passed.`
    : `${failed.length} of ${results.thresholds.length} thresholds failed: ${names}.`;
}
