/**
 * The report's robustness section in words: whether the winner survives each move, named by the
 * moves under which another strategy replaces it; nothing at all when the run has no verdict.
 */
import { describe, expect, it } from 'vitest';
import type { RobustnessMetrics, RobustnessSide } from '../src/metrics/robustness-types.ts';
import type { ResultsDocument } from '../src/report/html/results-document.ts';
import {
  assumptionSentences,
  robustnessSection,
  winnerSentence,
} from '../src/report/html/robustness-section.ts';

const row = (name: string, quality: number) => ({
  name,
  quality,
  costPer1kUsd: 1,
  p95Ms: 1000,
  goodput: 1,
  answeredRate: 1,
  rerun: true,
});

function side(id: string, which: 'low' | 'high', top: string | null, holds: boolean): RobustnessSide {
  return {
    id,
    side: which,
    assumption: id,
    setting: `${id} at ${which}`,
    band: 'a band',
    rows: [row('cascade', 0.9), row('<domain>', 0.8)],
    byQuality: ['cascade', '<domain>'],
    byCost: ['cascade', '<domain>'],
    top,
    kendallTau: { quality: 1, cost: 1 },
    overtakes: [],
    holds,
    verdict: holds ? 'holds' : `changes: top ${top} instead of cascade`,
  };
}

const robustness: RobustnessMetrics = {
  requestCount: 100,
  topRule: 'a rule',
  resolution: { quality: 0.002, costPer1kUsd: 0.01 },
  base: { rows: [row('cascade', 0.9), row('<domain>', 0.8)], byQuality: [], byCost: [], top: 'cascade' },
  sides: [
    side('latency', 'low', 'cascade', true),
    side('latency', 'high', '<domain>', false),
    side('logprob', 'low', '<domain>', false),
  ],
  skipped: [{ id: 'judge-epsilon', assumption: 'judge ε', reason: 'no judge cascade' }],
  holdCount: 1,
  summary: 'verdict changes under 2 of 3 moves',
};

describe('robustness section', () => {
  it('names the moves under which the top strategy is replaced, and by whom', () => {
    expect(winnerSentence(robustness)).toBe(
      'cascade is top on the simulated run and stays top under 1 of 3 moves; instead: <domain> under latency high, logprob low.',
    );
    expect(assumptionSentences(robustness)[0]).toBe(
      'Latency — band: a band: at the low end (latency at low) the verdict holds; at the high end (latency at high) the verdict changes: top <domain> instead of cascade.',
    );
  });

  it('escapes names, lists what was not moved, and renders nothing without a verdict', () => {
    const document = { robustness } as unknown as ResultsDocument;
    const text = robustnessSection(document).safeHtml;
    expect(text).toContain('&lt;domain&gt;');
    expect(text).not.toContain('<domain>');
    expect(text).toContain('Not moved: judge ε (no judge cascade).');
    expect(robustnessSection({} as ResultsDocument).safeHtml).toBe('');
  });
});
