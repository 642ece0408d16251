import { describe, expect, it } from 'vitest';
import type { CallInput, CallResult, HiddenLabels } from '../src/contracts/index.ts';
import { createPromptCache } from '../src/world/prompt-cache.ts';
import { testCatalog, testHidden, testWorld } from './support/world-fixtures.ts';

// Requests 0–9 share prefix 7 of 2,000 tokens; request 10+ has a 1,000-token prefix (below
// the 1,024-token minimum). Prompt 2,500 tokens; the answer is cut at maxTokens = 100.
function hidden(index: number): HiddenLabels {
  return index < 10
    ? testHidden({ prefixId: 7, cacheablePrefixTokens: 2000 })
    : testHidden({ prefixId: 8, cacheablePrefixTokens: 1000 });
}
function call(requestIndex: number, startMs: number, model = 'gpt-4o-mini'): CallInput {
  return { requestIndex, model, startMs, attempt: 0, promptTokens: 2500, maxTokens: 100 };
}
function answered(result: CallResult) {
  if (!result.ok) throw new Error(result.error.message);
  return result.call;
}

describe('world prompt cache', () => {
  it('OpenAI-style: a miss bills full input, a hit bills the prefix at the cache-read rate', () => {
    const world = testWorld({ hidden });
    const miss = answered(world.call(call(0, 0)));
    expect(miss.usage).toMatchObject({ cachedTokens: 0, cacheCreationTokens: 0 });
    // 2,500 × $0.15 + 100 × $0.60 per M
    expect(miss.costUsd).toBeCloseTo(4.35e-4, 15);
    const hit = answered(world.call(call(1, 100_000)));
    expect(hit.usage.cachedTokens).toBe(2000);
    // 500 × $0.15 + 2,000 × $0.075 + 100 × $0.60 per M
    expect(hit.costUsd).toBeCloseTo(2.85e-4, 15);
  });

  it('expires ttl after the last hit (the hit refreshed it)', () => {
    const world = testWorld({ hidden });
    answered(world.call(call(0, 0)));
    answered(world.call(call(1, 250_000))); // hit, refreshed to expire at 550 s
    expect(answered(world.call(call(2, 549_999))).usage.cachedTokens).toBe(2000);
    // refreshed again at 549.999 s → alive until (not at) 849.999 s
    expect(answered(world.call(call(3, 849_998))).usage.cachedTokens).toBe(2000);
    // refreshed at 849.998 s; exactly one lifetime later it has expired
    expect(answered(world.call(call(4, 849_998 + 300_000))).usage.cachedTokens).toBe(0);
  });

  it('Anthropic-style: a miss reports and bills cache creation', () => {
    const world = testWorld({ hidden });
    const write = answered(world.call(call(0, 0, 'claude-sonnet-4')));
    expect(write.usage).toMatchObject({ cachedTokens: 0, cacheCreationTokens: 2000 });
    expect(write.costUsd).toBeCloseTo(0.0105, 12);
    const read = answered(world.call(call(1, 1000, 'claude-sonnet-4')));
    expect(read.usage).toMatchObject({ cachedTokens: 2000, cacheCreationTokens: 0 });
    expect(read.costUsd).toBeCloseTo(0.0036, 12);
  });

  it('DeepSeek-style (LiteLLM cache_creation_input_token_cost 0): a miss bills full input, no free write', () => {
    // deepseek-chat in LiteLLM's map: input $0.28, cache read $0.028, cache creation 0.0, output
    // $0.42 per M. DeepSeek bills a cache miss at the input rate; 0 means "no write price".
    const base = testCatalog();
    const mini = base.models.find((model) => model.id === 'gpt-4o-mini');
    if (mini === undefined) throw new Error('test catalog lost gpt-4o-mini');
    const deepseek = {
      ...mini,
      input_cost_per_token: 2.8e-7,
      cache_read_input_token_cost: 2.8e-8,
      cache_creation_input_token_cost: 0,
      output_cost_per_token: 4.2e-7,
    };
    const world = testWorld({ hidden, catalog: { ...base, models: [deepseek, ...base.models.slice(1)] } });
    const miss = answered(world.call(call(0, 0)));
    expect(miss.usage).toMatchObject({ cachedTokens: 0, cacheCreationTokens: 0 });
    // 2,500 × $0.28 + 100 × $0.42 per M
    expect(miss.costUsd).toBeCloseTo(7.42e-4, 15);
    const hit = answered(world.call(call(1, 1000)));
    expect(hit.usage).toMatchObject({ cachedTokens: 2000, cacheCreationTokens: 0 });
    // 500 × $0.28 + 2,000 × $0.028 + 100 × $0.42 per M
    expect(hit.costUsd).toBeCloseTo(2.38e-4, 15);
  });

  it('each provider has its own cache; short prefixes are never cached', () => {
    const world = testWorld({ hidden });
    answered(world.call(call(0, 0)));
    expect(answered(world.call(call(1, 1, 'claude-sonnet-4'))).usage.cachedTokens).toBe(0);
    answered(world.call(call(10, 2)));
    expect(answered(world.call(call(11, 3))).usage.cachedTokens).toBe(0);
  });

  it('evicts expired entries, so memory is bounded by one lifetime of prefixes', () => {
    const cache = createPromptCache({ ttlMs: 1000, minTokens: 1 });
    for (let index = 1; index <= 100_000; index++) cache.touch(index, 10, index);
    expect(cache.size).toBe(1000);
  });
});
