import { describe, expect, it } from 'vitest';
import type { CallInput, CallResult, FaultWindow } from '../src/contracts/index.ts';
import { createFaultIndex, resolveFaults } from '../src/world/faults.ts';
import { keyedUniform } from '../src/world/random.ts';
import { testCatalog, testWorld } from './support/world-fixtures.ts';

function call(requestIndex: number, startMs: number, model = 'gpt-4o-mini', attempt = 0): CallInput {
  return { requestIndex, model, startMs, attempt, promptTokens: 0, maxTokens: 100 };
}
function errorOf(result: CallResult) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}
function window(kind: FaultWindow['kind'], extra: Partial<FaultWindow> = {}): FaultWindow {
  return { kind, provider: 'openai', startMs: 1000, endMs: 2000, ...extra };
}

describe('world fault windows', () => {
  it('error: 503 inside [start, end) only', () => {
    const world = testWorld({ faults: [window('error')] });
    expect(world.call(call(0, 999)).ok).toBe(true);
    expect(errorOf(world.call(call(1, 1000)))).toMatchObject({
      kind: 'server_error',
      status: 503,
      atMs: 1000,
    });
    expect(errorOf(world.call(call(2, 1999.5))).status).toBe(503);
    expect(world.call(call(3, 2000)).ok).toBe(true);
  });

  it('error on an anthropic provider defaults to 529 overloaded', () => {
    const world = testWorld({ faults: [window('error', { provider: 'anthropic' })] });
    expect(errorOf(world.call(call(0, 1500, 'claude-sonnet-4')))).toMatchObject({
      kind: 'overloaded',
      status: 529,
    });
    expect(world.call(call(1, 1500)).ok).toBe(true); // openai unaffected
  });

  it('a model-restricted window spares the provider’s other models', () => {
    const catalog = testCatalog();
    const other = { ...catalog.models[0]!, id: 'gpt-4o' };
    const world = testWorld({
      catalog: { ...catalog, models: [...catalog.models, other] },
      faults: [window('error', { model: 'gpt-4o', status: 502 })],
    });
    expect(errorOf(world.call(call(0, 1500, 'gpt-4o'))).status).toBe(502);
    expect(world.call(call(1, 1500)).ok).toBe(true);
  });

  it('rate_limit: 429 with the window’s retry-after, or the time to the window’s end', () => {
    const withRetry = testWorld({ faults: [window('rate_limit', { retryAfterMs: 2500 })] });
    expect(errorOf(withRetry.call(call(0, 1200)))).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2500,
    });
    const storm = testWorld({ faults: [window('rate_limit')] });
    expect(errorOf(storm.call(call(0, 1200.25))).retryAfterMs).toBe(800);
    const long = testWorld({ faults: [window('rate_limit', { endMs: 10_000_000 })] });
    expect(errorOf(long.call(call(0, 1200))).retryAfterMs).toBe(60_000);
  });

  it('reset: network error with status 0; timeout: hangs (atMs Infinity)', () => {
    const reset = testWorld({ faults: [window('reset')] });
    expect(errorOf(reset.call(call(0, 1500)))).toMatchObject({ kind: 'network', status: 0 });
    const timeout = testWorld({ faults: [window('timeout')] });
    expect(errorOf(timeout.call(call(0, 1500)))).toMatchObject({
      kind: 'timeout',
      status: 0,
      atMs: Number.POSITIVE_INFINITY,
    });
  });

  it('slow: TTFT and decode time × factor', () => {
    const world = testWorld({ faults: [window('slow', { factor: 3 })] });
    const result = world.call(call(0, 1500));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.call.timing).toMatchObject({ ttftMs: 1500, decodeMs: 3000, endMs: 6000 });
  });

  it('partial: errors a share p of calls, keyed by (request, model, attempt)', () => {
    const p = 0.3;
    const world = testWorld({ faults: [window('partial', { probability: p, endMs: 1e9 })] });
    const n = 4000;
    let errors = 0;
    const failedAttempt0: number[] = [];
    for (let index = 0; index < n; index++) {
      const result = world.call(call(index, 1000));
      if (!result.ok) {
        errors++;
        failedAttempt0.push(index);
        expect(result.error.status).toBe(503);
      }
    }
    // Binomial(4000, 0.3): sd = 29; 5 sd = 145.
    expect(Math.abs(errors - n * p)).toBeLessThan(145);
    // A replay of the same (request, attempt) fails again; the retry (attempt 1) is a fresh draw.
    const replay = testWorld({ faults: [window('partial', { probability: p, endMs: 1e9 })] });
    let retriesFailed = 0;
    for (const index of failedAttempt0) {
      expect(replay.call(call(index, 1000)).ok).toBe(false);
      if (!replay.call(call(index, 1000, 'gpt-4o-mini', 1)).ok) retriesFailed++;
    }
    expect(Math.abs(retriesFailed / failedAttempt0.length - p)).toBeLessThan(0.1);
  });

  it('refused calls take no slot: a fault does not delay later calls', () => {
    const world = testWorld({
      catalog: testCatalog({ openai: { capacity: 1 } }),
      faults: [window('error', { startMs: 0, endMs: 1 })],
    });
    expect(world.call(call(0, 0)).ok).toBe(false);
    const next = world.call(call(1, 1));
    if (!next.ok) throw new Error(next.error.message);
    expect(next.call.timing.queueMs).toBe(0);
  });
});

describe('resolveFaults', () => {
  it('turns fixed configs into windows with default statuses per wire', () => {
    const windows = resolveFaults(
      {
        anthropic: { faults: [{ kind: 'error', startMs: 5000, durationMs: 1000 }] },
        openai: {
          faults: [
            { kind: 'partial', startMs: 0, durationMs: 100, probability: 0.2 },
            { kind: 'slow', startMs: 7000, factor: 4, model: 'gpt-4o-mini' },
          ],
        },
      },
      testCatalog(),
      1,
      60_000,
    );
    expect(windows).toEqual([
      { kind: 'partial', provider: 'openai', startMs: 0, endMs: 100, status: 503, probability: 0.2 },
      { kind: 'error', provider: 'anthropic', startMs: 5000, endMs: 6000, status: 529 },
      { kind: 'slow', provider: 'openai', model: 'gpt-4o-mini', startMs: 7000, endMs: 60_000, factor: 4 },
    ]);
  });
});

describe('fault index', () => {
  it('finds exactly the windows a linear scan finds', () => {
    const windows: FaultWindow[] = [];
    for (let index = 0; index < 300; index++) {
      const startMs = Math.floor(keyedUniform(9, 1, index) * 100_000);
      const long = keyedUniform(9, 2, index) < 0.05;
      windows.push({
        kind: 'error',
        provider: keyedUniform(9, 3, index) < 0.5 ? 'openai' : 'anthropic',
        startMs,
        endMs: startMs + (long ? 50_000 : Math.ceil(keyedUniform(9, 4, index) * 2000)),
        ...(keyedUniform(9, 5, index) < 0.3 ? { model: 'gpt-4o-mini' } : {}),
      });
    }
    const index = createFaultIndex(windows);
    for (let t = 0; t < 160_000; t += 97) {
      for (const provider of ['openai', 'anthropic']) {
        for (const model of ['gpt-4o-mini', 'gpt-4o']) {
          const expected = windows.filter(
            (w) =>
              w.provider === provider &&
              w.startMs <= t &&
              t < w.endMs &&
              (w.model === undefined || w.model === model),
          );
          expect(new Set(index.active(provider, model, t))).toEqual(new Set(expected));
        }
      }
    }
  });
});
