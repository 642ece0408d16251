/**
 * The bootstrap intervals of simulate's APGR, CPT(50%) and CPT(80%): for every knobbed strategy
 * with a defined APGR, its sweep columns and the always-weak / always-strong columns go through
 * bootstrapKnobMetrics with the run's own resampling scheme (paired or block, same seed), so the
 * intervals rest on the same resampled requests as the run's Δ intervals — the first
 * KNOB_RESAMPLES of them.
 */
import { bootstrapKnobMetrics, type KnobSeries, type MetricInterval } from './knob-bootstrap.ts';
import type { ResamplePlan } from './resample.ts';
import type { IntervalEnds, KnobbedMetrics, RunKind } from './types.ts';

/**
 * Resamples B of the APGR/CPT intervals. Fewer than the 2,000 of the Δ intervals because each one
 * re-measures every sweep point: on the default day (113k requests, 33 sweep points) 400 cost
 * about 1.1–1.4 s on one core. The percentile ends are the 10th and 390th of 400 resampled values.
 */
export const KNOB_RESAMPLES = 400;

/** What the intervals need of a run. */
export interface KnobIntervalRun {
  name: string;
  kind: RunKind;
  /** Scenario strategy of a sweep point (its own name otherwise). */
  group: string;
  knobValue: number | undefined;
  /** A sweep point's: 1 when the knob's strong model was called on the request, else 0. */
  strongCalled: Uint8Array | undefined;
  /** Score per request (a sweep point's, and always-weak's / always-strong's). */
  score: Float32Array | undefined;
}

/** `knobbed` with `intervals` set on every entry whose APGR is defined (same order, new objects). */
export function withKnobIntervals(
  knobbed: readonly KnobbedMetrics[],
  runs: readonly KnobIntervalRun[],
  plan: ResamplePlan,
): KnobbedMetrics[] {
  const out = [...knobbed];
  if (plan.n === 0 || plan.resamples < 1) return out;
  // One bootstrap per weak/strong pair: its resampled r_weak and r_strong serve every strategy of it.
  const pairs = new Map<string, number[]>();
  knobbed.forEach((entry, index) => {
    if (entry.apgr === null) return;
    const key = JSON.stringify([entry.weak, entry.strong]);
    pairs.set(key, [...(pairs.get(key) ?? []), index]);
  });
  for (const indices of pairs.values()) {
    const first = knobbed[indices[0]!]!;
    const weak = singleRun(runs, `always-${first.weak}`);
    const strong = singleRun(runs, `always-${first.strong}`);
    if (weak?.score === undefined || strong?.score === undefined) continue;
    const series = indices.map((index) => sweepSeries(runs, knobbed[index]!.strategy));
    const result = bootstrapKnobMetrics({ series, weakScore: weak.score, strongScore: strong.score }, plan);
    indices.forEach((index, position) => {
      const intervals = result.strategies[position]!;
      out[index] = {
        ...knobbed[index]!,
        intervals: {
          method: plan.method,
          resamples: result.resamples,
          undefinedResamples: result.undefinedResamples,
          apgr: ends(intervals.apgr),
          cpt50: ends(intervals.cpt50),
          cpt80: ends(intervals.cpt80),
        },
      };
    });
  }
  return out;
}

const ends = (interval: MetricInterval): IntervalEnds => ({ low: interval.low, high: interval.high });

/** The run r_weak / r_strong is measured on, as research.ts picks it (a single-model run first). */
function singleRun(runs: readonly KnobIntervalRun[], name: string): KnobIntervalRun | undefined {
  return (
    runs.find((run) => run.name === name && run.kind === 'single') ?? runs.find((run) => run.name === name)
  );
}

/** A strategy's sweep points in knob order — the points research.ts computes APGR over. */
function sweepSeries(runs: readonly KnobIntervalRun[], strategy: string): KnobSeries {
  const sweep = runs
    .filter((run) => run.kind === 'sweep' && run.group === strategy && run.knobValue !== undefined)
    .sort((a, b) => a.knobValue! - b.knobValue!);
  return {
    strategy,
    points: sweep.map((run) => ({
      value: run.knobValue!,
      strongCalled: requireColumn(run.strongCalled, run.name),
      score: requireColumn(run.score, run.name),
    })),
  };
}

function requireColumn<Column>(column: Column | undefined, name: string): Column {
  if (column === undefined) throw new Error(`knob intervals: sweep point ${name} kept no per-request column`);
  return column;
}
