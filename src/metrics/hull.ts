/**
 * Non-decreasing convex hull (NDCH) and average improvement in quality (AIQ), metrics.md:
 * NDCH = the upper concave envelope of (cost, quality) points, made non-decreasing (a point that
 * costs more and is worse is dropped; quality is carried flat to the right). Mixing two routers at
 * random realises every point on the segment between them, hence the envelope.
 */
import type { HullPoint } from './types.ts';

/** Cross product of (b − a) × (c − a): > 0 when a → b → c turns left (counter-clockwise). */
function cross(a: HullPoint, b: HullPoint, c: HullPoint): number {
  return (
    (b.costPerRequestUsd - a.costPerRequestUsd) * (c.quality - a.quality) -
    (b.quality - a.quality) * (c.costPerRequestUsd - a.costPerRequestUsd)
  );
}

/**
 * NDCH vertices by increasing cost: from the cheapest point (the best of equally cheap ones) along
 * the upper envelope up to the first point of highest quality. Empty for no points.
 */
export function nonDecreasingHull(points: readonly HullPoint[]): HullPoint[] {
  const sorted = [...points].sort(
    (a, b) => a.costPerRequestUsd - b.costPerRequestUsd || b.quality - a.quality,
  );
  const hull: HullPoint[] = [];
  for (const point of sorted) {
    const last = hull[hull.length - 1];
    // Equally cheap but no better: never on the upper envelope.
    if (last !== undefined && last.costPerRequestUsd === point.costPerRequestUsd) continue;
    // Pop vertices that lie on or below the chord to the new point (monotone chain, upper half).
    while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, point) >= 0) hull.pop();
    hull.push({ costPerRequestUsd: point.costPerRequestUsd, quality: point.quality });
  }
  // The envelope is concave: it rises to its best vertex, then falls. Keep the rising part.
  let best = 0;
  for (let index = 1; index < hull.length; index++)
    if (hull[index]!.quality > hull[best]!.quality) best = index;
  return hull.slice(0, best + 1);
}

/** NDCH(c): 0 below the cheapest vertex, linear between vertices, flat after the last. */
export function hullValue(hull: readonly HullPoint[], cost: number): number {
  const first = hull[0];
  if (first === undefined || cost < first.costPerRequestUsd) return 0;
  for (let index = 1; index < hull.length; index++) {
    const right = hull[index]!;
    if (cost <= right.costPerRequestUsd) {
      const left = hull[index - 1]!;
      const fraction = (cost - left.costPerRequestUsd) / (right.costPerRequestUsd - left.costPerRequestUsd);
      return left.quality + fraction * (right.quality - left.quality);
    }
  }
  return hull[hull.length - 1]!.quality;
}

/** ∫ NDCH(c) dc over [from, to] (exact: the function is piecewise linear). */
export function hullIntegral(hull: readonly HullPoint[], from: number, to: number): number {
  if (!(to > from)) return 0;
  // Breakpoints inside (from, to): the vertices, where the function changes slope or jumps from 0.
  const breaks = [from];
  for (const vertex of hull) {
    if (vertex.costPerRequestUsd > from && vertex.costPerRequestUsd < to)
      breaks.push(vertex.costPerRequestUsd);
  }
  breaks.push(to);
  let area = 0;
  for (let index = 1; index < breaks.length; index++) {
    const left = breaks[index - 1]!;
    const right = breaks[index]!;
    // The function is linear inside each segment (0 left of the cheapest vertex, where it jumps),
    // so the midpoint rule is exact and sidesteps the jump at a segment's end.
    area += (right - left) * hullValue(hull, (left + right) / 2);
  }
  return area;
}

/**
 * AIQ = (1 / (cMax − cMin)) · ∫ NDCH(c) dc over [cMin, cMax]. When cMax = cMin (every point costs
 * the same) the average degenerates to the value at that cost.
 */
export function averageImprovementInQuality(hull: readonly HullPoint[], cMin: number, cMax: number): number {
  if (!(cMax > cMin)) return hullValue(hull, cMin);
  return hullIntegral(hull, cMin, cMax) / (cMax - cMin);
}

/** [cMin, cMax] spanning the cost of every given point; [0, 0] when there are none. */
export function costInterval(points: readonly HullPoint[]): [number, number] {
  if (points.length === 0) return [0, 0];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    low = Math.min(low, point.costPerRequestUsd);
    high = Math.max(high, point.costPerRequestUsd);
  }
  return [low, high];
}
