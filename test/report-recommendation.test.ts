/**
 * The recommendation weighs cost, quality and the latency SLO together: the default day's summary
 * once recommended cascade without saying only 60% of its answers met the 8 s SLO.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyMetrics } from '../src/metrics/types.ts';
import { recommendation, verdict } from '../src/report/html/recommendation.ts';
import { interval, strategy } from './report-html-fixture.ts';

const SLO_MS = 8000;
const findings = (run: StrategyMetrics) => `(findings of ${run.name})`;

/** A strategy `points` from the reference's 0.9 quality at `perRequestUsd`, with its goodput. */
function candidate(
  name: string,
  perRequestUsd: number,
  points: number,
  goodput: number | null,
): StrategyMetrics {
  const run = strategy({
    name,
    perRequestUsd,
    quality: 0.9 + points / 100,
    p95: 5000,
    difference: {
      cost: interval(perRequestUsd - 0.004, perRequestUsd - 0.0041, perRequestUsd - 0.0039),
      quality: interval(points, points - 0.3, points + 0.3),
      p95: interval(0, -10, 10),
    },
  });
  return { ...run, goodput };
}

const reference = candidate('always-strongest', 0.004, 0, 0.96);

describe('recommendation', () => {
  it('passes over a cheaper strategy that breaks the SLO, and says which constraint it breaks', () => {
    const cascade = candidate('cascade', 0.0019, -0.5, 0.6);
    const domain = candidate('domain', 0.0025, -0.8, 0.97);
    const learned = candidate('learned', 0.0001, -23.1, 0.99);
    const sentences = recommendation([domain, cascade, learned], reference, SLO_MS, findings);
    expect(sentences[0]).toBe(
      'Recommended: domain, the cheapest strategy that costs less than always-strongest, stays within 1 point of its quality and answers at least 95% of requests within the 8,000 ms SLO. It (findings of domain) It answers 97.0% of requests within the 8,000 ms SLO.',
    );
    expect(sentences[1]).toBe(
      'The cheaper strategies each give something up: learned breaks quality (−23.1 points); cascade breaks the SLO (60.0% answered within 8,000 ms).',
    );
    expect(sentences).toHaveLength(2);
  });

  it('recommends nothing when no strategy meets all three bars, naming what each breaks', () => {
    const cascade = candidate('cascade', 0.0019, -2.5, 0.6);
    const availability = candidate('availability', 0.0049, -3, 0.78);
    const sentences = recommendation([availability, cascade], reference, SLO_MS, findings);
    expect(sentences[0]).toMatch(
      /^No strategy costs less than always-strongest, stays within 1 point of its quality and answers at least 95%/,
    );
    expect(sentences[0]).toContain(
      'cascade breaks quality (−2.5 points) and the SLO (60.0% answered within 8,000 ms); availability breaks cost ($4.90 per 1,000 requests, not below always-strongest’s $4.00) and quality (−3.0 points) and the SLO (78.0% answered within 8,000 ms).',
    );
    expect(sentences.join(' ')).not.toMatch(/Recommended/);
    expect(sentences[0]).toContain('Every strategy breaks at least two of those bars.');
  });

  it('names the candidates one bar short, and says when the reference itself misses the SLO', () => {
    const slowReference = candidate('always-strongest', 0.004, 0, 0.7);
    const [sentence] = recommendation([candidate('x', 0.001, -5, 0.99)], slowReference, SLO_MS, findings);
    expect(sentence).toContain('The trade-off on offer: x gives up only quality (−5.0 points).');
    expect(sentence).toContain('always-strongest itself answers only 70.0% of requests within the SLO.');
  });

  it('without an SLO weighs cost and quality only, and says latency was not weighed', () => {
    const cascade = candidate('cascade', 0.0019, -0.5, null);
    expect(verdict(cascade, reference, undefined).broken).toEqual([]);
    const sentences = recommendation([cascade], reference, undefined, findings);
    expect(sentences[0]).toMatch(
      /^Recommended: cascade, the cheapest strategy that costs less than always-strongest and stays within 1 point of its quality\. It/,
    );
    expect(sentences[1]).toMatch(/^The scenario sets no latency SLO/);
  });
});
