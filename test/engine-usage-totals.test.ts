/**
 * The engine's per-run usage totals (src/engine/usage-totals.ts) on a tiny stream whose figures
 * are worked out by hand: list prices of gpt-4o-mini (openai) and claude-sonnet-4 (anthropic,
 * which bills cache writes), one 2,000-token cacheable prefix shared by four requests.
 */
import { describe, expect, it } from 'vitest';
import type { GeneratedRequest, HiddenLabels, World } from '../src/contracts/index.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import type { Strategy } from '../src/strategies/types.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { modelInfo } from './engine-support.ts';
import { makeScenario } from './metrics-helpers.ts';
import { testHidden, testWorld } from './support/world-fixtures.ts';

const PREFIX: Partial<HiddenLabels> = { prefixId: 7, cacheablePrefixTokens: 2000 };

/** Requests at 0, 1, 2, 3 s, 2,500 prompt tokens each, all with the same 2,000-token prefix. */
function prefixStream(count: number): RequestStream {
  const arrivals = Float64Array.from({ length: count }, (_, index) => index * 1000);
  const get = (index: number): GeneratedRequest => ({
    request: {
      id: `r${index}`,
      index,
      arrivalMs: arrivals[index]!,
      messages: [{ role: 'user', content: `question ${index}` }],
      tier: 'free',
      promptTokens: 2500,
      maxTokens: 100,
    },
    hidden: testHidden({ ...PREFIX, expectedOutputTokens: 50 }),
  });
  return {
    count,
    arrivals,
    get,
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield get(index);
    },
  };
}

/** Even requests to gpt-4o-mini, odd ones to claude-sonnet-4: one conversation over two providers. */
const alternate: Strategy = {
  name: 'alternate',
  family: 'baseline',
  async route(request, context) {
    const outcome = await context.call(request.index % 2 === 0 ? 'gpt-4o-mini' : 'claude-sonnet-4');
    return { responseId: outcome.ok ? outcome.responseId : undefined, reason: 'alternate' };
  },
};

const MODELS = [modelInfo('gpt-4o-mini'), modelInfo('claude-sonnet-4')];

function prefixWorld(): World {
  return testWorld({ hidden: () => testHidden({ ...PREFIX, expectedOutputTokens: 50 }) });
}

describe('usage totals: prompt cache', () => {
  it('counts cached and written tokens, dollars saved, and the hit lost to spreading over providers', async () => {
    const run = await runUnit({
      stream: prefixStream(4),
      world: prefixWorld(),
      strategy: alternate,
      models: MODELS,
    });
    const usage = run.usage!;
    // r0 mini: miss (OpenAI writes for free); r1 sonnet: miss while warm at openai → lost, write billed;
    // r2 mini: hit; r3 sonnet: hit.
    expect(usage.calls).toBe(4);
    expect(usage.promptTokens).toBe(10_000);
    expect(usage.cachedTokens).toBe(4000);
    expect(usage.cacheWriteTokens).toBe(2000);
    // 2000 × ($0.15 − $0.075)/M + 2000 × ($3 − $0.30)/M − 2000 × ($3.75 − $3)/M
    expect(usage.cacheSavedUsd).toBeCloseTo(0.00015 + 0.0054 - 0.0015, 12);
    expect(usage.spreadMisses).toBe(1);
    expect(usage.spreadMissTokens).toBe(2000);
    // The lost hit paid the write price instead of the read price: 2000 × ($3.75 − $0.30)/M.
    expect(usage.spreadMissUsd).toBeCloseTo(0.0069, 12);
    expect(usage.reasoningTokens).toBe(0);
  });

  it('loses nothing when the conversation stays on one provider', async () => {
    const stay: Strategy = {
      ...alternate,
      name: 'stay',
      route: async (_request, context) => {
        const outcome = await context.call('claude-sonnet-4');
        return { responseId: outcome.ok ? outcome.responseId : undefined, reason: 'stay' };
      },
    };
    const run = await runUnit({
      stream: prefixStream(4),
      world: prefixWorld(),
      strategy: stay,
      models: MODELS,
    });
    expect(run.usage!.spreadMisses).toBe(0);
    expect(run.usage!.cachedTokens).toBe(6000);
    expect(run.usage!.cacheWriteTokens).toBe(2000);
  });

  it('a prefix that expired at the other provider is not counted as lost', async () => {
    // 10 minutes apart: the 5-minute cache at openai has expired when sonnet is asked.
    const stream = prefixStream(2);
    const spaced: RequestStream = { ...stream, arrivals: Float64Array.from([0, 600_000]) };
    const run = await runUnit({ stream: spaced, world: prefixWorld(), strategy: alternate, models: MODELS });
    expect(run.usage!.spreadMisses).toBe(0);
    expect(run.usage!.cachedTokens).toBe(0);
  });
});

/** The world as it will be for reasoning models: 400 hidden tokens per answer, billed as output. */
function reasoningWorld(tokens: number): World {
  const world = prefixWorld();
  return {
    ...world,
    ledger: world.ledger,
    model: (id) => world.model(id),
    call(input) {
      const result = world.call(input);
      if (!result.ok) return result;
      const call = result.call;
      const price = world.model(call.model)!.output_cost_per_token;
      call.usage = {
        ...call.usage,
        reasoningTokens: tokens,
        completionTokens: call.usage.completionTokens + tokens,
      };
      call.costUsd += tokens * price;
      return result;
    },
  };
}

describe('usage totals: hidden reasoning tokens', () => {
  it('reasoning tokens, their cost at the output price, and their share of the run’s cost', async () => {
    const run = await runUnit({
      stream: prefixStream(4),
      world: reasoningWorld(400),
      strategy: alternate,
      models: MODELS,
    });
    const usage = run.usage!;
    expect(usage.reasoningTokens).toBe(1600);
    // 2 × 400 × $0.60/M + 2 × 400 × $15/M
    expect(usage.reasoningUsd).toBeCloseTo(800 * 6e-7 + 800 * 1.5e-5, 12);
    const metrics = computeMetrics({
      scenario: makeScenario({
        durationMs: 4000,
        models: ['gpt-4o-mini', 'claude-sonnet-4'],
        reference: 'alternate',
        strategies: [{ name: 'alternate', options: {} }],
      }),
      requests: {
        arrival: Float64Array.from([0, 1000, 2000, 3000]),
        domain: new Uint8Array(4),
        tier: new Uint8Array(4),
      },
      runs: [run],
      oracle: run,
      tiers: ['free', 'pro'],
      seed: 1,
      resamples: 10,
    });
    const total = run.columns.cost.reduce((sum, cost) => sum + cost, 0);
    const share = metrics.strategies[0]!.usage!.reasoningCostShare!;
    expect(share).toBeCloseTo(usage.reasoningUsd / total, 12);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });
});
