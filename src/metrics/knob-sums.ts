/**
 * Weighted sums of a knob sweep's columns — Σ wᵢ·strongCalledᵢ and Σ wᵢ·scoreᵢ for every sweep
 * point — once per bootstrap resample. That is the whole cost of the APGR/CPT bootstrap: the
 * default day has 33 sweep points × 113k requests, so a plain pass per point is ~4·10^6 weighted
 * additions per resample.
 *
 * Neighbouring points of a sweep mostly make the same decision on the same request (a threshold
 * moved one step changes the route of a few percent of requests, and common random numbers give
 * an unchanged route the same score), so a point is stored as its difference from the previous
 * one when that difference is sparse: its sums are the previous point's plus a pass over the
 * requests that changed. The difference of two float32 scores is exact in float64, so only the
 * order of the additions differs from a plain pass (last-bit rounding), never the values summed.
 */

/** One sweep point's per-request columns. */
export interface PointColumns {
  /** 1 when the strong model was called on the request, else 0. */
  strongCalled: Uint8Array;
  score: ArrayLike<number>;
}

/**
 * A point is stored as the change from the previous point when at most this share of requests
 * changed. A changed request (an index, a gathered weight, two deltas) costs about what a dense
 * one does; measured on the default day, 0.6 beat 0.4 and 0.8 (the random router's neighbouring
 * points differ on 10–50% of requests, a cascade's or learned router's on 1–24%).
 */
const DELTA_MAX_SHARE = 0.6;

type StoredPoint =
  | { kind: 'dense'; strongCalled: Uint8Array; score: Float64Array }
  | { kind: 'delta'; indices: Uint32Array; strongCalled: Int8Array; score: Float64Array };

/** A sweep prepared for repeated weighted sums. */
export interface PreparedSweep {
  n: number;
  points: StoredPoint[];
}

export function prepareSweep(points: readonly PointColumns[], n: number): PreparedSweep {
  const stored: StoredPoint[] = [];
  points.forEach((point, index) => {
    const previous = index === 0 ? undefined : points[index - 1]!;
    let changed = 0;
    if (previous !== undefined) {
      for (let request = 0; request < n; request++) {
        if (differs(point, previous, request)) changed++;
      }
    }
    if (previous === undefined || changed > DELTA_MAX_SHARE * n) {
      stored.push({ kind: 'dense', strongCalled: point.strongCalled, score: Float64Array.from(point.score) });
      return;
    }
    const indices = new Uint32Array(changed);
    const strongCalled = new Int8Array(changed);
    const score = new Float64Array(changed);
    let at = 0;
    for (let request = 0; request < n; request++) {
      if (!differs(point, previous, request)) continue;
      indices[at] = request;
      strongCalled[at] = point.strongCalled[request]! - previous.strongCalled[request]!;
      score[at] = point.score[request]! - previous.score[request]!;
      at++;
    }
    stored.push({ kind: 'delta', indices, strongCalled, score });
  });
  return { n, points: stored };
}

function differs(point: PointColumns, previous: PointColumns, request: number): boolean {
  return (
    point.strongCalled[request] !== previous.strongCalled[request] ||
    point.score[request] !== previous.score[request]
  );
}

/**
 * Fill `called[p]` with Σ wᵢ·strongCalledᵢ and `scored[p]` with Σ wᵢ·scoreᵢ of every point p
 * (not divided by the resample's size).
 *
 * Both loops stay inline in this one function on purpose: split into small kernels (a store or
 * an addition after each loop), Node 24 ran them 2–4× slower — the kernels were inlined into
 * mid-tier code, or optimized mid-loop before the code after the loop had run and then bailed
 * out at the end of every call.
 */
export function weightedSweepSums(
  sweep: PreparedSweep,
  weights: Uint32Array,
  called: Float64Array,
  scored: Float64Array,
): void {
  const points = sweep.points;
  const n = weights.length;
  for (let index = 0; index < points.length; index++) {
    const point = points[index]!;
    let calledSum = 0;
    let scoreSum = 0;
    if (point.kind === 'dense') {
      const { strongCalled, score } = point;
      for (let request = 0; request < n; request++) {
        const weight = weights[request]!;
        calledSum += weight * strongCalled[request]!;
        scoreSum += weight * score[request]!;
      }
    } else {
      calledSum = called[index - 1]!;
      scoreSum = scored[index - 1]!;
      const { indices, strongCalled, score } = point;
      const changed = indices.length;
      for (let at = 0; at < changed; at++) {
        const weight = weights[indices[at]!]!;
        calledSum += weight * strongCalled[at]!;
        scoreSum += weight * score[at]!;
      }
    }
    called[index] = calledSum;
    scored[index] = scoreSum;
  }
}

/** Σ wᵢ·valuesᵢ over a Float64Array column (always-weak's and always-strong's scores). */
export function weightedSum(values: Float64Array, weights: Uint32Array): number {
  let sum = 0;
  const n = weights.length;
  for (let request = 0; request < n; request++) sum += weights[request]! * values[request]!;
  return sum;
}
