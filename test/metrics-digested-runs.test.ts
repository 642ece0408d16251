/**
 * The metrics of the runs simulate digested as they arrived, most of them without their columns
 * (metrics/run-digest.ts), are the metrics computeMetrics gives the whole runs, number for number —
 * summaries, slices, series, Δ intervals, APGR/CPT and their intervals, thresholds: the columns
 * kept are the ones every figure needs (drop one more, e.g. a single model's score, and the APGR
 * intervals go). That the digest's numbers are the old code's is the byte-identity of the outputs
 * against main (bench/README.md "Round 4").
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/engine/types.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import { type SimulationOutcome, simulate } from '../src/run/simulate.ts';
import { researchOf } from './metrics-helpers.ts';

let directory = '';
let outcome: SimulationOutcome;
const whole: RunResult[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'routesim-digested-'));
  const scenario = join(directory, 'small.yaml');
  copyFileSync(new URL('./fixtures/simulate/small.yaml', import.meta.url), scenario);
  outcome = await simulate({
    scenario,
    robustness: false,
    // Every run whole, as it arrives (the run's end holds their digests).
    reporters: [{ onUnitEnd: ({ run }) => void whole.push(run) }],
    wallClock: () => performance.now(),
  });
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('metrics of digested runs', () => {
  it('equal the metrics of the whole runs', () => {
    const digested = outcome.runs;
    // The probe is real: sweep points and single models were digested without their columns.
    expect(digested.filter((run) => run.columns === undefined).length).toBeGreaterThan(10);
    expect(whole.map((run) => run.name)).toEqual(digested.map((run) => run.name));
    const fromWhole = computeMetrics({
      scenario: outcome.scenario,
      requests: outcome.requests,
      runs: whole,
      oracle: outcome.oracle,
      tiers: outcome.scenario.traffic.tiers.map((tier) => tier.name),
      seed: outcome.scenario.seed,
    });
    const { research, ...rest } = outcome.metrics;
    const { research: wholeResearch, ...wholeRest } = fromWhole;
    expect(rest).toEqual(wholeRest);
    // The judge-ε study is added after computeMetrics; everything else of research is its own.
    const { judgeEpsilon: _study, ...researchRest } = researchOf({ research });
    expect(researchRest).toEqual(wholeResearch);
    expect(researchOf({ research }).knobbed.some((entry) => entry.intervals !== undefined)).toBe(true);
  });
});
