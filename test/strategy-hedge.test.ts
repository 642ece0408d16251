/**
 * Hedged requests in `availability`: exact virtual times with a concurrent fake context, the
 * running p95 (nearest rank, hand-computed), and one real-world run through the engine.
 */
import { describe, expect, it } from 'vitest';
import { Flag } from '../src/engine/types.ts';
import { publishedLatencyMs } from '../src/strategies/health.ts';
import { createLatencyWindows, MIN_OBSERVATIONS } from '../src/strategies/hedge.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { buildContext, candidates, request } from './strategy-helpers.ts';
import { concurrentContext, runHead, buildContext as worldBuildContext } from './strategy-signals-support.ts';

const models = candidates();
const A = 'gemini-2.0-flash-lite';
const B = 'gpt-4o-mini';
const C = 'deepseek-chat';

const hedging = (hedge: Record<string, unknown>, chain = [A, B, C]) =>
  buildStrategy({ name: 'availability', options: { models: chain, hedge } }, buildContext(models));

describe('hedge timing (fake context)', () => {
  it('sends the hedge at the delay to the next model and takes the first answer', async () => {
    const strategy = hedging({ after: 500 });
    const fake = concurrentContext((model) => ({ latencyMs: model === A ? 2000 : 300 }), models);
    const { value, atMs } = await fake.run((context) => strategy.route(request('q'), context));
    expect(fake.calls).toEqual([
      { model: A, purpose: 'primary', startMs: 0, endMs: 2000 },
      { model: B, purpose: 'hedge', startMs: 500, endMs: 800 },
    ]);
    expect(atMs).toBe(800);
    expect(value.responseId).toBe(`${B}#1`);
    expect(value.reason).toContain('hedge');
  });

  it('sends no hedge when the primary answers first, and honours an explicit hedge model', async () => {
    const strategy = hedging({ after: 500, model: C });
    const fake = concurrentContext((model) => ({ latencyMs: model === A ? 499 : 300 }), models);
    const fast = await fake.run((context) => strategy.route(request('q'), context));
    expect(fake.calls.map((call) => call.purpose)).toEqual(['primary']);
    expect(fast.atMs).toBe(499);

    const slow = concurrentContext((model) => ({ latencyMs: model === A ? 900 : 600 }), models);
    // A fresh strategy: round-robin would send a second request of the same one to B.
    const again = hedging({ after: 500, model: C });
    const result = await slow.run((context) => again.route(request('q'), context));
    // Hedge to C at 500 would answer at 1100; the primary answers at 900 and wins.
    expect(slow.calls).toEqual([
      { model: A, purpose: 'primary', startMs: 0, endMs: 900 },
      { model: C, purpose: 'hedge', startMs: 500, endMs: 1100 },
    ]);
    expect(result.atMs).toBe(900);
    expect(result.value.responseId).toBe(`${A}#0`);
  });

  it('a failed primary leaves the hedge answer to win', async () => {
    const strategy = hedging({ after: 100 }, [A, B]);
    const fake = concurrentContext(
      (model) => (model === A ? { latencyMs: 150, ok: false } : { latencyMs: 400 }),
      models,
    );
    // maxRetries 2: the primary's retry waits back off; the hedge (sent at 100) answers at 500.
    const { value, atMs } = await fake.run((context) => strategy.route(request('q'), context));
    expect(fake.calls[1]).toEqual({ model: B, purpose: 'hedge', startMs: 100, endMs: 500 });
    expect(value.responseId).toBe(`${B}#1`);
    expect(atMs).toBe(500);
  });

  it('after "p95" waits the running p95 once enough answers were seen', async () => {
    // Chain [A] only, so every request starts on A; the hedge goes to B by name.
    const strategy = hedging({ after: 'p95', model: B }, [A]);
    // 20 warm-up requests answered by A in 100..119 ms (below the published guess: no hedge).
    for (let index = 0; index < MIN_OBSERVATIONS; index++) {
      const warm = concurrentContext(() => ({ latencyMs: 100 + index }), models);
      await warm.run((context) => strategy.route(request('q', { index }), context));
      expect(warm.calls).toHaveLength(1);
    }
    // p95 of 100..119 by nearest rank: the ⌈0.95·20⌉ = 19th smallest = 118 ms.
    const fake = concurrentContext((model) => ({ latencyMs: model === A ? 1000 : 50 }), models);
    const { atMs } = await fake.run((context) => strategy.route(request('q', { index: 99 }), context));
    expect(fake.calls[1]).toEqual({ model: B, purpose: 'hedge', startMs: 118, endMs: 168 });
    expect(atMs).toBe(168);
  });
});

describe('running p95', () => {
  it('is the nearest-rank p95 of the last window, the published guess before', () => {
    const windows = createLatencyWindows(models, 100);
    const info = models.find((model) => model.id === A)!;
    expect(windows.p95(A)).toBe(2 * publishedLatencyMs(info));
    for (let value = 1; value <= 100; value++) windows.record(A, value);
    expect(windows.p95(A)).toBe(95); // ⌈0.95·100⌉ = 95th smallest
    // 50 more values of 1000 push out 1..50: window = 51..100 and 50 × 1000 → 95th smallest = 1000.
    for (let count = 0; count < 50; count++) windows.record(A, 1000);
    expect(windows.p95(A)).toBe(1000);
    // 40 values of 0 push out 51..90: window = 91..100, 50 × 1000, 40 × 0 → sorted: 40 zeros,
    // 91..100 (ranks 41–50), 1000s (ranks 51–100); the 95th smallest is 1000.
    for (let count = 0; count < 40; count++) windows.record(A, 0);
    expect(windows.p95(A)).toBe(1000);
  });
});

describe('hedging against the real world', () => {
  it('flags hedged requests, counts the loser’s cost, and answers no later than the primary', async () => {
    const strategy = buildStrategy(
      { name: 'availability', options: { hedge: { after: 30_000 } } },
      worldBuildContext,
    );
    const { result, decisions } = await runHead(strategy, 400);
    let hedged = 0;
    for (const record of decisions) {
      const hedges = record.attempts.filter((attempt) => attempt.purpose === 'hedge');
      const flagged = ((result.columns.flags[record.requestIndex] ?? 0) & Flag.hedged) !== 0;
      expect(flagged).toBe(hedges.length > 0);
      if (hedges.length === 0) continue;
      hedged++;
      const primary = record.attempts[0]!;
      const hedge = hedges[0]!;
      expect(hedge.startMs - primary.startMs).toBeCloseTo(30_000, 6);
      const billed = record.attempts.reduce((sum, attempt) => sum + attempt.costUsd, 0);
      expect(result.columns.cost[record.requestIndex]).toBeCloseTo(billed, 12);
      // Both answered: both billed, and the answer came with the earlier of the two.
      if (primary.result === 'ok' && hedge.result === 'ok') {
        expect(primary.costUsd).toBeGreaterThan(0);
        expect(hedge.costUsd).toBeGreaterThan(0);
        expect(record.arrivalMs + record.latencyMs).toBeCloseTo(Math.min(primary.endMs, hedge.endMs), 6);
      }
    }
    expect(hedged).toBeGreaterThan(0);
    expect(hedged).toBeLessThan(decisions.length);
  });
});
