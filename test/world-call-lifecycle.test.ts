import { describe, expect, it } from 'vitest';
import type { AnsweredCall, CallInput, CallResult, JudgeResult } from '../src/contracts/index.ts';
import { MAX_RESPONSE_WORDS, responseText } from '../src/world/response-text.ts';
import { testCatalog, testWorld } from './support/world-fixtures.ts';

function call(requestIndex: number | undefined, startMs = 0, model = 'gpt-4o-mini'): CallInput {
  return { requestIndex, model, startMs, attempt: 0, promptTokens: 1000, maxTokens: 100 };
}
function answered(result: CallResult | JudgeResult): AnsweredCall {
  if (!result.ok) throw new Error(result.error.message);
  return result.call;
}

describe('world call checks', () => {
  it('unknown model → 404 not_found', () => {
    const result = testWorld().call(call(0, 0, 'gpt-9'));
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', status: 404 } });
  });

  it('prompt over max_input_tokens → 400 context_length with OpenAI’s wording', () => {
    const catalog = testCatalog();
    catalog.models[0]!.max_input_tokens = 1000;
    const world = testWorld({ catalog });
    expect(world.call({ ...call(0), promptTokens: 1000 }).ok).toBe(true);
    const result = world.call({ ...call(1), promptTokens: 1001 });
    if (result.ok) throw new Error('expected context_length');
    expect(result.error).toMatchObject({ kind: 'context_length', status: 400 });
    expect(result.error.message).toMatchInlineSnapshot(
      `"This model's maximum context length is 1000 tokens. However, your messages resulted in 1001 tokens. Please reduce the length of the messages."`,
    );
  });

  it('refuses calls that go back in time', () => {
    const world = testWorld();
    world.call(call(0, 100));
    expect(() => world.call(call(1, 99))).toThrow(/non-decreasing/);
  });
});

describe('world ledger and ungraded calls', () => {
  it('answers, bills and marks calls that match no request as ungraded', () => {
    const world = testWorld({ hidden: () => undefined });
    const first = answered(world.call(call(undefined)));
    const second = answered(world.call(call(0, 1)));
    expect([first.id, second.id]).toEqual(['rs-u-0', 'rs-u-1']);
    expect(first.ungraded && second.ungraded).toBe(true);
    // 1,000 × $0.15 + 100 × $0.60 per M
    expect(first.costUsd).toBeCloseTo(2.1e-4, 15);
    expect(world.ledger.get('rs-u-1')).toBe(second);
  });

  it('records every answered call by id and forgets a released request', () => {
    const world = testWorld();
    const a = answered(world.call(call(0)));
    const b = answered(world.call(call(0)));
    const c = answered(world.call(call(1)));
    expect(world.ledger.size).toBe(3);
    expect(world.ledger.get(a.id)).toBe(a);
    world.release(0);
    expect(world.ledger.get(a.id)).toBeUndefined();
    expect(world.ledger.get(b.id)).toBeUndefined();
    expect(world.ledger.get(c.id)).toBe(c);
    expect([...world.ledger.entries()]).toEqual([c]);
    // Released: the request's sample counters are gone too (the next answer is sample 0 again).
    expect(answered(world.call(call(0))).sample).toBe(0);
    expect(answered(world.call(call(1))).sample).toBe(1);
  });
});

describe('world judge calls', () => {
  it('is priced and timed on request prompt + answer, and flips the truth with probability ε', () => {
    const world = testWorld();
    const answer = answered(world.call({ ...call(0), maxTokens: 500 }));
    const truthful = world.judge({ ...call(0), model: 'claude-sonnet-4' }, answer, 0);
    const judged = answered(truthful);
    expect(truthful.ok && truthful.verdict).toBe(answer.outcome.correct);
    expect(judged.judgeOf).toBe(answer.id);
    expect(judged.id.startsWith('rj-')).toBe(true);
    expect(judged.usage.promptTokens).toBe(1000 + answer.usage.completionTokens);
    expect(judged.usage.completionTokens).toBeLessThan(60); // 16 tokens × log-normal(σ 0.25)
    const expectedCost = judged.usage.promptTokens * 3e-6 + judged.usage.completionTokens * 1.5e-5;
    expect(judged.costUsd).toBeCloseTo(expectedCost, 15);
    const liar = world.judge({ ...call(0), model: 'claude-sonnet-4' }, answer, 1);
    expect(liar.ok && liar.verdict).toBe(!answer.outcome.correct);
    expect(world.ledger.get(judged.id)).toBe(judged);
  });

  it('flips about ε of verdicts over many answers', () => {
    const world = testWorld();
    let flips = 0;
    const n = 3000;
    for (let index = 0; index < n; index++) {
      const answer = answered(world.call(call(index)));
      const result = world.judge({ ...call(index), model: 'claude-sonnet-4' }, answer, 0.2);
      if (result.ok && result.verdict !== answer.outcome.correct) flips++;
    }
    // Binomial(3000, 0.2): sd ≈ 22; allow 5 sd.
    expect(Math.abs(flips - 0.2 * n)).toBeLessThan(110);
  });
});

describe('response text', () => {
  it('encodes the answer: same answer same label, different answers different labels', () => {
    const text = (answerId: number, completionTokens: number, request = 1) =>
      responseText({ seed: 1, request, answerId, completionTokens });
    const label = (value: string) => /Final answer: ([0-9a-f]{8})\.$/.exec(value)?.[1];
    expect(label(text(0, 50))).toBe(label(text(0, 900)));
    expect(label(text(0, 50))).not.toBe(label(text(1, 50)));
    expect(label(text(0, 50))).not.toBe(label(text(0, 50, 2)));
    const words = (value: string) => value.split(' ').length;
    expect(words(text(2, 40))).toBe(40 * 0.75 - 3 + 3);
    expect(words(text(2, 10_000))).toBe(MAX_RESPONSE_WORDS + 3);
  });
});
