/**
 * The availability strategy: breaker state machine at exact virtual times, retry-after honoured
 * exactly, backoff bounds, fallback chain order, selection, inner composition.
 */
import { describe, expect, it } from 'vitest';
import { retryWaitMs } from '../src/strategies/backoff.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { Strategy } from '../src/strategies/types.ts';
import {
  buildContext,
  candidates,
  type FakeContext,
  fakeContext,
  okAnswer,
  request,
  type Scripted,
  serverError,
} from './strategy-helpers.ts';

const models = candidates();
const context = buildContext(models);
const A = 'gpt-4o-mini';
const B = 'gpt-4o';
const C = 'gemini-2.0-flash';
const D = 'deepseek-chat';

function build(options: Record<string, unknown>): Strategy {
  return buildStrategy({ name: 'availability', options }, context);
}

/** Route one request at the fake's current time; returns the calls it made. */
async function routeOne(strategy: Strategy, fake: FakeContext) {
  const before = fake.calls.length;
  const result = await strategy.route(request('q'), fake);
  return {
    result,
    calls: fake.calls.slice(before).map((call) => `${call.model}:${call.purpose}@${call.atMs}`),
  };
}

describe('circuit breaker', () => {
  it('closed → open after N consecutive failures → half-open after the cooldown → open → closed', async () => {
    const strategy = build({
      inner: `always-${A}`,
      models: [A, B],
      failureThreshold: 3,
      cooldownMs: 10_000,
      maxRetries: 0,
    });
    // A fails on its first four calls (three to open, one failed probe), then answers.
    let failuresLeft = 4;
    const fake = fakeContext((model) => (model === A && failuresLeft-- > 0 ? serverError() : okAnswer()));
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@0`, `${B}:fallback@100`]);
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@200`, `${B}:fallback@300`]);
    // Third consecutive failure at t = 500 opens A's circuit until 10 500.
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@400`, `${B}:fallback@500`]);
    expect((await routeOne(strategy, fake)).calls).toEqual([`${B}:fallback@600`]);
    fake.advance(10_499 - fake.now());
    expect((await routeOne(strategy, fake)).calls).toEqual([`${B}:fallback@10499`]);
    // t = 10 599 ≥ 10 500: half-open, one probe; it fails at 10 699 → open until 20 699.
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@10599`, `${B}:fallback@10699`]);
    expect((await routeOne(strategy, fake)).calls).toEqual([`${B}:fallback@10799`]);
    fake.advance(20_698 - fake.now());
    expect((await routeOne(strategy, fake)).calls).toEqual([`${B}:fallback@20698`]);
    // Probe at 20 798 succeeds → closed: A answers directly from then on.
    const probe = await routeOne(strategy, fake);
    expect(probe.calls).toEqual([`${A}:primary@20798`]);
    expect(probe.result.responseId).toBe(`${A}#12`);
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@20898`]);
  });

  it('half-open lets exactly one probe through while it is in flight', async () => {
    const strategy = build({
      inner: `always-${A}`,
      models: [A, B],
      failureThreshold: 1,
      cooldownMs: 1000,
      maxRetries: 0,
    });
    const fake = fakeContext((model, number) => (model === A && number === 0 ? serverError() : okAnswer()));
    await routeOne(strategy, fake); // A fails at 100: open until 1100
    fake.advance(1100 - fake.now());
    // Two concurrent requests: the first takes the probe, the second goes to B.
    const [first, second] = await Promise.all([
      strategy.route(request('q'), fake),
      strategy.route(request('q'), fake),
    ]);
    expect(first.responseId?.startsWith(A)).toBe(true);
    expect(second.responseId?.startsWith(B)).toBe(true);
  });

  it('opens on the EWMA error rate once minCalls calls were seen', async () => {
    // alpha 0.5: fail → 0.5, fail → 0.75, ok → 0.375, fail → 0.6875 ≥ 0.5 with 4 calls → open.
    const strategy = build({
      inner: `always-${A}`,
      models: [A, B],
      failureThreshold: 100,
      errorRateThreshold: 0.5,
      minCalls: 4,
      ewmaAlpha: 0.5,
      maxRetries: 0,
    });
    const pattern = [false, false, true, false];
    const fake = fakeContext((model) =>
      model === A ? (pattern.shift() ? okAnswer() : serverError()) : okAnswer(),
    );
    for (let index = 0; index < 4; index++) await routeOne(strategy, fake);
    expect((await routeOne(strategy, fake)).calls).toEqual([`${B}:fallback@${fake.now() - 100}`]);
  });

  it('every circuit open: alone it fails fast; an inner strategy sees a 503', async () => {
    const alone = build({ models: [A], failureThreshold: 1, maxRetries: 0 });
    const fake = fakeContext(() => serverError());
    await routeOne(alone, fake);
    expect(await routeOne(alone, fake)).toEqual({
      result: { responseId: undefined, reason: 'every circuit open' },
      calls: [],
    });
    const wrapped = build({ inner: `always-${A}`, models: [A], failureThreshold: 1, maxRetries: 0 });
    const other = fakeContext(() => serverError());
    await routeOne(wrapped, other);
    const { result, calls } = await routeOne(wrapped, other);
    expect(calls).toEqual([]);
    expect(result.reason).toMatch(/failed \(server_error 503\)/);
  });
});

describe('retries', () => {
  it('honours retry-after exactly', async () => {
    const strategy = build({ inner: `always-${A}`, models: [A, B] });
    const fake = fakeContext((_model, number) =>
      number === 0 ? { ok: false, kind: 'rate_limit', status: 429, retryAfterMs: 1234 } : okAnswer(),
    );
    const { calls } = await routeOne(strategy, fake);
    expect(fake.sleeps).toEqual([1234]);
    expect(calls).toEqual([`${A}:primary@0`, `${A}:retry@1334`]);
    expect(fake.draws).toBe(0);
  });

  it('a retry-after above maxRetryAfterMs moves to the next model instead of waiting', async () => {
    const strategy = build({ inner: `always-${A}`, models: [A, B], maxRetryAfterMs: 1000 });
    const fake = fakeContext((model) =>
      model === A ? { ok: false, kind: 'rate_limit', status: 429, retryAfterMs: 1001 } : okAnswer(),
    );
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@0`, `${B}:fallback@100`]);
    expect(fake.sleeps).toEqual([]);
  });

  it('backs off with full jitter: U · min(max, base · 2^retry)', async () => {
    const strategy = build({
      inner: `always-${A}`,
      models: [A],
      baseBackoffMs: 200,
      maxBackoffMs: 300,
      maxRetries: 2,
    });
    const fake = fakeContext((_model, number) => (number < 2 ? serverError() : okAnswer()), {
      randoms: [0.5, 0.25],
    });
    const { calls, result } = await routeOne(strategy, fake);
    // retry 0: 0.5 · min(300, 200) = 100; retry 1: 0.25 · min(300, 400) = 75.
    expect(fake.sleeps).toEqual([100, 75]);
    expect(calls).toEqual([`${A}:primary@0`, `${A}:retry@200`, `${A}:retry@375`]);
    expect(result.responseId).toBe(`${A}#2`);
  });

  it('backoff bounds', () => {
    const options = { baseBackoffMs: 250, maxBackoffMs: 8000 };
    expect(retryWaitMs(undefined, 0, () => 0.999999, options)).toBeCloseTo(250, 3);
    expect(retryWaitMs(undefined, 3, () => 0.999999, options)).toBeCloseTo(2000, 2);
    expect(retryWaitMs(undefined, 10, () => 0.999999, options)).toBeCloseTo(8000, 1);
    expect(retryWaitMs(undefined, 10, () => 1e-9, options)).toBeLessThan(1e-5);
    expect(retryWaitMs(777, 10, () => 0.5, options)).toBe(777);
  });

  it('does not retry timeouts or context-length errors; stops after maxRetries', async () => {
    for (const kind of ['timeout', 'context_length'] as const) {
      const strategy = build({ inner: `always-${A}`, models: [A, B] });
      const fake = fakeContext((model) => (model === A ? { ok: false, kind, status: 0 } : okAnswer()));
      expect((await routeOne(strategy, fake)).calls.map((call) => call.split('@')[0])).toEqual([
        `${A}:primary`,
        `${B}:fallback`,
      ]);
    }
    const strategy = build({ inner: `always-${A}`, models: [A], maxRetries: 1 });
    const fake = fakeContext(() => serverError());
    expect((await routeOne(strategy, fake)).calls.map((call) => call.split('@')[0])).toEqual([
      `${A}:primary`,
      `${A}:retry`,
    ]);
  });
});

