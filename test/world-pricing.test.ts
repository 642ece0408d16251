import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Usage } from '../src/contracts/index.ts';
import { callCost } from '../src/world/pricing.ts';
import { miniModel, sonnetModel, testHidden, testWorld } from './support/world-fixtures.ts';

// List prices from LiteLLM's model_prices_and_context_window.json (USD per token).
const gpt4o = {
  input_cost_per_token: 2.5e-6,
  output_cost_per_token: 1e-5,
  cache_read_input_token_cost: 1.25e-6,
};
const sonnet4 = {
  input_cost_per_token: 3e-6,
  output_cost_per_token: 1.5e-5,
  cache_read_input_token_cost: 3e-7,
  cache_creation_input_token_cost: 3.75e-6,
};
const usage = (
  promptTokens: number,
  completionTokens: number,
  cachedTokens = 0,
  cacheCreationTokens = 0,
): Usage => ({
  promptTokens,
  completionTokens,
  cachedTokens,
  cacheCreationTokens,
  reasoningTokens: 0,
});

describe('callCost', () => {
  it('bills a million tokens at the per-million list price', () => {
    expect(callCost(gpt4o, usage(1_000_000, 0))).toBeCloseTo(2.5, 12);
    expect(callCost(gpt4o, usage(0, 1_000_000))).toBeCloseTo(10, 12);
  });

  it('bills cached input at the cache-read rate (gpt-4o: 6,000 × $2.50 + 4,000 × $1.25 + 500 × $10 per M)', () => {
    expect(callCost(gpt4o, usage(10_000, 500, 4_000))).toBeCloseTo(0.025, 12);
  });

  it('bills Anthropic cache writes at the creation rate', () => {
    // 500 × $3 + 2,000 × $3.75 + 100 × $15 per M = 0.0015 + 0.0075 + 0.0015
    expect(callCost(sonnet4, usage(2_500, 100, 0, 2_000))).toBeCloseTo(0.0105, 12);
    // 500 × $3 + 2,000 × $0.30 + 100 × $15 per M
    expect(callCost(sonnet4, usage(2_500, 100, 2_000, 0))).toBeCloseTo(0.0036, 12);
  });

  it('falls back to the input rate without cache prices', () => {
    const plain = { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
    expect(callCost(plain, usage(1000, 0, 400, 100))).toBeCloseTo(0.001, 12);
  });

  it('is never negative (property)', () => {
    const price = fc.double({ min: 0, max: 1e-3, noNaN: true });
    const tokens = fc.integer({ min: 0, max: 2_000_000 });
    fc.assert(
      fc.property(
        price,
        price,
        fc.option(price),
        fc.option(price),
        tokens,
        tokens,
        tokens,
        tokens,
        (...values) => {
          const [input, output, read, creation, prompt, completion, cached, written] = values;
          const prices = {
            input_cost_per_token: input,
            output_cost_per_token: output,
            ...(read === null ? {} : { cache_read_input_token_cost: read }),
            ...(creation === null ? {} : { cache_creation_input_token_cost: creation }),
          };
          return callCost(prices, usage(prompt, completion, cached, written)) >= 0;
        },
      ),
    );
  });

  it('world calls are never negative in cost and match the formula (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            model: fc.constantFrom('gpt-4o-mini', 'claude-sonnet-4'),
            gapMs: fc.integer({ min: 0, max: 400_000 }),
            promptTokens: fc.integer({ min: 0, max: 50_000 }),
            maxTokens: fc.integer({ min: 1, max: 4000 }),
            prefixTokens: fc.integer({ min: 0, max: 60_000 }),
            prefixId: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (calls) => {
          const world = testWorld({
            hidden: (index) => {
              const spec = calls[index]!;
              return testHidden({ cacheablePrefixTokens: spec.prefixTokens, prefixId: spec.prefixId });
            },
          });
          let now = 0;
          return calls.every((spec, index) => {
            now += spec.gapMs;
            const result = world.call({
              requestIndex: index,
              model: spec.model,
              startMs: now,
              attempt: 0,
              promptTokens: spec.promptTokens,
              maxTokens: spec.maxTokens,
            });
            if (!result.ok) return true;
            const { usage: used, costUsd } = result.call;
            const model = spec.model === 'gpt-4o-mini' ? miniModel() : sonnetModel();
            return (
              costUsd >= 0 &&
              used.cachedTokens + used.cacheCreationTokens <= used.promptTokens &&
              Math.abs(costUsd - callCost(model, used)) < 1e-15
            );
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
