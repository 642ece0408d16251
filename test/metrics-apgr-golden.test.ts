import { describe, expect, it } from 'vitest';
import { averagePgr, callPerformanceThreshold, knobMetrics, pgrCurve } from '../src/metrics/apgr.ts';

describe('APGR and CPT (metrics.md)', () => {
  it('reproduces the golden example: APGR 0.6625, CPT(50%) 0.25, CPT(80%) 0.60', () => {
    const result = knobMetrics(
      [
        { c: 0.25, r: 0.7 },
        { c: 0.5, r: 0.74 },
        { c: 0.75, r: 0.79 },
      ],
      0.6,
      0.8,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pgr[0]).toBeCloseTo(0.5, 12);
    expect(result.pgr[1]).toBeCloseTo(0.7, 12);
    expect(result.pgr[2]).toBeCloseTo(0.95, 12);
    expect(result.apgr).toBeCloseTo(0.6625, 12);
    expect(result.cpt50).toBeCloseTo(0.25, 12);
    expect(result.cpt80).toBeCloseTo(0.6, 12);
  });

  it('sorts points by c whatever order the sweep gives them in', () => {
    const result = knobMetrics(
      [
        { c: 0.75, r: 0.79 },
        { c: 0.25, r: 0.7 },
        { c: 0.5, r: 0.74 },
      ],
      0.6,
      0.8,
    );
    expect(result.ok && result.apgr).toBeCloseTo(0.6625, 12);
  });

  it('averages points with equal c before integrating', () => {
    // (0,0), (0.5, avg(0.2, 0.6) = 0.4), (1,1): 0.5·0.4/2 + 0.5·1.4/2 = 0.1 + 0.35 = 0.45.
    const curve = pgrCurve([
      { c: 0.5, pgr: 0.2 },
      { c: 0.5, pgr: 0.6 },
    ]);
    expect(curve).toEqual([
      { c: 0, pgr: 0 },
      { c: 0.5, pgr: 0.4 },
      { c: 1, pgr: 1 },
    ]);
    expect(averagePgr(curve)).toBeCloseTo(0.45, 12);
  });

  it('uses the running maximum of PGR for CPT', () => {
    // PGR dips after c = 0.2: running max 0, 0.6, 0.6, 1 → CPT(50%) = 0.2·0.5/0.6, CPT(80%) on (0.6,0.6)→(1,1).
    const curve = pgrCurve([
      { c: 0.2, pgr: 0.6 },
      { c: 0.6, pgr: 0.3 },
    ]);
    expect(callPerformanceThreshold(curve, 0.5)).toBeCloseTo(0.2 * (0.5 / 0.6), 12);
    expect(callPerformanceThreshold(curve, 0.8)).toBeCloseTo(0.6 + 0.4 * (0.2 / 0.4), 12);
    // Trapezoid keeps the dip: 0.2·0.3 + 0.4·0.45 + 0.4·0.65 = 0.06 + 0.18 + 0.26 = 0.5.
    expect(averagePgr(curve)).toBeCloseTo(0.5, 12);
  });

  it('is null with the reason when r_strong ≤ r_weak', () => {
    const result = knobMetrics([{ c: 0.5, r: 0.7 }], 0.7, 0.7);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('r_strong (0.7) ≤ r_weak (0.7)');
    expect(knobMetrics([{ c: 0.5, r: 0.7 }], 0.8, 0.6).ok).toBe(false);
  });
});
