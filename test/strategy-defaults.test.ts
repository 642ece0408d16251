/**
 * Default model choices on the 13 candidates of the default scenario, checked by hand against
 * fixtures/catalog.json (blended price = (3·input + output·(1 + reasoning/200))/4 per token, the
 * reasoning models' typical hidden tokens billed at the output rate):
 *   llama-3.1-8b-instant (0.05 $/M in, 0.08 out) → 0.0575 $/M: cheapest;
 *   gemini-2.5-pro (1.25, 10, 3,190 hidden tokens) → 43.31 $/M: most expensive, and also the
 *   strongest; o3-mini (1.1, 4.4, 1,074) → 7.83 $/M, dearer than claude-sonnet-4 (3, 15) → 6.0 $/M;
 *   gemini-2.5-pro: leaderboard standing (mean of its eight domain targets in the catalog) 0.877,
 *   ahead of o3-mini 0.852 and claude-sonnet-4 0.826: strongest;
 *   middle price third (ranks 4–8: gpt-4o-mini, deepseek-chat, llama-3.3-70b, claude-haiku-4-5,
 *   gpt-4o): strongest claude-haiku-4-5 (0.810): capable. Per-token prices alone put o3-mini
 *   (1.925 $/M) in the middle third: its hidden reasoning is what moves it out.
 */
import { describe, expect, it } from 'vitest';
import { defaultPool } from '../src/strategies/availability.ts';
import { defaultCascadeModels } from '../src/strategies/cascade.ts';
import { defaultDomainTable } from '../src/strategies/domain.ts';
import {
  blendedPrice,
  capable,
  cheapest,
  mostExpensive,
  referenceModelOf,
  strongest,
} from '../src/strategies/model-order.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { buildContext, candidates, fakeContext, okAnswer, request, serverError } from './strategy-helpers.ts';

const models = candidates();
const context = buildContext(models);

async function firstCall(name: string, options: Record<string, unknown> = {}, text = 'hello there') {
  const strategy = buildStrategy({ name, options }, context);
  const fake = fakeContext(() => okAnswer(0.99));
  await strategy.route(request(text), fake);
  return fake.calls[0]?.model;
}

describe('model orderings on the default candidates', () => {
  it('blends prices 3:1 input:output', () => {
    const llama = models.find((model) => model.id === 'llama-3.1-8b-instant');
    expect(blendedPrice(llama!) * 1e6).toBeCloseTo((3 * 0.05 + 0.08) / 4, 9);
  });

  it('picks cheapest, most expensive, strongest and capable as computed by hand', () => {
    expect(cheapest(models).id).toBe('llama-3.1-8b-instant');
    expect(mostExpensive(models).id).toBe('gemini-2.5-pro');
    expect(strongest(models).id).toBe('gemini-2.5-pro');
    expect(capable(models).id).toBe('claude-haiku-4-5-20251001');
    const o3 = models.find((model) => model.id === 'o3-mini')!;
    expect(blendedPrice(o3) * 1e6).toBeCloseTo(
      (3 * 1.1 + 4.4 * (1 + o3.typicalReasoningTokens / 200)) / 4,
      9,
    );
    expect(o3.typicalReasoningTokens).toBeGreaterThan(1000);
  });
});

