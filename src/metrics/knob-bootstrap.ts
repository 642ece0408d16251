/**
 * Bootstrap 95% intervals of APGR, CPT(50%) and CPT(80%) — the same formulas simulate reports
 * (src/metrics/apgr.ts knobMetrics) recomputed on resampled requests. On a replayed benchmark of
 * a few dozen prompts the point estimate alone says little: one prompt more or less on which the
 * strong model wins moves APGR by several points.
 *
 * Resampling (metrics.md, Significance): the plan's B resamples — request indices with replacement,
 * or whole windows of virtual time for a block plan — the SAME for every sweep point, for
 * always-weak and always-strong (r_weak, r_strong are re-measured on each resample) and for every
 * strategy, so a difference between two routers is paired. Percentile interval with nearest-rank
 * ranks ⌈0.025·B⌉ and ⌈0.975·B⌉. A resample on which r_strong ≤ r_weak has no APGR (metrics.md);
 * it is left out and counted. simulate uses it through knob-intervals.ts, the MT-Bench split
 * evaluation through src/learn/split-evaluation.ts. Pure: no I/O.
 */
import { knobMetrics } from './apgr.ts';
import { percentileInterval } from './bootstrap.ts';
import { type PreparedSweep, prepareSweep, weightedSum, weightedSweepSums } from './knob-sums.ts';
import { fillWeights, type ResamplePlan } from './resample.ts';

/** One knob value's run: per request, whether the strong model was called, and the score. */
export interface SweepColumns {
  value: number;
  /** 1 when the strong model was called on the request, else 0. */
  strongCalled: Uint8Array;
  score: ArrayLike<number>;
}

/** A knobbed strategy's sweep. */
export interface KnobSeries {
  strategy: string;
  points: readonly SweepColumns[];
}

export interface KnobBootstrapInput {
  series: readonly KnobSeries[];
  /** Per-request scores of always-weak and always-strong on the same requests. */
  weakScore: ArrayLike<number>;
  strongScore: ArrayLike<number>;
  /** Pairs [a, b] whose paired difference a − b is reported. @default none */
  differences?: readonly (readonly [string, string])[];
}

