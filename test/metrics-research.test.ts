import { describe, expect, it } from 'vitest';
import { Flag } from '../src/engine/types.ts';
import { type ResearchRun, researchMetrics, strongCallShare } from '../src/metrics/research.ts';

const knob = { name: 'threshold', weak: 'm0', strong: 'm1' };
/** Flags for 4 requests of which `strong` called the strong model. */
const flags = (strong: number) =>
  strongCallShare(Uint8Array.from([0, 1, 2, 3].map((index) => (index < strong ? Flag.strongCalled : 0))));
function unit(
  name: string,
  kind: ResearchRun['kind'],
  costPerRequestUsd: number,
  quality: number,
  extra: Partial<ResearchRun> = {},
): ResearchRun {
  return {
    name,
    kind,
    group: name,
    knobValue: undefined,
    knob: undefined,
    strongCallShare: flags(0),
    costPerRequestUsd,
    quality,
    ...extra,
  };
}
const runs: ResearchRun[] = [
  unit('cascade', 'strategy', 0.004, 0.74, { knob }),
  unit('cascade@0.3', 'sweep', 0.003, 0.7, {
    group: 'cascade',
    knobValue: 0.3,
    knob,
    strongCallShare: flags(1),
  }),
  unit('cascade@0.8', 'sweep', 0.008, 0.79, {
    group: 'cascade',
    knobValue: 0.8,
    knob,
    strongCallShare: flags(3),
  }),
  unit('cascade@0.5', 'sweep', 0.005, 0.74, {
    group: 'cascade',
    knobValue: 0.5,
    knob,
    strongCallShare: flags(2),
  }),
  unit('always-m0', 'single', 0.001, 0.6),
  unit('always-m1', 'single', 0.01, 0.8),
];

describe('research metrics from runs', () => {
  const research = researchMetrics(runs, { costPerRequestUsd: 0.002, quality: 0.9 });

  it('measures c from the strong-call flags and reproduces the golden APGR/CPT', () => {
    const [cascade] = research.knobbed;
    expect(cascade).toMatchObject({
      strategy: 'cascade',
      knob: 'threshold',
      weak: 'm0',
      strong: 'm1',
      rWeak: 0.6,
      rStrong: 0.8,
    });
    expect(cascade!.points.map((point) => [point.value, point.c, point.r])).toEqual([
      [0.3, 0.25, 0.7],
      [0.5, 0.5, 0.74],
      [0.8, 0.75, 0.79],
    ]);
    expect(cascade!.apgr).toBeCloseTo(0.6625, 12);
    expect(cascade!.cpt50).toBeCloseTo(0.25, 12);
    expect(cascade!.cpt80).toBeCloseTo(0.6, 12);
    expect(cascade!.nullReason).toBeNull();
  });

  it('NDCH per strategy over its own and its sweep points; AIQ over the common interval', () => {
    // (0.005, 0.74) lies under the chord (0.004, 0.74)–(0.008, 0.79) and is dropped.
    expect(research.ndch.cascade).toEqual([
      { costPerRequestUsd: 0.003, quality: 0.7 },
      { costPerRequestUsd: 0.004, quality: 0.74 },
      { costPerRequestUsd: 0.008, quality: 0.79 },
    ]);
    expect(research.aiq.interval).toEqual([0.001, 0.01]);
    // 0 on [0.001, 0.003); 0.001·0.72 + 0.004·0.765 + 0.002·0.79 = 0.00536, over a span of 0.009.
    expect(research.aiq.byStrategy.cascade).toBeCloseTo(0.00536 / 0.009, 10);
    // Zero router: the segment (0.001, 0.6)–(0.01, 0.8), mean height 0.7.
    expect(research.zeroRouter).toEqual([
      { costPerRequestUsd: 0.001, quality: 0.6 },
      { costPerRequestUsd: 0.01, quality: 0.8 },
    ]);
    expect(research.aiq.zeroRouter).toBeCloseTo(0.7, 12);
    expect(research.costQualityPoints).toHaveLength(6);
    expect(research.oracle).toEqual({ costPerRequestUsd: 0.002, quality: 0.9 });
  });

  it('gives no APGR when the always-strong run is missing, and says why', () => {
    const without = researchMetrics(
      runs.filter((run) => run.name !== 'always-m1'),
      { costPerRequestUsd: 0, quality: 0 },
    );
    expect(without.knobbed[0]).toMatchObject({ apgr: null, cpt50: null, rStrong: null });
    expect(without.knobbed[0]!.nullReason).toContain('always-m1');
  });

  it('gives no APGR when the strong model is not better than the weak one', () => {
    const flipped = runs.map((run) => (run.name === 'always-m1' ? { ...run, quality: 0.55 } : run));
    const [cascade] = researchMetrics(flipped, { costPerRequestUsd: 0, quality: 0 }).knobbed;
    expect(cascade!.apgr).toBeNull();
    expect(cascade!.points.every((point) => point.pgr === null)).toBe(true);
    expect(cascade!.nullReason).toContain('r_strong (0.55) ≤ r_weak (0.6)');
  });

  it('flags PGR > 1: a sweep point above r_strong means the strong model is not the best (metrics.md)', () => {
    // Golden runs: the best point (0.79) stays below r_strong (0.8) — no flag.
    expect(research.knobbed[0]!.strongNotBest).toBeNull();
    // cascade@0.8 now scores 0.83 > r_strong 0.8 → PGR (0.83 − 0.6)/0.2 = 1.15; a third model m2 scores 0.85.
    const beaten = [
      ...runs.map((run) => (run.name === 'cascade@0.8' ? { ...run, quality: 0.83 } : run)),
      unit('always-m2', 'single', 0.02, 0.85),
    ];
    const [cascade] = researchMetrics(beaten, { costPerRequestUsd: 0, quality: 0 }).knobbed;
    expect(cascade!.strongNotBest).toMatchObject({
      at: 0.8,
      quality: 0.83,
      bestModel: { model: 'm2', quality: 0.85 },
    });
    expect(cascade!.strongNotBest!.maxPgr).toBeCloseTo(1.15, 12);
    expect(cascade!.strongNotBest!.reason).toContain('not the best');
    expect(cascade!.strongNotBest!.reason).toContain('m2, 0.850');
    expect(cascade!.strongNotBest!.reason).toContain('not a success');
    // Without m2 the strong model is the best single model, yet the mix beats it: said as such.
    const [mixed] = researchMetrics(beaten.slice(0, -1), { costPerRequestUsd: 0, quality: 0 }).knobbed;
    expect(mixed!.strongNotBest!.bestModel).toEqual({ model: 'm1', quality: 0.8 });
    expect(mixed!.strongNotBest!.reason).toContain(
      'm1 is the best single model here, but not the best answer',
    );
  });
});
