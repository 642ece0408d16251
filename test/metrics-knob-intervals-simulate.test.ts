/**
 * APGR/CPT intervals through `simulate` on test/fixtures/simulate/small.yaml (≈ 1,200 requests,
 * random, cascade and learned knobbed): present for every knobbed strategy, containing their
 * estimates, byte-identical on one thread and on two workers, recomputed here for the cascade from
 * its sweep columns with this file's own APGR/CPT arithmetic, on the block bootstrap when the run
 * uses it, and shown in report.html; plus the report's note on which part of a replay split ran.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Flag, type RunResult } from '../src/engine/types.ts';
import { fillWeights, pairedPlan } from '../src/metrics/resample.ts';
import type { KnobbedMetrics } from '../src/metrics/types.ts';
import { replayNote } from '../src/report/html/scenario-section.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { simulateToDirectory } from './simulate-support.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-knob-intervals-'));
const scenarioPath = join(directory, 'small.yaml');
const read = (run: string, file: string) => readFileSync(join(directory, run, file), 'utf8');
const results = (run: string) =>
  JSON.parse(read(run, 'results.json')) as {
    requestCount: number;
    intervals: { method: string; seed: number };
    research: { knobbed: KnobbedMetrics[] };
  };
/** Every run whole, as the reporters see it arrive (the run's end holds only their digests). */
const runs: RunResult[] = [];

beforeAll(async () => {
  copyFileSync(new URL('./fixtures/simulate/small.yaml', import.meta.url), scenarioPath);
  const wallClock = () => performance.now();
  await simulateToDirectory({
    scenarioPath,
    outDir: join(directory, 'one'),
    workers: 1,
    wallClock,
    reporters: [
      {
        onUnitEnd({ run, unit }) {
          runs.push({ ...run, kind: unit.kind });
        },
      },
    ],
  });
  await simulateToDirectory({ scenarioPath, outDir: join(directory, 'two'), workers: 2, wallClock });
  await simulateToDirectory({
    scenarioPath,
    outDir: join(directory, 'block'),
    workers: 1,
    blockMs: 60_000,
    wallClock,
  });
}, 180_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** APGR and CPT as metrics.md words them, written out again here: trapezoid, running max. */
function byHand(points: { c: number; r: number }[], rWeak: number, rStrong: number) {
  const pgr = points.map((point) => ({ c: point.c, pgr: (point.r - rWeak) / (rStrong - rWeak) }));
  const all = [{ c: 0, pgr: 0 }, ...pgr, { c: 1, pgr: 1 }].sort((a, b) => a.c - b.c);
  const curve: { c: number; pgr: number }[] = [];
  for (const point of all) {
    const same = all.filter((other) => other.c === point.c);
    if (curve.at(-1)?.c !== point.c)
      curve.push({ c: point.c, pgr: same.reduce((sum, other) => sum + other.pgr, 0) / same.length });
  }
  let apgr = 0;
  for (let index = 1; index < curve.length; index++) {
    apgr += ((curve[index]!.c - curve[index - 1]!.c) * (curve[index]!.pgr + curve[index - 1]!.pgr)) / 2;
  }
  const cpt = (target: number) => {
    let best = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < curve.length; index++) {
      const before = best;
      best = Math.max(best, curve[index]!.pgr);
      if (best >= target) {
        if (index === 0) return curve[0]!.c;
        const left = curve[index - 1]!.c;
        return left + ((curve[index]!.c - left) * (target - before)) / (best - before);
      }
    }
    return 1;
  };
  return { apgr, cpt50: cpt(0.5), cpt80: cpt(0.8) };
}

