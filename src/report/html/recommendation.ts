/**
 * The recommendation: the cheapest scenario strategy that meets three bars at once — cheaper than
 * the reference, quality within QUALITY_TOLERANCE_POINTS of it, and at least GOODPUT_TARGET of
 * requests answered within the scenario's latency SLO — with the constraint each cheaper candidate
 * breaks. When no strategy meets all three, it says so and names what each one breaks; it never
 * recommends a strategy while hiding a broken constraint. Pure: plain text; pages escape it.
 */
import { brokenBars, GOODPUT_TARGET, QUALITY_TOLERANCE_POINTS } from '../../metrics/recommendation-bars.ts';
import type { StrategyMetrics } from '../../metrics/types.ts';
import { formatMs, formatShare, formatSigned, formatUsd } from './format.ts';

export { GOODPUT_TARGET, QUALITY_TOLERANCE_POINTS };

export interface Verdict {
  strategy: StrategyMetrics;
  /** What the strategy breaks, in words ("quality −4.0 points"); empty when it meets every bar. */
  broken: string[];
}

/** Quality difference from the reference in points: the paired estimate when there is one. */
function qualityPoints(strategy: StrategyMetrics, reference: StrategyMetrics): number {
  return strategy.difference?.quality.estimate ?? (strategy.quality.mean - reference.quality.mean) * 100;
}

/** The bars `strategy` breaks against `reference` (the SLO bar only when the scenario sets one). */
export function verdict(
  strategy: StrategyMetrics,
  reference: StrategyMetrics,
  sloMs: number | undefined,
): Verdict {
  const points = qualityPoints(strategy, reference);
  const goodput = sloMs === undefined ? null : strategy.goodput;
  const words = {
    cost: `cost (${formatUsd(strategy.cost.per1kUsd)} per 1,000 requests, not below ${reference.name}’s ${formatUsd(reference.cost.per1kUsd)})`,
    quality: `quality (${formatSigned(points, 1)} points)`,
    slo: `the SLO (${formatShare(strategy.goodput)} answered within ${formatMs(sloMs ?? 0)})`,
  };
  const broken = brokenBars(
    { cost: strategy.cost.perRequestUsd, qualityPoints: points, goodput },
    reference.cost.perRequestUsd,
  ).map((bar) => words[bar]);
  return { strategy, broken };
}

/** "costs less than always-strongest, stays within 1 point of its quality and answers at least 95% …" */
function barsText(reference: StrategyMetrics, sloMs: number | undefined): string {
  const quality = `stays within ${QUALITY_TOLERANCE_POINTS} point of its quality`;
  return sloMs === undefined
    ? `costs less than ${reference.name} and ${quality}`
    : `costs less than ${reference.name}, ${quality} and answers at least ${formatShare(GOODPUT_TARGET, 0)} of requests within the ${formatMs(sloMs)} SLO`;
}

/** The candidates one bar short of all three, or that there are none. */
function tradeOff(verdicts: readonly Verdict[]): string {
  const oneShort = verdicts.filter((entry) => entry.broken.length === 1);
  if (oneShort.length === 0) return 'Every strategy breaks at least two of those bars.';
  return `The trade-off on offer: ${oneShort.map((entry) => `${entry.strategy.name} gives up only ${entry.broken[0]}`).join('; ')}.`;
}

const brokenText = (entry: Verdict) => `${entry.strategy.name} breaks ${entry.broken.join(' and ')}`;

/**
 * The recommendation in sentences. `findings` renders a strategy's cost, quality and latency
 * against the reference (summary.ts strategyFindings, without the SLO: this adds it), so the
 * numbers read as in the list below.
 */
export function recommendation(
  candidates: readonly StrategyMetrics[],
  reference: StrategyMetrics,
  sloMs: number | undefined,
  findings: (strategy: StrategyMetrics) => string,
): string[] {
  const verdicts = [...candidates]
    .sort((a, b) => a.cost.perRequestUsd - b.cost.perRequestUsd || a.name.localeCompare(b.name))
    .map((strategy) => verdict(strategy, reference, sloMs));
  const chosen = verdicts.find((entry) => entry.broken.length === 0);
  const sentences: string[] = [];
  const referenceSlo =
    sloMs !== undefined && reference.goodput !== null && reference.goodput < GOODPUT_TARGET
      ? ` ${reference.name} itself answers only ${formatShare(reference.goodput)} of requests within the SLO.`
      : '';
  if (chosen === undefined) {
    sentences.push(
      `No strategy ${barsText(reference, sloMs)}: ${verdicts.map(brokenText).join('; ')}. ${tradeOff(verdicts)}${referenceSlo}`,
    );
  } else {
    const goodput =
      sloMs === undefined || chosen.strategy.goodput === null
        ? ''
        : ` It answers ${formatShare(chosen.strategy.goodput)} of requests within the ${formatMs(sloMs)} SLO.`;
    sentences.push(
      `Recommended: ${chosen.strategy.name}, the cheapest strategy that ${barsText(reference, sloMs)}. It ${findings(chosen.strategy)}${goodput}${referenceSlo}`,
    );
    const cheaper = verdicts.slice(0, verdicts.indexOf(chosen));
    if (cheaper.length > 0) {
      sentences.push(`The cheaper strategies each give something up: ${cheaper.map(brokenText).join('; ')}.`);
    }
  }
  if (sloMs === undefined) {
    sentences.push(
      'The scenario sets no latency SLO, so latency is not weighed here (p95 is given per strategy).',
    );
  }
  return sentences;
}