describe('default choices of each strategy', () => {
  it('always-cheapest, always-strongest (and its model option), always-<model>', async () => {
    expect(await firstCall('always-cheapest')).toBe('llama-3.1-8b-instant');
    expect(await firstCall('always-strongest')).toBe('gemini-2.5-pro');
    expect(await firstCall('always-strongest', { model: 'mistral-large-2407' })).toBe('mistral-large-2407');
    expect(await firstCall('always-gpt-4o')).toBe('gpt-4o');
  });

  it('random: weak = cheapest, strong = the strongest (the reference’s model), knob p over 0, 0.1, …, 1', () => {
    const strategy = buildStrategy({ name: 'random', options: {} }, context);
    expect(strategy.knob?.weak).toBe('llama-3.1-8b-instant');
    // The most expensive candidate (claude-sonnet-4) is NOT the strong model: metrics.md.
    expect(strategy.knob?.strong).toBe('gemini-2.5-pro');
    expect(strategy.knob?.strong).toBe(strongest(models).id);
    expect(strategy.knob?.values).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(strategy.knob?.at(0.3).name).toBe('random@0.3');
  });

  it('random sends a request to strong exactly when the draw is below p', async () => {
    const strategy = buildStrategy({ name: 'random', options: { p: 0.3 } }, context);
    const below = fakeContext(() => okAnswer(), { randoms: [0.29] });
    await strategy.route(request('x'), below);
    const above = fakeContext(() => okAnswer(), { randoms: [0.31] });
    await strategy.route(request('x'), above);
    expect(below.calls.map((call) => call.model)).toEqual(['gemini-2.5-pro']);
    expect(above.calls.map((call) => call.model)).toEqual(['llama-3.1-8b-instant']);
    const never = fakeContext(() => okAnswer(), { randoms: [1e-9] });
    await strategy.knob!.at(0).route(request('x'), never);
    expect(never.calls[0]?.model).toBe('llama-3.1-8b-instant');
  });

  it('rules (classic): short plain prompts → cheapest, else capable', async () => {
    expect(await firstCall('rules', {}, 'what should I cook tonight?')).toBe('llama-3.1-8b-instant');
    expect(await firstCall('rules', {}, 'is this contract clause enforceable?')).toBe(
      'claude-haiku-4-5-20251001',
    );
  });

  it('cascade: cheapest → capable → strongest, so the last rung is the best model', () => {
    expect(defaultCascadeModels(models)).toEqual([
      'llama-3.1-8b-instant',
      'claude-haiku-4-5-20251001',
      'gemini-2.5-pro',
    ]);
    const strategy = buildStrategy({ name: 'cascade', options: {} }, context);
    expect(strategy.knob?.weak).toBe('llama-3.1-8b-instant');
    expect(strategy.knob?.strong).toBe('gemini-2.5-pro');
  });

  it('cascade drops a capable rung that costs as much as the strongest, and collapses to one rung', () => {
    const pricedAt = (id: string, input: number) => ({
      ...models.find((model) => model.id === id)!,
      inputCostPerToken: input / 1e6,
      outputCostPerToken: input / 1e6,
    });
    // gemini-2.5-pro (strongest) priced at 0.03 $/M, ≈ 0.15 $/M blended with its hidden tokens (rank 3,
    // outside the middle third), below the capable claude-haiku-4-5 (2.0 $/M): escalating through
    // the dearer, weaker model would be waste.
    const dearMiddle = models.map((model) =>
      model.id === 'gemini-2.5-pro' ? pricedAt('gemini-2.5-pro', 0.03) : model,
    );
    expect(capable(dearMiddle).id).toBe('claude-haiku-4-5-20251001');
    expect(defaultCascadeModels(dearMiddle)).toEqual(['llama-3.1-8b-instant', 'gemini-2.5-pro']);
    const alone = models.filter((model) => model.id === 'gemini-2.5-pro');
    expect(defaultCascadeModels(alone)).toEqual(['gemini-2.5-pro']);
  });

  it('every built-in knob’s strong model is the reference model (always-strongest’s) when it is a candidate', async () => {
    const reference = await firstCall('always-strongest');
    for (const name of ['random', 'cascade', 'learned', 'availability']) {
      const options = name === 'availability' ? { inner: 'cascade' } : {};
      const knob = buildStrategy({ name, options }, context).knob;
      expect(knob?.strong, name).toBe(reference);
      expect(knob?.weak, name).toBe('llama-3.1-8b-instant');
    }
  });

  it('domain: cheapest within 0.05 of the best published score per domain', () => {
    // factual-qa (mmlu): best deepseek 0.885; ≥ 0.835: gpt-4o, o3-mini, mistral-large, deepseek,
    //   llama-70b → cheapest deepseek-chat (0.315 $/M).
    // math (gsm8k/math): best o3-mini 0.979; ≥ 0.929: o3-mini (7.83 $/M with its hidden tokens),
    //   mistral-large (gsm8k 0.93, 4.5 $/M) → mistral-large.
    // code (humaneval): best mistral-large 0.92; ≥ 0.87: gpt-4o-mini 0.872, llama-70b 0.884 → gpt-4o-mini.
    // reasoning (gpqa): best gemini-2.5-pro 0.83; ≥ 0.78: only gemini-2.5-pro.
    // others (mean): best mistral-large 0.897; ≥ 0.847: o3-mini 0.873 (7.83 $/M), mistral-large
    //   (4.5 $/M) → mistral-large. Ranked by per-token price alone, o3-mini (1.925 $/M) took all five.
    expect(defaultDomainTable(models)).toEqual({
      'chit-chat': 'mistral-large-2407',
      'factual-qa': 'deepseek-chat',
      summarization: 'mistral-large-2407',
      code: 'gpt-4o-mini',
      math: 'mistral-large-2407',
      reasoning: 'gemini-2.5-pro',
      legal: 'mistral-large-2407',
      medical: 'mistral-large-2407',
    });
  });

  it('a reference pinned to another candidate becomes every knob’s strong model; a router reference does not', () => {
    const pinned = [{ name: 'always-strongest', options: { model: 'o3-mini' } }];
    expect(referenceModelOf('always-strongest', pinned, models)).toBe('o3-mini');
    expect(referenceModelOf('always-gpt-4o', [], models)).toBe('gpt-4o');
    expect(referenceModelOf('always-strongest', [], models)).toBe('gemini-2.5-pro');
    expect(referenceModelOf('rules', [{ name: 'rules', options: {} }], models)).toBeUndefined();
    const withReference = { ...context, referenceModel: 'gpt-4o' };
    for (const name of ['random', 'cascade', 'learned']) {
      expect(buildStrategy({ name, options: {} }, withReference).knob?.strong, name).toBe('gpt-4o');
    }
    expect(defaultCascadeModels(models, 'gpt-4o')).toEqual([
      'llama-3.1-8b-instant',
      'claude-haiku-4-5-20251001',
      'gpt-4o',
    ]);
  });

  it('availability alone: the three strongest models of three providers', () => {
    expect(defaultPool(models)).toEqual(['gemini-2.5-pro', 'o3-mini', 'claude-sonnet-4-20250514']);
  });

  it('availability with no options is a failover around always-strongest, not a balancer', async () => {
    const strategy = buildStrategy({ name: 'availability', options: {} }, context);
    // Healthy: every request goes to the strongest model, as always-strongest would send it.
    const healthy = fakeContext(() => okAnswer());
    for (let index = 0; index < 4; index++) await strategy.route(request('q'), healthy);
    expect(healthy.calls.map((call) => call.model)).toEqual(Array(4).fill('gemini-2.5-pro'));
    // The primary down: the next strongest model of another provider answers, as a fallback.
    const down = fakeContext((model) => (model === 'gemini-2.5-pro' ? serverError() : okAnswer()));
    const fresh = buildStrategy({ name: 'availability', options: { maxRetries: 0 } }, context);
    const result = await fresh.route(request('q'), down);
    expect(down.calls.map((call) => `${call.model}:${call.purpose}`)).toEqual([
      'gemini-2.5-pro:primary',
      'o3-mini:fallback',
    ]);
    expect(result.responseId).toBeDefined();
  });

  it('availability balances only when asked (selection or weights)', async () => {
    for (const options of [{ selection: 'round-robin' }, { weights: { 'o3-mini': 2 } }]) {
      const strategy = buildStrategy({ name: 'availability', options }, context);
      const fake = fakeContext(() => okAnswer());
      for (let index = 0; index < 6; index++) await strategy.route(request('q'), fake);
      expect(new Set(fake.calls.map((call) => call.model)).size, JSON.stringify(options)).toBe(3);
    }
    expect(() =>
      buildStrategy(
        { name: 'availability', options: { selection: 'failover', weights: { 'o3-mini': 2 } } },
        context,
      ),
    ).toThrow(/weights apply to selection "round-robin"/);
  });

  it('the oracle is a marker whose route throws', () => {
    const oracle = buildStrategy({ name: 'oracle', options: {} }, context);
    expect(oracle.family).toBe('oracle');
    expect(() =>
      oracle.route(
        request('x'),
        fakeContext(() => okAnswer()),
      ),
    ).toThrow(/computed by the engine/);
  });
});
