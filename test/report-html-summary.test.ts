/**
 * The executive summary's sentences on hand-made results: numbers worked out by hand, and the
 * words "not significant" exactly when a 95% interval contains 0 (an end at 0 contains it).
 */
import { describe, expect, it } from 'vitest';
import {
  answeredDuring,
  costClause,
  executiveSummary,
  faultSentence,
  latencyClause,
  qualityClause,
  strategySentence,
} from '../src/report/html/summary.ts';
import { interval, resultsDocument, strategy } from './report-html-fixture.ts';

const reference = strategy({ name: 'strong', perRequestUsd: 0.004, quality: 0.9, p95: 4000 });
const withDifference = (
  cost: [number, number, number],
  quality: [number, number, number],
  p95: [number, number, number],
) =>
  strategy({
    name: 'router',
    perRequestUsd: 0.004 + cost[0],
    quality: 0.9 + quality[0] / 100,
    p95: 4000 + p95[0],
    savings: -cost[0] / 0.004,
    relative: (0.9 + quality[0] / 100) / 0.9,
    difference: { cost: interval(...cost), quality: interval(...quality), p95: interval(...p95) },
  });

describe('summary sentences', () => {
  it('states savings, relative quality and p95 change with their intervals when significant', () => {
    const router = withDifference([-0.003, -0.0032, -0.0028], [-2, -2.5, -1.5], [-2000, -2300, -1700]);
    // savings 0.003 / 0.004 = 75%; quality 0.88 / 0.9 = 97.8% → 98%; p95 −2000 / 4000 = −50%.
    expect(strategySentence(router, reference)).toBe(
      'router saves 75% against strong (−\u2060$3.00 per 1,000 requests, 95% CI −\u2060$3.20 to −\u2060$2.80) ' +
        'at 98% of its quality (−2.0 points, 95% CI −2.5 to −1.5); p95 latency −50% (−2.00 s, 95% CI −2.30 to −1.70 s).',
    );
  });

  it('says "not significant" for each difference whose interval contains 0', () => {
    const router = withDifference([-0.0001, -0.0003, 0.0001], [-0.3, -0.9, 0.4], [200, -100, 500]);
    expect(costClause(router, reference)).toContain('is not significant');
    expect(qualityClause(router)).toBe(
      'with no significant quality difference (−0.3 points, 95% CI −0.9 to +0.4)',
    );
    // +200 / 4000 = +5%.
    expect(latencyClause(router, reference)).toBe(
      'p95 latency change +5% not significant (+0.20 s, 95% CI −0.10 to +0.50 s)',
    );
  });

  it('treats an interval ending exactly at 0 as not significant', () => {
    const router = withDifference([-0.002, -0.003, -0.001], [-1, -2, 0], [-100, -200, -50]);
    expect(qualityClause(router)).toContain('no significant quality difference');
    expect(costClause(router, reference)).toMatch(/^saves 50% against strong/);
  });

  it('reports a costlier strategy as costing more, not as negative savings', () => {
    const router = withDifference([0.001, 0.0008, 0.0012], [1, 0.5, 1.5], [0, -10, 10]);
    expect(costClause(router, reference)).toMatch(/^costs 25% more than strong \(\+\u2060\$1\.00 per 1,000/);
    expect(qualityClause(router)).toMatch(/, better\)$/);
  });
});

describe('faults in the summary', () => {
  const results = resultsDocument();
  const [strong, router] = results.strategies as [never, never];

  it('weights the answered rate of the windows overlapping a fault by their requests', () => {
    // Windows start at 0, 1, 2, 3 min (1 min long); a fault over [1.5 min, 2.5 min) overlaps windows 1 and 2:
    // strong answered 0.5 and 1 of 100 requests each → 0.75.
    expect(answeredDuring(strong, 60_000, 90_000, 150_000)).toBeCloseTo(0.75, 12);
    // [1 min, 2 min) touches window 0 only at its end: window 1 alone.
    expect(answeredDuring(strong, 60_000, 60_000, 120_000)).toBeCloseTo(0.5, 12);
    expect(answeredDuring(strong, 60_000, 300_000, 360_000)).toBeNull();
  });

  it('names the fault, its time and how each strategy held up', () => {
    const fault = results.faults[0] as (typeof results.faults)[number];
    expect(faultSentence(fault, [strong, router], strong, 60_000)).toBe(
      'During the 1 minute error outage (HTTP 503) of acme (00:01–00:02) router kept 99.0% of requests answered, ' +
        'strong 50.0% (in the 1 minute windows overlapping it).',
    );
  });

  it('builds the whole summary from a results document', () => {
    const summary = executiveSummary(results);
    expect(summary.lead[0]).toBe(
      '400 simulated requests over 4 minutes of virtual time, 2 strategies compared against strong; intervals are 95% paired-bootstrap intervals (2,000 resamples).',
    );
    // router is 2 points below strong: it breaks the quality bar, and no other strategy is cheaper.
    expect(summary.lead[1]).toBe(
      'No strategy costs less than strong and stays within 1 point of its quality: router breaks quality (−2.0 points). The trade-off on offer: router gives up only quality (−2.0 points).',
    );
    expect(summary.lead[2]).toMatch(/^The scenario sets no latency SLO/);
    expect(summary.strategies.map((entry) => entry.name)).toEqual(['router']);
    // The health sentence (nothing failed in this document) and the one fault window.
    expect(summary.faults).toHaveLength(2);
    expect(summary.faults[0]).toBe(
      'One fault window was scheduled, yet no request of any run failed (retries and fallbacks absorbed them).',
    );
    expect(summary.thresholds).toBeUndefined();
  });
});