/** A point estimate with its bootstrap percentile interval (null when undefined on the sample). */
export interface MetricInterval {
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export interface KnobIntervals {
  strategy: string;
  apgr: MetricInterval;
  cpt50: MetricInterval;
  cpt80: MetricInterval;
}

export interface KnobDifference {
  a: string;
  b: string;
  apgr: MetricInterval;
  cpt50: MetricInterval;
  cpt80: MetricInterval;
}

export interface KnobBootstrapResult {
  requests: number;
  resamples: number;
  /** Resamples with r_strong ≤ r_weak (no APGR/CPT): left out of every interval. */
  undefinedResamples: number;
  rWeak: number;
  rStrong: number;
  strategies: KnobIntervals[];
  differences: KnobDifference[];
}

type Metrics = { apgr: number; cpt50: number; cpt80: number } | undefined;
const METRICS = ['apgr', 'cpt50', 'cpt80'] as const;

export function bootstrapKnobMetrics(input: KnobBootstrapInput, plan: ResamplePlan): KnobBootstrapResult {
  const n = input.weakScore.length;
  for (const series of input.series) {
    for (const point of series.points) {
      if (point.strongCalled.length !== n || point.score.length !== n) {
        throw new RangeError(`${series.strategy}@${point.value}: expected ${n} requests`);
      }
    }
  }
  if (input.strongScore.length !== n) throw new RangeError(`expected ${n} strong scores`);
  if (plan.n !== n) throw new RangeError(`resample plan is for ${plan.n} requests, not ${n}`);
  // Typed, monomorphic columns and sparse point-to-point differences: the sums below are the cost.
  const sweeps: PreparedSweep[] = input.series.map((series) => prepareSweep(series.points, n));
  const weakScore = Float64Array.from(input.weakScore);
  const strongScore = Float64Array.from(input.strongScore);
  const called = sweeps.map((sweep) => new Float64Array(sweep.points.length));
  const scored = sweeps.map((sweep) => new Float64Array(sweep.points.length));
  const evaluate = (
    weights: Uint32Array,
    total: number,
  ): { rWeak: number; rStrong: number; metrics: Metrics[] } => {
    const divisor = total === 0 ? 1 : total;
    const rWeak = weightedSum(weakScore, weights) / divisor;
    const rStrong = weightedSum(strongScore, weights) / divisor;
    const metrics = sweeps.map((sweep, index): Metrics => {
      weightedSweepSums(sweep, weights, called[index]!, scored[index]!);
      const points = sweep.points.map((_, position) => ({
        c: called[index]![position]! / divisor,
        r: scored[index]![position]! / divisor,
      }));
      const result = knobMetrics(points, rWeak, rStrong);
      return result.ok ? { apgr: result.apgr, cpt50: result.cpt50, cpt80: result.cpt80 } : undefined;
    });
    return { rWeak, rStrong, metrics };
  };

  const ones = new Uint32Array(n).fill(1);
  const point = evaluate(ones, n);
  const pairs = (input.differences ?? []).map(([a, b]) => {
    const left = input.series.findIndex((series) => series.strategy === a);
    const right = input.series.findIndex((series) => series.strategy === b);
    if (left < 0 || right < 0) throw new RangeError(`no series ${left < 0 ? a : b} to compare`);
    return { a, b, left, right };
  });
  const draws = input.series.map(() => METRICS.map(() => new Float64Array(plan.resamples)));
  const differenceDraws = pairs.map(() => METRICS.map(() => new Float64Array(plan.resamples)));
  let valid = 0;
  const weights = new Uint32Array(n);
  for (let resample = 0; resample < plan.resamples; resample++) {
    const total = fillWeights(plan, resample, weights);
    const { metrics } = evaluate(weights, total);
    // Undefined for one series means r_strong ≤ r_weak, so undefined for all: skip the resample.
    if (metrics.some((entry) => entry === undefined)) continue;
    metrics.forEach((entry, series) => {
      METRICS.forEach((name, index) => {
        draws[series]![index]![valid] = entry![name];
      });
    });
    pairs.forEach((pair, position) => {
      METRICS.forEach((name, index) => {
        differenceDraws[position]![index]![valid] = metrics[pair.left]![name] - metrics[pair.right]![name];
      });
    });
    valid++;
  }

  const interval = (estimate: number | null, values: Float64Array): MetricInterval => {
    if (valid === 0) return { estimate, low: null, high: null };
    const { low, high } = percentileInterval(estimate ?? Number.NaN, values, valid);
    return { estimate, low, high };
  };
  return {
    requests: n,
    resamples: plan.resamples,
    undefinedResamples: plan.resamples - valid,
    rWeak: point.rWeak,
    rStrong: point.rStrong,
    strategies: input.series.map((series, index) => {
      const estimate = point.metrics[index];
      return {
        strategy: series.strategy,
        apgr: interval(estimate?.apgr ?? null, draws[index]![0]!),
        cpt50: interval(estimate?.cpt50 ?? null, draws[index]![1]!),
        cpt80: interval(estimate?.cpt80 ?? null, draws[index]![2]!),
      };
    }),
    differences: pairs.map((pair, position) => {
      const left = point.metrics[pair.left];
      const right = point.metrics[pair.right];
      const estimate = (name: (typeof METRICS)[number]) =>
        left === undefined || right === undefined ? null : left[name] - right[name];
      return {
        a: pair.a,
        b: pair.b,
        apgr: interval(estimate('apgr'), differenceDraws[position]![0]!),
        cpt50: interval(estimate('cpt50'), differenceDraws[position]![1]!),
        cpt80: interval(estimate('cpt80'), differenceDraws[position]![2]!),
      };
    }),
  };
}
