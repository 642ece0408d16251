/**
 * The strategy tables of report.html on hand-made results: AIQ only where a strategy has a knob
 * sweep, the single-model Δ column against the reference (it read "reference" on all 13 rows of
 * the default day), and the cost-breakdown figures (reasoning share, caching) worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { UsageMetrics } from '../src/metrics/types.ts';
import {
  cacheSavedShare,
  costBreakdownSection,
  costBreakdownSentences,
} from '../src/report/html/cost-breakdown-section.ts';
import { meaningfulAiq, singleModelTable, strategyTable } from '../src/report/html/strategy-table.ts';
import { resultsDocument, strategy } from './report-html-fixture.ts';

/** The fixture with a sweep point of router (so router has a curve) and usage on every strategy. */
function withSweep() {
  const results = resultsDocument();
  const sweep = {
    ...strategy({ name: 'router@0.5', kind: 'sweep', perRequestUsd: 0.002, quality: 0.89, p95: 2000 }),
    parent: 'router',
  };
  results.strategies.push(sweep);
  return results;
}

const usage = (overrides: Partial<UsageMetrics>): UsageMetrics => ({
  calls: 400,
  promptTokens: 400_000,
  cachedTokens: 100_000,
  cacheWriteTokens: 0,
  completionTokens: 200_000,
  reasoningTokens: 80_000,
  reasoningUsd: 0.1,
  cacheSavedUsd: 0.1,
  spreadMisses: 12,
  spreadMissTokens: 24_000,
  spreadMissUsd: 0.02,
  reasoningCostShare: 0.25,
  cachedInputShare: 0.25,
  ...overrides,
});

const cells = (page: string, row: string) =>
  [
    ...(page.split(`<th scope="row">${row}</th>`)[1]?.split('</tr>')[0] ?? '').matchAll(
      /<td class="num[^"]*">([^<]*)/g,
    ),
  ].map((match) => match[1]);

describe('AIQ in the strategy table', () => {
  it('is shown for a strategy with a knob sweep and not for a single configuration', () => {
    const results = withSweep();
    expect(meaningfulAiq(results)).toEqual({ router: 0.8 });
    const page = strategyTable(results).safeHtml;
    expect(cells(page, 'router').at(-1)).toBe('0.800');
    // strong's 0.2 only says its cost sits near the top of the interval.
    expect(cells(page, 'strong').at(-1)).toBe('—');
    expect(page).toContain('is shown only for strategies with a knob sweep');
  });

  it('is not shown at all when no strategy has a sweep, and says why', () => {
    const page = strategyTable(resultsDocument()).safeHtml;
    expect(page).not.toContain('0.800');
    expect(page).toContain('AIQ is not shown: no strategy here has a knob sweep');
  });
});

describe('single-model table', () => {
  it('gives each model’s quality difference from the reference, not the word "reference"', () => {
    const results = resultsDocument();
    const single = results.strategies.find((entry) => entry.kind === 'single')!;
    single.difference = null;
    const page = singleModelTable(results).safeHtml;
    // 0.7 − 0.9 = −20.0 points.
    expect(cells(page, 'always-model-a')[2]).toBe('−20.0');
    expect(page).not.toContain('>reference<');
    expect(page).toContain('Δ quality vs strong, points');
  });
});

describe('cost breakdown', () => {
  it('shows reasoning tokens and cost, the cached share and the caching saving per strategy, by hand', () => {
    const results = resultsDocument();
    // router: 400 requests at $0.001 → $0.40 in all.
    results.strategies[1]!.usage = usage({});
    const page = costBreakdownSection(results).safeHtml;
    expect(page).toContain('Where the cost goes: hidden reasoning and prompt caching');
    // 80,000 reasoning tokens / 400 = 200 per request; $0.10 / 400 × 1,000 = $0.25 per 1k; share 25%;
    // cached 25% of input; saved $0.25 per 1k = 0.1 / (0.4 + 0.1) = 20% of the uncached cost; 12 lost hits at $0.05 per 1k.
    expect(cells(page, 'router')).toEqual([
      '$1.00',
      '200',
      '$0.25',
      '25.0%',
      '25.0%',
      '$0.25',
      '20.0%',
      '12',
      '$0.050',
    ]);
    expect(cacheSavedShare(usage({}), 0.4)).toBeCloseTo(0.2, 12);
    // strong has no usage totals (an older results.json): no row.
    expect(page).not.toContain('<th scope="row">strong</th>');
  });

  it('sums it up for the executive summary: reasoning and caching ranges, the largest loss to spreading', () => {
    const results = resultsDocument();
    // strong: $1.60 in all, reasoning $0.08 (5%), caching saved $0.40 of $2.00 uncached (20%), no spreading.
    results.strategies[0]!.usage = usage({
      reasoningUsd: 0.08,
      reasoningCostShare: 0.05,
      cacheSavedUsd: 0.4,
      spreadMisses: 0,
      spreadMissUsd: 0,
    });
    // router: $0.40 in all, reasoning 25%, caching saved $0.0444 of $0.4444 uncached (10%), 12 hits lost.
    results.strategies[1]!.usage = usage({ cacheSavedUsd: 0.4 / 9 });
    expect(costBreakdownSentences(results)).toEqual([
      'Hidden reasoning tokens, billed as output, are 5.0% (strong) to 25.0% (router) of the strategies’ cost.',
      'Prompt caching saved 10.0% (router) to 20.0% (strong) of what the same calls would cost without a cache. router lost the most to spreading conversations over providers: 12 cache hits, $0.050 per 1,000 requests.',
    ]);
    results.strategies[1]!.usage = usage({
      reasoningTokens: 0,
      reasoningUsd: 0,
      reasoningCostShare: 0,
      spreadMisses: 0,
      spreadMissUsd: 0,
    });
    results.strategies[0]!.usage = usage({
      reasoningTokens: 0,
      reasoningUsd: 0,
      reasoningCostShare: 0,
      spreadMisses: 0,
      spreadMissUsd: 0,
    });
    const [only] = costBreakdownSentences(results);
    expect(only).toMatch(/^Prompt caching saved/);
    expect(only).toContain('No strategy lost a cache hit');
  });

  it('is absent when no strategy carries usage totals', () => {
    expect(costBreakdownSentences(resultsDocument())).toEqual([]);
    expect(costBreakdownSection(resultsDocument()).safeHtml).toBe('');
  });
});
