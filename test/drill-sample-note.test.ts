/**
 * When `--sample` thinned the window's requests, the drill's output says that the gateway's
 * world saw fewer requests than the strategies' (a colder prompt cache: the same model costs
 * more through the gateway), in the console and in drill.html; when it played every request,
 * it says nothing.
 */
import { describe, expect, it } from 'vitest';
import { renderDrillHtml } from '../src/drill/render-html.ts';
import { renderDrillText } from '../src/drill/render-text.ts';
import type { DrillReport, OutcomeStats } from '../src/drill/types.ts';

const stats: OutcomeStats = { requests: 600, failed: 0, failedShare: 0, latencyMs: 1000, costUsd: 0.0002 };

function report(availableRequests: number): DrillReport {
  return {
    scenario: 'note',
    gateway: 'http://127.0.0.1:1/v1',
    wire: 'openai',
    scheduleScale: 60,
    latencyScale: 1,
    fromMs: 0,
    toMs: 600_000,
    all: stats,
    calm: stats,
    availableRequests,
    lateRequests: 0,
    unmatchedCalls: 0,
    incidents: [
      {
        ...stats,
        incident: {
          label: 'openai error 503 @2m',
          provider: 'openai',
          model: null,
          kind: 'error',
          startMs: 120_000,
          endMs: 240_000,
          retryAfterMs: null,
        },
        calls: 0,
        callsOnTarget: 0,
        extraCalls: 0,
        retriesOnTarget: 0,
        retrySpacingMs: null,
        retryAfter: null,
        failoverMs: null,
        failbackMs: null,
        extraLatencyMs: 0,
        extraCostUsd: 0,
      },
    ],
    strategies: [
      {
        strategy: 'always-cheapest',
        calm: stats,
        incidents: [{ ...stats, extraLatencyMs: 0, extraCostUsd: 0 }],
      },
    ],
  };
}

describe('drill output on a thinned sample', () => {
  it('says the gateway’s world saw fewer requests than the strategies’', () => {
    const text = renderDrillText(report(43_200), []);
    expect(text).toContain('saw 600 of the window’s 43200 requests'.replace('’', "'"));
    expect(text).toContain('colder prompt cache');
    expect(text).toContain('--sample 43200 plays every one');
    expect(renderDrillHtml(report(43_200), [])).toContain('colder prompt cache');
  });

  it('says nothing when the drill played every request', () => {
    expect(renderDrillText(report(600), [])).not.toContain('--sample');
    expect(renderDrillHtml(report(600), [])).not.toContain('--sample');
  });
});
