/**
 * The learned router's APGR/CPT on MT-Bench prompts it never trained on, with bootstrap 95%
 * intervals (src/metrics/knob-bootstrap.ts), as `node src/learn/evaluate-split.ts` prints them and
 * docs/learned-router-mt-bench.md records them.
 *
 * Band for the learned APGR on the 40 held-out prompts, and why:
 * - upper: the oracle frontier's APGR on the same prompts, computed here from question.jsonl and
 *   judgements.jsonl by hand — with k strong calls the best any router can do is to spend them on
 *   the k largest strong − weak gaps; the frontier is concave, so no router's trapezoid exceeds it;
 * - lower: 0.25 — half of random's 0.5. Random's APGR on 40 prompts has a 95% interval of about
 *   ±0.09 (measured: [0.42, 0.60]); a router below 0.25 would be sending the strong model exactly
 *   where it does not help, i.e. a sign flip or a label mix-up, not noise.
 * The interval must contain its estimate and have a width a 40-prompt sample implies (≥ 0.1), and
 * random's interval must contain 0.5, random's APGR in expectation (metrics.md).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRouterModel } from '../src/learn/load-model.ts';
import { intervalsOf, runKnobSweeps, type SweepEvaluation } from '../src/learn/split-evaluation.ts';
import { summariseSplits } from '../src/learn/split-summary.ts';
import { bootstrapKnobMetrics, type KnobBootstrapResult } from '../src/metrics/knob-bootstrap.ts';
import { pairedPlan } from '../src/metrics/resample.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { simulateToDirectory } from './simulate-support.ts';

const SCENARIO = 'scenarios/examples/mt-bench-learned.yaml';
const LOWER = 0.25;
const MIN_WIDTH = 0.1;

const directory = mkdtempSync(join(tmpdir(), 'routesim-split-apgr-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** First-turn scores (s − 1)/9 per question id and model, read straight from the files. */
function tableScores(): Map<string, { weak: number; strong: number }> {
  const scores = new Map<string, { weak: number; strong: number }>();
  for (const line of readFileSync('fixtures/replay/mt-bench/judgements.jsonl', 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { question_id: number; model: string; turn: number; score: number };
    if (row.turn !== 1) continue;
    const entry = scores.get(String(row.question_id)) ?? { weak: Number.NaN, strong: Number.NaN };
    if (row.model === 'gpt-4-1106-preview') entry.strong = (row.score - 1) / 9;
    else entry.weak = (row.score - 1) / 9;
    scores.set(String(row.question_id), entry);
  }
  return scores;
}

/** APGR of the best possible router on `ids`: k strong calls on the k largest gaps, k = 0…n. */
function oracleFrontierApgr(ids: readonly string[]): number {
  const scores = tableScores();
  const rows = ids.map((id) => scores.get(id)!);
  const n = rows.length;
  const rWeak = rows.reduce((sum, row) => sum + row.weak, 0) / n;
  const rStrong = rows.reduce((sum, row) => sum + row.strong, 0) / n;
  const gaps = rows.map((row) => Math.max(0, row.strong - row.weak)).sort((a, b) => b - a);
  let quality = rWeak;
  let previous = 0;
  let area = 0;
  for (let k = 1; k <= n; k++) {
    quality += gaps[k - 1]! / n;
    const pgr = (quality - rWeak) / (rStrong - rWeak);
    area += (pgr + previous) / 2 / n;
    previous = pgr;
  }
  return area;
}

let evaluation: SweepEvaluation;
let result: KnobBootstrapResult;

beforeAll(async () => {
  const scenario = loadScenarioFile(SCENARIO);
  evaluation = await runKnobSweeps({
    scenario,
    scenarioDir: dirname(resolve(SCENARIO)),
    catalog: loadCatalog(scenario.catalog),
  });
  result = intervalsOf(evaluation, 2000, scenario.seed);
});

describe('bootstrapKnobMetrics', () => {
  it("reproduces metrics.md's golden example as its point estimate; a router against itself differs by exactly 0", () => {
    // 20 requests: r_weak 0.60, r_strong 0.80; points (0.25, 0.70), (0.50, 0.74), (0.75, 0.79).
    const column = (ones: number, extra = 0) =>
      Float64Array.from({ length: 20 }, (_, index) => (index < ones ? 1 : index === ones ? extra : 0));
    const flags = (count: number) => Uint8Array.from({ length: 20 }, (_, index) => (index < count ? 1 : 0));
    const points = [
      { value: 0.1, strongCalled: flags(5), score: column(14) },
      { value: 0.2, strongCalled: flags(10), score: column(14, 0.8) },
      { value: 0.3, strongCalled: flags(15), score: column(15, 0.8) },
    ];
    const figures = bootstrapKnobMetrics(
      {
        series: [
          { strategy: 'a', points },
          { strategy: 'b', points },
        ],
        weakScore: column(12),
        strongScore: column(16),
        differences: [['a', 'b']],
      },
      pairedPlan(20, 7, 500),
    );
    const [a] = figures.strategies;
    expect(a!.apgr.estimate).toBeCloseTo(0.6625, 10);
    expect(a!.cpt50.estimate).toBeCloseTo(0.25, 10);
    expect(a!.cpt80.estimate).toBeCloseTo(0.6, 10);
    for (const metric of [a!.apgr, a!.cpt50, a!.cpt80]) {
      expect(metric.low!).toBeLessThanOrEqual(metric.estimate!);
      expect(metric.high!).toBeGreaterThanOrEqual(metric.estimate!);
    }
    // Paired: the same resampled indices for both, so identical sweeps differ by 0 on every resample.
    expect(figures.differences[0]!.apgr).toEqual({ estimate: 0, low: 0, high: 0 });
  });
});

describe('the learned router on the 40 held-out MT-Bench prompts', () => {
  it('is evaluated on the model file’s held-out ids only', () => {
    const model = loadRouterModel('fixtures/learned/mt-bench-split.json');
    const heldOut = model.training.heldOut;
    expect('heldOutIds' in heldOut && heldOut.heldOutIds).toEqual(evaluation.promptIds);
    expect(
      'trainIds' in heldOut && heldOut.trainIds.filter((id) => evaluation.promptIds.includes(id)),
    ).toEqual([]);
  });

  it('has an APGR inside the band, with a bootstrap interval around it, beside random’s', () => {
    const learned = result.strategies.find((entry) => entry.strategy === 'learned')!;
    const random = result.strategies.find((entry) => entry.strategy === 'random')!;
    const upper = oracleFrontierApgr(evaluation.promptIds);
    const apgr = learned.apgr.estimate!;
    expect(apgr).toBeGreaterThanOrEqual(LOWER);
    expect(apgr).toBeLessThanOrEqual(upper);
    expect(learned.apgr.low!).toBeLessThanOrEqual(apgr);
    expect(learned.apgr.high!).toBeGreaterThanOrEqual(apgr);
    expect(learned.apgr.high! - learned.apgr.low!).toBeGreaterThanOrEqual(MIN_WIDTH);
    expect(random.apgr.low!).toBeLessThanOrEqual(0.5);
    expect(random.apgr.high!).toBeGreaterThanOrEqual(0.5);
    // Some resamples of 40 prompts may have no strong − weak gap; never most of them.
    expect(result.undefinedResamples).toBeLessThan(result.resamples / 100);
    // r_weak and r_strong are the held-out prompts' table means (float32 columns).
    const scores = tableScores();
    const mean = (key: 'weak' | 'strong') =>
      evaluation.promptIds.reduce((sum, id) => sum + scores.get(id)![key], 0) / evaluation.promptIds.length;
    expect(result.rWeak).toBeCloseTo(mean('weak'), 6);
    expect(result.rStrong).toBeCloseTo(mean('strong'), 6);
  });

  it('has the point estimates `routesim simulate` writes to results.json for the scenario', async () => {
    const outDir = join(directory, 'run');
    await simulateToDirectory({
      scenarioPath: SCENARIO,
      outDir,
      workers: 1,
      wallClock: () => performance.now(),
    });
    const written = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as {
      research: { knobbed: { strategy: string; apgr: number; cpt50: number; cpt80: number }[] };
    };
    for (const entry of result.strategies) {
      const reported = written.research.knobbed.find((knobbed) => knobbed.strategy === entry.strategy)!;
      expect(reported.apgr, entry.strategy).toBeCloseTo(entry.apgr.estimate!, 5);
      expect(reported.cpt50, entry.strategy).toBeCloseTo(entry.cpt50.estimate!, 5);
      expect(reported.cpt80, entry.strategy).toBeCloseTo(entry.cpt80.estimate!, 5);
    }
  });
});

describe('summariseSplits', () => {
  it('gives mean, sd and nearest-rank quantiles over splits, and the share of splits ahead of random', () => {
    const split = (learned: number, random: number): KnobBootstrapResult => {
      const interval = (estimate: number) => ({ estimate, low: estimate, high: estimate });
      const entry = (strategy: string, apgr: number) => ({
        strategy,
        apgr: interval(apgr),
        cpt50: interval(0.5),
        cpt80: interval(0.8),
      });
      return {
        requests: 40,
        resamples: 1,
        undefinedResamples: 0,
        rWeak: 0.8,
        rStrong: 0.9,
        strategies: [entry('learned', learned), entry('random', random)],
        differences: [
          {
            a: 'learned',
            b: 'random',
            apgr: interval(learned - random),
            cpt50: interval(0),
            cpt80: interval(0),
          },
        ],
      };
    };
    const summary = summariseSplits([split(0.6, 0.5), split(0.4, 0.5), split(0.8, 0.5), split(0.6, 0.5)]);
    const learned = summary.rows.find((row) => row.strategy === 'learned' && row.metric === 'apgr')!;
    // Values 0.4, 0.6, 0.6, 0.8: mean 0.6, sample sd √(0.08/3), ranks ⌈0.025·4⌉ = 1, ⌈0.5·4⌉ = 2, ⌈0.975·4⌉ = 4.
    expect(learned.mean).toBeCloseTo(0.6, 12);
    expect(learned.sd).toBeCloseTo(Math.sqrt(0.08 / 3), 12);
    expect([learned.low, learned.median, learned.high]).toEqual([0.4, 0.6, 0.8]);
    expect(summary.aheadOfRandom).toEqual({ learned: 0.75 });
  });
});
