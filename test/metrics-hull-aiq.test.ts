import { describe, expect, it } from 'vitest';
import {
  averageImprovementInQuality,
  costInterval,
  hullValue,
  nonDecreasingHull,
} from '../src/metrics/hull.ts';

const point = (costPerRequestUsd: number, quality: number) => ({ costPerRequestUsd, quality });

describe('NDCH and AIQ', () => {
  it('keeps all three vertices of a triangle that bulges upwards; AIQ 0.6 over [0, 1]', () => {
    // Chord (0, 0.2)–(1, 0.8) is 0.5 at c = 0.5 < 0.7, so (0.5, 0.7) is on the envelope.
    const hull = nonDecreasingHull([point(1, 0.8), point(0, 0.2), point(0.5, 0.7)]);
    expect(hull).toEqual([point(0, 0.2), point(0.5, 0.7), point(1, 0.8)]);
    // 0.5·(0.2 + 0.7)/2 + 0.5·(0.7 + 0.8)/2 = 0.225 + 0.375.
    expect(averageImprovementInQuality(hull, 0, 1)).toBeCloseTo(0.6, 12);
  });

  it('drops a point under the chord and a dearer, worse one; carries the best quality flat', () => {
    const hull = nonDecreasingHull([point(0, 0.2), point(0.6, 0.5), point(1, 0.8), point(1.2, 0.6)]);
    expect(hull).toEqual([point(0, 0.2), point(1, 0.8)]);
    expect(hullValue(hull, 1.2)).toBe(0.8);
    // Over [0, 2]: ∫₀¹ (0.2 + 0.6c) dc = 0.5, ∫₁² 0.8 = 0.8 → 1.3 / 2.
    expect(averageImprovementInQuality(hull, 0, 2)).toBeCloseTo(0.65, 12);
  });

  it('counts 0 below a single point and its quality from it on', () => {
    const hull = nonDecreasingHull([point(0.5, 0.6)]);
    expect(hull).toEqual([point(0.5, 0.6)]);
    expect(hullValue(hull, 0.4)).toBe(0);
    // 0 on [0, 0.5), 0.6 on [0.5, 1] → 0.3.
    expect(averageImprovementInQuality(hull, 0, 1)).toBeCloseTo(0.3, 12);
  });

  it('keeps the better of two equally cheap points and the cheaper of two equally good ones', () => {
    const hull = nonDecreasingHull([point(0.2, 0.3), point(0.2, 0.5), point(0.4, 0.9), point(0.8, 0.9)]);
    expect(hull).toEqual([point(0.2, 0.5), point(0.4, 0.9)]);
    // Over [0, 1]: 0 on [0, 0.2); (0.5 + 0.9)/2 · 0.2 = 0.14; 0.9 · 0.6 = 0.54 → 0.68.
    expect(averageImprovementInQuality(hull, 0, 1)).toBeCloseTo(0.68, 12);
  });

  it('drops collinear middle points (a mixture already reaches them)', () => {
    expect(nonDecreasingHull([point(0, 0), point(0.5, 0.5), point(1, 1)])).toEqual([
      point(0, 0),
      point(1, 1),
    ]);
  });

  it('spans the cost interval of every point and degenerates to the value at one cost', () => {
    expect(costInterval([point(0.3, 0.1), point(0.1, 0.9), point(0.7, 0.5)])).toEqual([0.1, 0.7]);
    expect(averageImprovementInQuality([point(0.5, 0.6)], 0.5, 0.5)).toBe(0.6);
    expect(nonDecreasingHull([])).toEqual([]);
    expect(averageImprovementInQuality([], 0, 1)).toBe(0);
  });
});
