/**
 * Metrics of a run without research (`simulate --no-research`): `research` says it was not run,
 * and everything else — the strategies against the reference with their paired intervals, the
 * oracle, the thresholds — is what the same runs give with research on. A threshold cannot need a
 * research figure: the threshold grammar measures per-request metrics only (pinned below).
 */
import { describe, expect, it } from 'vitest';
import { Flag } from '../src/engine/types.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import { RESEARCH_NOT_RUN, researchRan } from '../src/metrics/research-not-run.ts';
import type { JudgeEpsilonMetrics } from '../src/metrics/types.ts';
import { runMetrics } from '../src/run/run-metrics.ts';
import { THRESHOLD_METRICS } from '../src/scenario/thresholds.ts';
import { FOUR_REQUESTS, makeRun, makeScenario, strongestOfFour } from './metrics-helpers.ts';

const requests = FOUR_REQUESTS;
const reference = strongestOfFour();
const cascade = makeRun(
  'cascade',
  [
    { cost: 0.01, score: 1, latency: 300, model: 0 },
    { cost: 0.05, score: 1, latency: 1500, model: 1, flags: Flag.escalated | Flag.strongCalled },
    { cost: 0.01, score: 0, latency: 400, model: 0 },
    { cost: 0.01, score: 1, latency: 450, model: 0 },
  ],
  { family: 'cascade' },
);
const oracle = makeRun('oracle', [
  { cost: 0.01, score: 1, latency: 300, model: 0 },
  { cost: 0.04, score: 1, latency: 1200, model: 1 },
  { cost: 0.04, score: 1, latency: 900, model: 1 },
  { cost: 0.01, score: 1, latency: 450, model: 0 },
]);
const scenario = makeScenario({
  thresholds: { 'latency{strategy:cascade}': ['p(50) < 500'], quality: ['mean > 0.6'] },
});
const input = {
  scenario,
  requests,
  runs: [reference, cascade],
  oracle,
  tiers: ['free', 'pro'],
  seed: 7,
  resamples: 200,
};

describe('computeMetrics without research', () => {
  const withResearch = computeMetrics(input);
  const without = computeMetrics({ ...input, research: false });

  it('says research was not run, and why', () => {
    expect(researchRan(withResearch.research)).toBe(true);
    expect(without.research).toEqual(RESEARCH_NOT_RUN);
    expect(researchRan(without.research)).toBe(false);
    expect(RESEARCH_NOT_RUN.reason).toMatch(/^simulate --no-research: .*APGR, CPT, AIQ/);
  });

  it('measures everything else exactly as a run with research does', () => {
    const { research: _with, ...rest } = withResearch;
    const { research: _without, ...restWithout } = without;
    expect(restWithout).toEqual(rest);
    expect(without.strategies[1]?.difference).not.toBeNull();
  });
});

describe('runMetrics without research', () => {
  const study: JudgeEpsilonMetrics = {
    strategy: 'cascade',
    judgeModel: 'm1',
    epsilon: 0.1,
    count: 4,
    points: [],
  };

  it('evaluates the thresholds as with research, and attaches no judge-ε study', () => {
    const on = runMetrics({ ...input, judgeEpsilon: study });
    const off = runMetrics({ ...input, judgeEpsilon: study, research: false });
    expect(off.metrics.research).toEqual(RESEARCH_NOT_RUN);
    expect(off.thresholds).toEqual(on.thresholds);
    expect(off.thresholds.map((result) => result.pass)).toEqual([true, true]);
  });
});

describe('thresholds and --no-research', () => {
  // --no-research keeps every run a threshold can select (the validator allows strategy tags that
  // name a scenario strategy or the reference, both kept), so it checks nothing before running.
  // That holds while no threshold metric is a research figure: adding one (apgr, aiq…) must make
  // --no-research refuse such a threshold (exit 2) — this test fails first to say so.
  it('measures per-request metrics only', () => {
    expect(Object.keys(THRESHOLD_METRICS)).toEqual([
      'latency',
      'ttft',
      'quality',
      'cost',
      'answered',
      'errors',
      'failures',
      'goodput',
    ]);
  });
});
