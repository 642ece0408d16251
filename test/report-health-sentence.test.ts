/**
 * The health sentences count every failure kind, in every scenario strategy and single-model run:
 * the default day once said "No faults: every provider was healthy" while always-cheapest lost 25
 * requests to rate limits and always-deepseek-chat 911 to timeouts.
 */
import { describe, expect, it } from 'vitest';
import type { FaultWindow } from '../src/contracts/index.ts';
import type { FailureKind, StrategyMetrics } from '../src/metrics/types.ts';
import { failedOutsideFaults, healthSentences } from '../src/report/html/health.ts';
import { strategy } from './report-html-fixture.ts';

function failing(
  name: string,
  failures: Partial<Record<FailureKind, number>>,
  kind: StrategyMetrics['kind'] = 'strategy',
): StrategyMetrics {
  const run = strategy({ name, kind, perRequestUsd: 0.001, quality: 0.8, p95: 1000 });
  return { ...run, failures: { ...run.failures, ...failures } };
}

const window = { ms: 60_000 };

describe('health sentences', () => {
  it('names the failures the world produced when no fault was scheduled (the default day’s 429s and timeouts)', () => {
    const sentences = healthSentences({
      strategies: [
        failing('always-cheapest', { 'rate-limited': 25 }),
        failing('cascade', {}),
        failing('always-deepseek-chat', { timeout: 911 }, 'single'),
      ],
      faults: [],
      window,
    });
    expect(sentences).toHaveLength(1);
    expect(sentences[0]).toMatch(/^No fault was scheduled, but the world’s own limits failed requests/);
    expect(sentences[0]).toContain(
      'always-cheapest 25 rate-limited (429); always-deepseek-chat 911 timed out.',
    );
    expect(sentences[0]).not.toContain('cascade');
    expect(sentences.join(' ')).not.toMatch(/healthy/);
  });

  it('counts every failure kind', () => {
    const [sentence] = healthSentences({
      strategies: [
        failing('everything', {
          'rate-limited': 1,
          'server-error': 2,
          timeout: 3,
          network: 4,
          'context-length': 5,
          ungraded: 6,
          other: 7,
        }),
      ],
      faults: [],
      window,
    });
    expect(sentence).toContain(
      'everything 1 rate-limited (429), 3 timed out, 2 server errors, 4 network errors, 5 over the context window, 6 ungraded, 7 other failures.',
    );
  });

  it('says every run answered every request only when none failed, sweep points included', () => {
    const clean = [failing('a', {}), failing('always-m', {}, 'single')];
    expect(healthSentences({ strategies: clean, faults: [], window })).toEqual([
      'No fault was scheduled and no request failed: every run answered every request.',
    ]);
    const [sentence] = healthSentences({
      strategies: [...clean, failing('a@0.5', { timeout: 2 }, 'sweep')],
      faults: [],
      window,
    });
    expect(sentence).toContain('Knob-sweep points lost 2 requests in all.');
  });

  it('separates failures outside the scheduled fault windows from the faults themselves', () => {
    // Windows 0–1, 1–2, 2–3, 3–4 min of 100 requests each; the fault covers window 1 only.
    const fault: FaultWindow = {
      kind: 'error',
      provider: 'acme',
      startMs: 60_000,
      endMs: 120_000,
      status: 503,
    };
    const run = failing('router', { 'server-error': 30, 'rate-limited': 4 });
    run.series.errorRate = [0.01, 0.3, 0.03, 0];
    expect(failedOutsideFaults(run, [fault], 60_000)).toBe(4);
    const sentences = healthSentences({ strategies: [run], faults: [fault], window });
    expect(sentences).toEqual([
      'One fault window was scheduled. Failed requests by kind: router 4 rate-limited (429), 30 server errors.',
      'Not all of them are the scheduled faults: arriving in windows that overlap no fault, router lost 4 — the world’s own rate limits, capacity and context windows.',
    ]);
  });
});