describe('fallback chain and selection', () => {
  it('goes down the chain after the requested model, wrapping around, up to maxFallbacks', async () => {
    const answers: Record<string, Scripted> = { [C]: serverError(), [D]: serverError(), [A]: okAnswer() };
    const strategy = build({ inner: `always-${C}`, models: [A, B, C, D], maxRetries: 0, maxFallbacks: 2 });
    const fake = fakeContext((model) => answers[model] ?? serverError());
    const { calls, result } = await routeOne(strategy, fake);
    expect(calls).toEqual([`${C}:primary@0`, `${D}:fallback@100`, `${A}:fallback@200`]);
    expect(result.reason).toBe(`always → ${C} [fallback ${C} → ${A}]`);
    const limited = build({ inner: `always-${C}`, models: [A, B, C, D], maxRetries: 0, maxFallbacks: 1 });
    const second = fakeContext((model) => answers[model] ?? serverError());
    const outcome = await routeOne(limited, second);
    expect(outcome.calls).toEqual([`${C}:primary@0`, `${D}:fallback@100`]);
    expect(outcome.result.responseId).toBeUndefined();
  });

  it('smooth weighted round-robin: weights 3:1 → a a b a, repeating', async () => {
    const strategy = build({ models: [A, B], weights: { [A]: 3, [B]: 1 } });
    const fake = fakeContext(() => okAnswer());
    for (let index = 0; index < 8; index++) await strategy.route(request('q'), fake);
    expect(fake.calls.map((call) => call.model)).toEqual([A, A, B, A, A, A, B, A]);
  });

  it('lowest latency: published estimate first, then the EWMA of observed latency', async () => {
    // Published: ttft + 256 tokens at the decode speed (fixtures/catalog.json).
    const published = (id: string) => {
      const model = models.find((candidate) => candidate.id === id)!;
      return model.ttftMedianMs + (256 / model.decodeTokensPerSecond) * 1000;
    };
    const pool = [A, C, D];
    const ranked = [...pool].sort((x, y) => published(x) - published(y));
    const strategy = build({ models: pool, selection: 'lowest-latency', ewmaAlpha: 1 });
    // The fastest-looking model turns out slow (100 s); the next one is then preferred.
    const fake = fakeContext((model) => ({ ok: true, latencyMs: model === ranked[0] ? 100_000 : 50 }));
    await strategy.route(request('q'), fake);
    await strategy.route(request('q'), fake);
    await strategy.route(request('q'), fake);
    expect(fake.calls.map((call) => call.model)).toEqual([ranked[0], ranked[1], ranked[1]]);
  });
});

