/**
 * The report never shows PGR above 1 as a success (metrics.md) and names the reason behind each
 * default a strategy relies on (issue 9): the research table's note, the APGR chart's caption and
 * the scenario section's "Defaults used", on hand-made results.
 */
import { describe, expect, it } from 'vitest';
import { apgrOverOneCaption } from '../src/report/html/charts/apgr.ts';
import { researchTable } from '../src/report/html/research-table.ts';
import { scenarioSection } from '../src/report/html/scenario-section.ts';
import { defaultReasons } from '../src/strategies/default-reasons.ts';
import { type ResultsWithResearch, resultsDocument } from './report-html-fixture.ts';

/** The fixture's router sweep, its last point now above r_strong (PGR 1.15). */
function flagged(): ResultsWithResearch {
  const results = resultsDocument();
  const [entry] = results.research.knobbed;
  results.research.knobbed = [
    {
      ...entry!,
      points: [...entry!.points.slice(0, 2), { value: 0.7, c: 0.75, r: 0.83, pgr: 1.15 }],
      strongNotBest: {
        maxPgr: 1.15,
        at: 0.7,
        quality: 0.83,
        bestModel: { model: 'model-c', quality: 0.86 },
        reason: 'router at threshold 0.7 …',
      },
    },
  ];
  return results;
}

describe('PGR above 1 in the report', () => {
  it('the research table says the strong model is not the best and that APGR > 1 is no success', () => {
    const text = researchTable(flagged()).safeHtml;
    expect(text).toContain('PGR above 1 is not a success');
    expect(text).toContain(
      'router’s threshold 0.7 scores 0.830, above its strong model model-b (0.800): PGR 1.15',
    );
    expect(text).toContain('the best single model here is model-c, 0.860');
    expect(text).toContain('(PGR > 1: see below)');
  });

  it('says a mix beats the best single model when the strong model is the best one', () => {
    const results = flagged();
    results.research.knobbed[0]!.strongNotBest!.bestModel = { model: 'model-b', quality: 0.8 };
    const text = researchTable(results).safeHtml;
    expect(text).toContain('model-b is the best single model here, but not the best answer on this traffic');
    expect(text).not.toContain('weak yardstick');
  });

  it('says nothing of the kind when no sweep point beats the strong model', () => {
    const text = researchTable(resultsDocument()).safeHtml;
    expect(text).not.toContain('not a success');
    expect(text).not.toContain('PGR > 1: see below');
  });

  it('the APGR caption explains PGR above 100% and names the strategies it happened to', () => {
    expect(apgrOverOneCaption(resultsDocument().research.knobbed)).toMatch(
      /not the best on this traffic.*not a success\.$/,
    );
    expect(apgrOverOneCaption(flagged().research.knobbed)).toMatch(/It happens here for router\.$/);
  });
});

describe('defaults and their reasons in the scenario section', () => {
  it('lists the reason of each default a strategy relies on, and none the scenario overrides', () => {
    const results = resultsDocument();
    results.scenario.strategies = [
      { name: 'cascade', options: {} },
      { name: 'availability', options: {} },
      { name: 'learned', options: { threshold: 0.6 } },
      { name: 'cheap-cascade', strategy: 'cascade', options: { models: ['model-a', 'model-b'] } },
    ];
    const text = scenarioSection(results).safeHtml;
    expect(text).toContain('Defaults used');
    expect(text).toContain('<code>cascade</code>: chain cheapest → capable (mid-price) → strongest');
    expect(text).toContain('<code>availability</code>: failover, not load balancing');
    expect(text).not.toContain('<code>learned</code>');
    expect(text).not.toContain('<code>cheap-cascade</code>:');
  });

  it('names the calibration behind learned’s default threshold and drops it when balancing is asked', () => {
    expect(defaultReasons('learned', {}).join()).toContain(
      'best single model’s quality there — 95% for the bundled model',
    );
    expect(defaultReasons('availability', { selection: 'round-robin' })).toEqual([]);
    expect(defaultReasons('availability', { weights: { a: 2 } })).toEqual([]);
    expect(defaultReasons('random', { strong: 'x' })).toEqual([]);
  });
});