describe('APGR/CPT intervals in results.json', () => {
  it('are there for every knobbed strategy, contain their estimates, and name the run’s scheme', () => {
    const written = results('one');
    expect(written.research.knobbed.map((entry) => entry.strategy)).toEqual(['random', 'cascade', 'learned']);
    for (const entry of written.research.knobbed) {
      const intervals = entry.intervals!;
      expect(intervals.method, entry.strategy).toBe(written.intervals.method);
      expect(intervals.resamples).toBe(400);
      for (const metric of ['apgr', 'cpt50', 'cpt80'] as const) {
        expect(intervals[metric].low!, `${entry.strategy} ${metric}`).toBeLessThanOrEqual(entry[metric]!);
        expect(intervals[metric].high!, `${entry.strategy} ${metric}`).toBeGreaterThanOrEqual(entry[metric]!);
        expect(intervals[metric].high!).toBeGreaterThan(intervals[metric].low!);
      }
    }
  });

  it('are byte-identical on one thread and on two workers (results.json and report.html)', () => {
    expect(read('two', 'results.json')).toBe(read('one', 'results.json'));
    expect(read('two', 'report.html')).toBe(read('one', 'report.html'));
  });

  it('are, for the cascade, the percentile interval of APGR/CPT recomputed from its sweep columns', () => {
    const written = results('one');
    const entry = written.research.knobbed.find((knobbed) => knobbed.strategy === 'cascade')!;
    const column = (name: string) => runs.find((run) => run.name === name && run.kind === 'single')!.columns;
    const weak = column(`always-${entry.weak}`).score;
    const strong = column(`always-${entry.strong}`).score;
    const sweep = runs
      .filter((run) => run.kind === 'sweep' && run.name.startsWith('cascade@'))
      .sort((a, b) => a.knobValue! - b.knobValue!);
    const n = written.requestCount;
    const plan = pairedPlan(n, written.intervals.seed, 400);
    const weights = new Uint32Array(n);
    const draws = { apgr: [] as number[], cpt50: [] as number[], cpt80: [] as number[] };
    for (let resample = 0; resample < plan.resamples; resample++) {
      const total = fillWeights(plan, resample, weights);
      const mean = (value: (index: number) => number) => {
        let sum = 0;
        for (let index = 0; index < n; index++) sum += weights[index]! * value(index);
        return sum / total;
      };
      const points = sweep.map((run) => ({
        c: mean((index) => ((run.columns.flags[index]! & Flag.strongCalled) === 0 ? 0 : 1)),
        r: mean((index) => run.columns.score[index]!),
      }));
      const figures = byHand(
        points,
        mean((index) => weak[index]!),
        mean((index) => strong[index]!),
      );
      draws.apgr.push(figures.apgr);
      draws.cpt50.push(figures.cpt50);
      draws.cpt80.push(figures.cpt80);
    }
    for (const metric of ['apgr', 'cpt50', 'cpt80'] as const) {
      const sorted = [...draws[metric]].sort((a, b) => a - b);
      // Nearest ranks ⌈0.025·400⌉ = 10 and ⌈0.975·400⌉ = 390; results.json keeps 6 significant digits.
      const low = sorted[9]!;
      const high = sorted[389]!;
      expect(entry.intervals![metric].low! / low, metric).toBeCloseTo(1, 5);
      expect(entry.intervals![metric].high! / high, metric).toBeCloseTo(1, 5);
    }
  });

  it('follow the block bootstrap when the run uses it', () => {
    const written = results('block');
    expect(written.intervals.method).toBe('block-bootstrap');
    for (const entry of written.research.knobbed) expect(entry.intervals!.method).toBe('block-bootstrap');
    expect(read('block', 'report.html')).toContain('block bootstrap resamples (whole 1 minute windows');
  });
});

describe('report.html', () => {
  it('shows each interval beside its estimate, and the random router’s interval with what it means', () => {
    const page = read('one', 'report.html');
    const written = results('one');
    expect(page).toContain('<th scope="col">APGR [95% CI]</th>');
    for (const entry of written.research.knobbed) {
      const { low, high } = entry.intervals!.apgr;
      expect(page).toContain(
        `<td class="num">${entry.apgr!.toFixed(3)} <span class="ci">[${low!.toFixed(3)}, ${high!.toFixed(3)}]</span>${entry.strongNotBest ? ' <span class="ci">(PGR > 1: see below)</span>' : ''}</td>`,
      );
    }
    const random = written.research.knobbed.find((entry) => entry.strategy === 'random')!;
    expect(page).toContain(
      `The random router’s APGR, ${random.apgr!.toFixed(3)} [${random.intervals!.apgr.low!.toFixed(3)}, ${random.intervals!.apgr.high!.toFixed(3)}] (0.5 in expectation), shows how far APGR moves by chance alone`,
    );
    expect(page).toContain('from 400 paired bootstrap resamples');
  });

  it('says which part of a replay split was replayed', () => {
    const scenario = loadScenarioFile('scenarios/examples/mt-bench-learned.yaml');
    const note = replayNote(scenario).safeHtml;
    expect(note).toContain('Only the <strong>held-out (test) part</strong> of a keyed split');
    expect(note).toContain('the 50% of prompts held out');
    expect(note).toContain('<code>routesim train --split 0.5 --seed 1</code>');
    const replay = scenario.traffic.replay!;
    const train = replayNote({
      ...scenario,
      traffic: { ...scenario.traffic, replay: { ...replay, split: { share: 0.25, seed: 3, part: 'train' } } },
    }).safeHtml;
    expect(train).toContain('Only the <strong>training part</strong>');
    expect(train).toContain('the 75% of prompts not held out (share 0.25');
    const { split: _split, ...whole } = replay;
    expect(
      replayNote({ ...scenario, traffic: { ...scenario.traffic, replay: whole } }).safeHtml,
    ).not.toContain('split');
  });
});