describe('composition', () => {
  it('keeps an inner cascade’s escalation purpose and passes its knob through', async () => {
    const strategy = build({ inner: { name: 'cascade', options: { models: [A, B], threshold: 0.8 } } });
    expect(strategy.knob).toMatchObject({ name: 'threshold', weak: A, strong: B });
    const fake = fakeContext((model) => okAnswer(model === A ? 0.5 : 0.9));
    expect((await routeOne(strategy, fake)).calls).toEqual([`${A}:primary@0`, `${B}:escalation@100`]);
    const loose = strategy.knob!.at(0.4);
    expect(loose.name).toBe('availability@0.4');
    const second = fakeContext((model) => okAnswer(model === A ? 0.5 : 0.9));
    expect((await routeOne(loose, second)).calls).toEqual([`${A}:primary@0`]);
  });

  it('wraps rules: a fault on the rule’s model falls back to the next, cheapest-first chain', async () => {
    const strategy = build({ inner: 'rules', maxRetries: 0 });
    // rules (classic) sends a short plain prompt to llama-3.1-8b-instant, the cheapest; the next
    // by blended price is mistral-small-latest (0.1/0.3 $/M → 0.09 $/M).
    const fake = fakeContext((model) => (model === 'llama-3.1-8b-instant' ? serverError() : okAnswer()));
    expect((await routeOne(strategy, fake)).calls).toEqual([
      'llama-3.1-8b-instant:primary@0',
      'mistral-small-latest:fallback@100',
    ]);
  });
});
