/**
 * The robustness verdict (issue 9, deliverable 8): the scenario strategies' ranking on quality
 * and cost, and the recommended strategy, on the base run and on each side of each move, with
 * Kendall τ against the base order and the pairs the move reversed. Pure: the runs come in, the
 * verdict goes out; which assumptions were moved and how is src/robustness.
 */
import type { RunResult } from '../engine/types.ts';
import { brokenBars, GOODPUT_TARGET, QUALITY_TOLERANCE_POINTS } from './recommendation-bars.ts';
import { orderBy, overtakes, tauOf } from './robustness-ranking.ts';
import type {
  Overtake,
  RobustnessMetrics,
  RobustnessRanking,
  RobustnessRow,
  RobustnessSide,
} from './robustness-types.ts';
import { type SummaryContext, summarize } from './summary.ts';
import type { StrategyMetrics } from './types.ts';

/** How the verdict picks its top strategy from a side's rows. */
export interface TopRule {
  /** The rule in words (results.json `topRule`). */
  rule: string;
  pick(
    rows: readonly RobustnessRow[],
    reference: string,
    resolution: RobustnessMetrics['resolution'],
  ): string | null;
}

/**
 * The report's recommendation in point estimates (recommendation-bars.ts): the cheapest strategy
 * other than the reference that costs less than it, stays within QUALITY_TOLERANCE_POINTS of its
 * quality and answers at least GOODPUT_TARGET within the SLO (when the scenario sets one); none when
 * no strategy meets all three — so the verdict never names a winner the report would not recommend.
 */
export const RECOMMENDATION_BARS: TopRule = {
  rule: `the report’s recommendation: the cheapest strategy that costs less than the reference, stays within ${QUALITY_TOLERANCE_POINTS} point of its quality and answers at least ${GOODPUT_TARGET * 100}% of requests within the SLO (when the scenario sets one)`,
  pick(rows, reference) {
    const referenceRow = rows.find((row) => row.name === reference);
    if (referenceRow === undefined) return null;
    const eligible = rows.filter(
      (row) =>
        row.name !== reference &&
        brokenBars(
          {
            cost: row.costPer1kUsd,
            qualityPoints: (row.quality - referenceRow.quality) * 100,
            goodput: row.goodput,
          },
          referenceRow.costPer1kUsd,
        ).length === 0,
    );
    return orderBy(eligible, 'cost')[0] ?? null;
  },
};

/**
 * A moved run reduced to what the verdict reads of it (summarizeMoved): kept instead of the run's
 * per-request columns (23 B per request: 2.6 MB a default-day run, 34 of them) from the moment
 * it arrives until the metrics are computed.
 */
export interface MovedSummary {
  name: string;
  figures: RowFigures;
}

/** What the verdict reads of a moved run: summarize() over its columns, as a base run's metrics. */
export function summarizeMoved(run: RunResult, context: SummaryContext): MovedSummary {
  return { name: run.name, figures: summarize(run.columns, run.models, null, context) };
}

/** One side of one move as the engine ran it. */
export interface MovedRuns {
  id: string;
  side: 'low' | 'high';
  assumption: string;
  setting: string;
  band: string;
  /**
   * One run per scenario strategy, in the base order (a reused base run where `rerun` is false);
   * a run may come summarised already (summarizeMoved, with the verdict's context).
   */
  runs: readonly (RunResult | MovedSummary)[];
  rerun: readonly boolean[];
}

export interface RobustnessInput {
  /** The run's metrics of every unit; the scenario strategies (kind 'strategy') are the base. */
  strategies: readonly StrategyMetrics[];
  reference: string;
  requestCount: number;
  context: SummaryContext;
  sides: readonly MovedRuns[];
  skipped: RobustnessMetrics['skipped'];
  /** @default RECOMMENDATION_BARS */
  top?: TopRule;
}

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Median half-width of the base run's 95% intervals of Δ quality and Δ cost from the reference. */
export function resolutionOf(strategies: readonly StrategyMetrics[]): RobustnessMetrics['resolution'] {
  const differences = strategies.flatMap((strategy) =>
    strategy.kind === 'strategy' && strategy.difference !== null ? [strategy.difference] : [],
  );
  return {
    // Quality intervals are in points (×100); cost intervals in USD per request.
    quality: median(differences.map((d) => (d.quality.high - d.quality.low) / 2)) / 100,
    costPer1kUsd: median(differences.map((d) => (d.cost.high - d.cost.low) / 2)) * 1000,
  };
}

