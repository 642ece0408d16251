import { describe, expect, it } from 'vitest';
import type { CallInput, CallResult } from '../src/contracts/index.ts';
import { testCatalog, testWorld } from './support/world-fixtures.ts';

function call(requestIndex: number, startMs: number, promptTokens = 0, maxTokens = 10): CallInput {
  return { requestIndex, model: 'gpt-4o-mini', startMs, attempt: 0, promptTokens, maxTokens };
}
function errorOf(result: CallResult) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('world RPM limit over a rolling minute', () => {
  it('refuses the 4th call within 60 s with the exact wait, and admits once the oldest leaves', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { rpm: 3 } }) });
    expect(world.call(call(0, 0)).ok).toBe(true);
    expect(world.call(call(1, 10_000)).ok).toBe(true);
    const third = world.call(call(2, 20_000));
    if (!third.ok) throw new Error('third call refused');
    expect(third.call.rateLimit).toMatchObject({
      limitRequests: 3,
      remainingRequests: 0,
      resetRequestsMs: 40_000,
    });

    const refused = errorOf(world.call(call(3, 30_000.4)));
    expect(refused).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      limitType: 'requests',
      retryAfterMs: 30_000,
    });
    expect(refused.message).toContain('on requests per min (RPM): Limit 3, Used 3, Requested 1.');
    expect(refused.message).toContain('Please try again in 30s.');

    // The call admitted at 0 frees its slot at exactly 60 s.
    expect(world.call(call(4, 60_000)).ok).toBe(true);
    // Window now holds 10 s, 20 s, 60 s: the next slot frees at 70 s.
    expect(errorOf(world.call(call(5, 60_001))).retryAfterMs).toBe(9_999);
  });

  it('does not count refused calls', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { rpm: 1 } }) });
    expect(world.call(call(0, 0)).ok).toBe(true);
    for (let index = 1; index <= 5; index++) expect(world.call(call(index, 1000 * index)).ok).toBe(false);
    // Had the refused calls counted, the one at 5 s would still block at 60 s.
    expect(world.call(call(9, 60_000)).ok).toBe(true);
  });
});

describe('world TPM limit (prompt tokens + max_tokens)', () => {
  it('waits until enough tokens leave the window', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { tpm: 1000 } }) });
    expect(world.call(call(0, 0, 300, 200)).ok).toBe(true); // 500
    expect(world.call(call(1, 1000, 200, 100)).ok).toBe(true); // 800
    const refused = errorOf(world.call(call(2, 2000, 300, 100))); // 1,200 > 1,000: call 0 must leave
    expect(refused).toMatchObject({ status: 429, limitType: 'tokens', retryAfterMs: 58_000 });
    expect(refused.message).toContain('on tokens per min (TPM): Limit 1000, Used 800, Requested 400.');
    expect(refused.rateLimit).toMatchObject({ limitTokens: 1000, remainingTokens: 200 });
    // Exactly filling the budget is allowed.
    const exact = world.call(call(3, 2000, 100, 100));
    if (!exact.ok) throw new Error(exact.error.message);
    expect(exact.call.rateLimit.remainingTokens).toBe(0);
    expect(exact.call.rateLimit.resetTokensMs).toBe(60_000); // until the newest call leaves
  });

  it('needs both earlier calls gone when one is not enough', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { tpm: 1000 } }) });
    world.call(call(0, 0, 400, 0));
    world.call(call(1, 5_000, 400, 0));
    // 800 + 900 > 1000; without call 0: 400 + 900 > 1000; without both: 900 ≤ 1000 → 65 s − 10 s.
    expect(errorOf(world.call(call(2, 10_000, 800, 100))).retryAfterMs).toBe(55_000);
  });

  it('a request larger than the whole budget is refused with a full window', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { tpm: 1000 } }) });
    expect(errorOf(world.call(call(0, 0, 1000, 1))).retryAfterMs).toBe(60_000);
  });

  it('bills the limit to CallInput.provider when given', () => {
    const world = testWorld({ catalog: testCatalog({ openai: { rpm: 1 }, anthropic: { rpm: 1 } }) });
    expect(world.call(call(0, 0)).ok).toBe(true);
    // Same model, but billed to the anthropic key: its own budget.
    expect(world.call({ ...call(1, 1), provider: 'anthropic' }).ok).toBe(true);
    expect(world.call(call(2, 2)).ok).toBe(false);
  });
});
