/**
 * Routing-research metrics of a knob sweep (metrics.md): PGR, APGR and CPT(x%) over points
 * (c, r), c = share of requests that called the strong model, r = quality.
 */

/** A sweep point as the formulas need it. */
export interface SweepPoint {
  /** Share of requests on which the strong model was called, in [0, 1]. */
  c: number;
  /** Quality in [0, 1]. */
  r: number;
}

export type KnobResult =
  | { ok: true; pgr: number[]; apgr: number; cpt50: number; cpt80: number }
  | { ok: false; reason: string };

/** PGR = (r − rWeak) / (rStrong − rWeak); the caller checks rStrong > rWeak. */
export function performanceGapRecovered(r: number, rWeak: number, rStrong: number): number {
  return (r - rWeak) / (rStrong - rWeak);
}

/**
 * The (c, PGR) curve the integrals run over: the points with (0, 0) and (1, 1) added, sorted by
 * c, points with equal c averaged (the endpoints take part in that average like any point).
 */
export function pgrCurve(points: readonly { c: number; pgr: number }[]): { c: number; pgr: number }[] {
  const all = [{ c: 0, pgr: 0 }, ...points, { c: 1, pgr: 1 }].sort((a, b) => a.c - b.c);
  const curve: { c: number; pgr: number }[] = [];
  let index = 0;
  while (index < all.length) {
    const c = all[index]!.c;
    let sum = 0;
    let count = 0;
    while (index < all.length && all[index]!.c === c) {
      sum += all[index]!.pgr;
      count++;
      index++;
    }
    curve.push({ c, pgr: sum / count });
  }
  return curve;
}

/** APGR = ∫₀¹ PGR dc by the trapezoid rule over the curve. */
export function averagePgr(curve: readonly { c: number; pgr: number }[]): number {
  let area = 0;
  for (let index = 1; index < curve.length; index++) {
    const left = curve[index - 1]!;
    const right = curve[index]!;
    area += ((right.c - left.c) * (left.pgr + right.pgr)) / 2;
  }
  return area;
}

/**
 * CPT(x) = the smallest c at which the running maximum of PGR reaches `target` (a fraction, 0.5
 * for 50%), linearly interpolated between the last point below it and the first at or above it.
 * The (1, 1) endpoint guarantees an answer for target ≤ 1; above that the result is null.
 */
export function callPerformanceThreshold(
  curve: readonly { c: number; pgr: number }[],
  target: number,
): number | null {
  let runningMax = Number.NEGATIVE_INFINITY;
  let previous: { c: number; pgr: number } | undefined;
  for (const point of curve) {
    const level = Math.max(runningMax, point.pgr);
    if (level >= target) {
      if (previous === undefined) return point.c;
      // previous.pgr holds the running max there (< target), so the segment crosses target.
      return previous.c + ((point.c - previous.c) * (target - previous.pgr)) / (level - previous.pgr);
    }
    runningMax = level;
    previous = { c: point.c, pgr: level };
  }
  return null;
}

/** PGR, APGR, CPT(50%) and CPT(80%) of a sweep, or why they are undefined. */
export function knobMetrics(points: readonly SweepPoint[], rWeak: number, rStrong: number): KnobResult {
  if (!(rStrong > rWeak)) {
    return { ok: false, reason: `r_strong (${rStrong}) ≤ r_weak (${rWeak}): no gap to recover` };
  }
  if (points.length === 0) return { ok: false, reason: 'no sweep points' };
  const pgr = points.map((point) => performanceGapRecovered(point.r, rWeak, rStrong));
  const curve = pgrCurve(points.map((point, index) => ({ c: point.c, pgr: pgr[index]! })));
  return {
    ok: true,
    pgr,
    apgr: averagePgr(curve),
    cpt50: callPerformanceThreshold(curve, 0.5) ?? 1,
    cpt80: callPerformanceThreshold(curve, 0.8) ?? 1,
  };
}
