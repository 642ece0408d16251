/**
 * A reasoning model's answer in the world: hidden tokens decode before the first visible token,
 * are billed as output, count against max_tokens (an answer cut before any visible token is empty
 * and wrong), and leave models that do not reason exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import type { CallInput, Catalog, HiddenLabels } from '../src/contracts/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { inverseNormalCdf, normalCdf } from '../src/world/random.ts';
import { createWorld } from '../src/world/world.ts';

const catalog = loadCatalog();
const domains = loadDomainParams();
const labels: HiddenLabels = {
  domain: 'math',
  difficulty: 0,
  template: 't',
  expectedOutputTokens: 200,
  cacheablePrefixTokens: 0,
  prefixId: 0,
};

function world(from: Catalog = catalog) {
  return createWorld({ seed: 4, catalog: from, domains, faults: [], hidden: () => labels });
}

function input(model: string, requestIndex: number, overrides: Partial<CallInput> = {}): CallInput {
  return {
    requestIndex,
    model,
    startMs: requestIndex * 60_000,
    attempt: 0,
    promptTokens: 300,
    maxTokens: 20_000,
    ...overrides,
  };
}

/** The catalog with every reasoning spec removed. */
const withoutReasoning: Catalog = {
  ...catalog,
  models: catalog.models.map(({ reasoning: _dropped, ...model }) => model),
};

describe('reasoning in the world', () => {
  it('decodes hidden tokens before the first visible token and bills them as output', () => {
    const thinking = world();
    const plain = world(withoutReasoning);
    const o3 = catalog.models.find((model) => model.id === 'o3-mini')!;
    for (let request = 0; request < 30; request++) {
      const a = thinking.call(input('o3-mini', request));
      const b = plain.call(input('o3-mini', request));
      if (!a.ok || !b.ok) throw new Error('expected answers');
      const { usage, timing } = a.call;
      expect(usage.reasoningTokens).toBeGreaterThan(0);
      expect(usage.completionTokens).toBe(usage.reasoningTokens + b.call.usage.completionTokens);
      // Same visible answer, same decode speed: the extra TTFT is exactly the thinking decode.
      const speed = (b.call.usage.completionTokens / b.call.timing.decodeMs) * 1000;
      expect(timing.ttftMs - b.call.timing.ttftMs).toBeCloseTo((usage.reasoningTokens / speed) * 1000, 6);
      expect(timing.decodeMs).toBeCloseTo(b.call.timing.decodeMs, 9);
      expect(a.call.costUsd - b.call.costUsd).toBeCloseTo(
        usage.reasoningTokens * o3.output_cost_per_token,
        12,
      );
    }
  });

  it('cuts the answer when reasoning fills max_tokens: finish length, empty text, graded wrong', () => {
    const result = world().call(input('o3-mini', 1, { maxTokens: 100 }));
    if (!result.ok) throw new Error('expected an answer');
    const { call } = result;
    expect(call.usage.reasoningTokens).toBe(100);
    expect(call.usage.completionTokens).toBe(100);
    expect(call.finishReason).toBe('length');
    expect(call.text).toBe('');
    expect(call.outcome.correct).toBe(false);
    expect(call.outcome.score).toBe(0);
  });

  it('leaves a model that does not reason byte-identical', () => {
    const a = world();
    const b = world(withoutReasoning);
    for (let request = 0; request < 20; request++) {
      expect(JSON.stringify(a.call(input('gpt-4o', request)))).toBe(
        JSON.stringify(b.call(input('gpt-4o', request))),
      );
    }
  });

  it('Claude does not think unless the call (or the scenario) sets a budget of at least 1,024', () => {
    const w = world();
    const off = w.call(input('claude-sonnet-4-20250514', 1));
    const on = w.call(input('claude-sonnet-4-20250514', 2, { reasoning: { budgetTokens: 2048 } }));
    if (!off.ok || !on.ok) throw new Error('expected answers');
    expect(off.call.usage.reasoningTokens).toBe(0);
    expect(on.call.usage.reasoningTokens).toBeGreaterThan(0);
    expect(on.call.usage.reasoningTokens).toBeLessThanOrEqual(2048);
  });

  it('a per-call effort changes the tokens; o3-mini low loses math accuracy as OpenAI reports for AIME (o3-mini announcement: 60.0 vs 79.6)', () => {
    const w = world();
    let lowCorrect = 0;
    let mediumCorrect = 0;
    let lowTokens = 0;
    let mediumTokens = 0;
    for (let request = 0; request < 1500; request++) {
      const medium = w.call(input('o3-mini', request));
      const low = w.call(
        input('o3-mini', request, { startMs: request * 60_000 + 1, reasoning: { effort: 'low' } }),
      );
      if (!medium.ok || !low.ok) throw new Error('expected answers');
      mediumTokens += medium.call.usage.reasoningTokens;
      lowTokens += low.call.usage.reasoningTokens;
      if (medium.call.outcome.correct) mediumCorrect++;
      if (low.call.outcome.correct) lowCorrect++;
    }
    expect(lowTokens).toBeLessThan(mediumTokens / 2);
    // Probit shift Φ⁻¹(0.600) − Φ⁻¹(0.796) = −0.574 on math, applied to the catalog's target.
    const target = catalog.models.find((model) => model.id === 'o3-mini')!.quality.math.accuracy;
    const expectedLow = normalCdf(inverseNormalCdf(target) - 0.574);
    expect(mediumCorrect / 1500).toBeCloseTo(target, 1);
    expect(Math.abs(lowCorrect / 1500 - expectedLow)).toBeLessThan(0.02);
    expect(target - expectedLow).toBeGreaterThan(0.03);
  });

  it('a reasoning judge reasons too, in its own draws', () => {
    const w = world();
    const answer = w.call(input('gpt-4o', 3));
    if (!answer.ok) throw new Error('expected an answer');
    const judged = w.judge(input('o3-mini', 3, { startMs: 3 * 60_000 + 10 }), answer.call, 0.1);
    if (!judged.ok) throw new Error('expected a judgement');
    expect(judged.call.usage.reasoningTokens).toBeGreaterThan(0);
    const own = w.call(input('o3-mini', 3, { startMs: 3 * 60_000 + 20 }));
    if (!own.ok) throw new Error('expected an answer');
    expect(own.call.usage.reasoningTokens).not.toBe(judged.call.usage.reasoningTokens);
  });
});