/** The figures a row reads: a run's metrics and its per-run summary share them. */
type RowFigures = Pick<StrategyMetrics, 'quality' | 'cost' | 'latency' | 'goodput' | 'answeredRate'>;

function row(name: string, figures: RowFigures, rerun: boolean): RobustnessRow {
  return {
    name,
    quality: figures.quality.mean,
    costPer1kUsd: figures.cost.per1kUsd,
    p95Ms: figures.latency?.p95 ?? null,
    goodput: figures.goodput,
    answeredRate: figures.answeredRate,
    rerun,
  };
}

function baseRow(strategy: StrategyMetrics): RobustnessRow {
  return row(strategy.name, strategy, false);
}

function movedRow(run: RunResult | MovedSummary, rerun: boolean, context: SummaryContext): RobustnessRow {
  const { name, figures } = 'figures' in run ? run : summarizeMoved(run, context);
  return row(name, figures, rerun);
}

const money = (value: number) => `$${value.toFixed(value >= 100 ? 2 : 4)}`;

function overtakePhrase(overtake: Overtake): string {
  const format = overtake.metric === 'quality' ? (value: number) => value.toFixed(3) : money;
  return `${overtake.winner} overtakes ${overtake.loser} on ${overtake.metric} (${format(overtake.moved[0])} vs ${format(overtake.moved[1])}; base ${format(overtake.base[0])} vs ${format(overtake.base[1])})`;
}

/** At most this many overtakes are spelled out in a side's verdict (results.json lists them all). */
const PHRASES = 3;

function verdictOf(side: Omit<RobustnessSide, 'verdict' | 'holds'>, base: RobustnessRanking): string {
  const parts: string[] = [];
  if (side.top !== base.top) parts.push(`top ${side.top ?? 'none'} instead of ${base.top ?? 'none'}`);
  parts.push(...side.overtakes.slice(0, PHRASES).map(overtakePhrase));
  if (side.overtakes.length > PHRASES) parts.push(`${side.overtakes.length - PHRASES} more reversals`);
  return parts.length === 0 ? 'holds' : `changes: ${parts.join('; ')}`;
}

export function computeRobustness(input: RobustnessInput): RobustnessMetrics {
  const top = input.top ?? RECOMMENDATION_BARS;
  const resolution = resolutionOf(input.strategies);
  const baseRows = input.strategies.filter((strategy) => strategy.kind === 'strategy').map(baseRow);
  const rank = (rows: readonly RobustnessRow[]): RobustnessRanking => ({
    byQuality: orderBy(rows, 'quality'),
    byCost: orderBy(rows, 'cost'),
    top: top.pick(rows, input.reference, resolution),
  });
  const base = { ...rank(baseRows), rows: baseRows };
  const sides: RobustnessSide[] = input.sides.map((moved) => {
    const rows = moved.runs.map((run, index) => movedRow(run, moved.rerun[index] ?? true, input.context));
    const partial = {
      id: moved.id,
      side: moved.side,
      assumption: moved.assumption,
      setting: moved.setting,
      band: moved.band,
      rows,
      ...rank(rows),
      kendallTau: { quality: tauOf(baseRows, rows, 'quality'), cost: tauOf(baseRows, rows, 'cost') },
      overtakes: [
        ...overtakes(baseRows, rows, 'quality', resolution.quality),
        ...overtakes(baseRows, rows, 'cost', resolution.costPer1kUsd),
      ],
    };
    const verdict = verdictOf(partial, base);
    return { ...partial, holds: verdict === 'holds', verdict };
  });
  const holdCount = sides.filter((side) => side.holds).length;
  return {
    requestCount: input.requestCount,
    topRule: top.rule,
    resolution,
    base,
    sides,
    skipped: input.skipped,
    holdCount,
    summary: summaryLine(sides, holdCount),
  };
}

function summaryLine(sides: readonly RobustnessSide[], holdCount: number): string {
  if (sides.length === 0) return 'no assumption of this scenario was moved';
  const moves = sides.length === 1 ? 'move' : 'moves';
  if (holdCount === sides.length) return `verdict robust to ${holdCount} of ${sides.length} ${moves}`;
  const changed = sides.filter((side) => !side.holds);
  const first = changed[0] as RobustnessSide;
  const under = changed.map((side) => `${side.assumption} ${side.side}`).join(', ');
  return `verdict changes under ${changed.length} of ${sides.length} ${moves} (${under}); e.g. ${first.assumption} ${first.side}: ${first.verdict.replace(/^changes: /, '')}`;
}
