/** The rules strategy: first-match order, each condition, tiers, presets. */
import { describe, expect, it } from 'vitest';
import { buildStrategy } from '../src/strategies/registry.ts';
import { buildContext, candidates, fakeContext, okAnswer, request } from './strategy-helpers.ts';

const context = buildContext(candidates());

async function routeTo(options: Record<string, unknown>, routed = request('hello')) {
  const strategy = buildStrategy({ name: 'rules', options }, context);
  const fake = fakeContext(() => okAnswer());
  const result = await strategy.route(routed, fake);
  expect(fake.calls).toHaveLength(1);
  expect(fake.calls[0]?.purpose).toBe('primary');
  return { model: fake.calls[0]?.model, reason: result.reason };
}

describe('rules: first match wins', () => {
  const table = {
    rules: [
      { name: 'pro users', when: { tier: 'pro' }, model: 'gpt-4o' },
      { name: 'code', when: { vocabulary: ['code'] }, model: 'gpt-4o-mini' },
      { name: 'anything short', when: { promptTokens: { max: 100 } }, model: 'gemini-2.0-flash-lite' },
    ],
    default: 'deepseek-chat',
  };

  it('takes the first matching rule, in order', async () => {
    const code = request('my python function throws an exception', { tier: 'pro', promptTokens: 20 });
    expect(await routeTo(table, code)).toEqual({ model: 'gpt-4o', reason: 'rule 1 (pro users) → gpt-4o' });
    expect((await routeTo(table, { ...code, tier: 'free' })).model).toBe('gpt-4o-mini');
    expect((await routeTo(table, request('hi there', { promptTokens: 99 }))).model).toBe(
      'gemini-2.0-flash-lite',
    );
  });

  it('falls through to the default when nothing matches', async () => {
    expect(await routeTo(table, request('hi there', { promptTokens: 100 }))).toEqual({
      model: 'deepseek-chat',
      reason: 'no rule matched → deepseek-chat',
    });
  });

  it('tier accepts a list; min is inclusive and max exclusive', async () => {
    const rules = {
      rules: [
        { when: { tier: ['team', 'enterprise'] }, model: 'gpt-4o' },
        { when: { promptTokens: { min: 50, max: 60 } }, model: 'o3-mini' },
      ],
      default: 'gpt-4o-mini',
    };
    expect((await routeTo(rules, request('x', { tier: 'enterprise' }))).model).toBe('gpt-4o');
    expect((await routeTo(rules, request('x', { promptTokens: 50 }))).model).toBe('o3-mini');
    expect((await routeTo(rules, request('x', { promptTokens: 59 }))).model).toBe('o3-mini');
    expect((await routeTo(rules, request('x', { promptTokens: 60 }))).model).toBe('gpt-4o-mini');
    expect((await routeTo(rules, request('x', { promptTokens: 49 }))).model).toBe('gpt-4o-mini');
  });

  it('keywords and regex look at the last user message only, case-insensitively', async () => {
    const rules = {
      rules: [
        { when: { keywords: ['Step By Step'] }, model: 'o3-mini' },
        { when: { regex: '\\bprove\\s+that\\b' }, model: 'gemini-2.5-pro' },
      ],
      default: 'gpt-4o-mini',
    };
    expect((await routeTo(rules, request('think STEP BY STEP please'))).model).toBe('o3-mini');
    expect((await routeTo(rules, request('Prove  that 2 is prime'))).model).toBe('gemini-2.5-pro');
    const earlier = request('plain question', {
      messages: [
        { role: 'user', content: 'prove that this holds' },
        { role: 'assistant', content: 'sure' },
        { role: 'user', content: 'plain question' },
      ],
    });
    expect((await routeTo(rules, earlier)).model).toBe('gpt-4o-mini');
  });
});

describe('rules presets', () => {
  it('classic: short and no specialist vocabulary → cheap; vocabulary or length → capable', async () => {
    expect((await routeTo({}, request('any good sci-fi films?', { promptTokens: 199 }))).model).toBe(
      'llama-3.1-8b-instant',
    );
    expect((await routeTo({}, request('any good sci-fi films?', { promptTokens: 200 }))).model).toBe(
      'claude-haiku-4-5-20251001',
    );
    for (const text of [
      'my landlord kept the deposit',
      'what dose of ibuprofen is safe',
      'solve this equation',
    ]) {
      expect((await routeTo({}, request(text, { promptTokens: 20 }))).model).toBe(
        'claude-haiku-4-5-20251001',
      );
    }
  });

  it('length-only ignores vocabulary', async () => {
    const short = request('my landlord kept the deposit', { promptTokens: 20 });
    expect((await routeTo({ preset: 'length-only' }, short)).model).toBe('llama-3.1-8b-instant');
    expect((await routeTo({ preset: 'length-only' }, { ...short, promptTokens: 250 })).model).toBe(
      'claude-haiku-4-5-20251001',
    );
  });

  it('cheap, capable and maxTokens are options', async () => {
    const options = { cheap: 'gpt-4o-mini', capable: 'gpt-4o', maxTokens: 30 };
    expect((await routeTo(options, request('hi', { promptTokens: 29 }))).model).toBe('gpt-4o-mini');
    expect((await routeTo(options, request('hi', { promptTokens: 30 }))).model).toBe('gpt-4o');
  });

  it('a failed call fails the request with the rule in the reason', async () => {
    const strategy = buildStrategy({ name: 'rules', options: {} }, context);
    const result = await strategy.route(
      request('hi'),
      fakeContext(() => ({ ok: false, status: 503 })),
    );
    expect(result).toEqual({
      responseId: undefined,
      reason: expect.stringMatching(/^rule 1 .*failed \(server_error 503\)$/),
    });
  });
});
