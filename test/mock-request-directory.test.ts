import { describe, expect, it } from 'vitest';
import type { GeneratedRequest } from '../src/contracts/index.ts';
import { createAttemptCounter } from '../src/mock/attempts.ts';
import { createRequestDirectory, type RequestSource } from '../src/mock/request-directory.ts';

function source(
  texts: string[],
  idOf = (index: number) => `r${String(index).padStart(7, '0')}`,
): RequestSource & { gets: number } {
  const result = {
    count: texts.length,
    gets: 0,
    get(index: number): GeneratedRequest {
      result.gets += 1;
      return {
        request: {
          id: idOf(index),
          index,
          arrivalMs: 0,
          messages: [
            { role: 'system', content: 'You are helpful.' },
            { role: 'user', content: texts[index]! },
          ],
          tier: 'free',
          promptTokens: 10,
          maxTokens: 100,
        },
        hidden: {
          domain: 'math',
          difficulty: 0,
          template: 't',
          expectedOutputTokens: 10,
          cacheablePrefixTokens: 0,
          prefixId: 0,
        },
      };
    },
  };
  return result;
}

describe('request directory', () => {
  it('resolves by header id, by last user message, and not at all for strangers', () => {
    const directory = createRequestDirectory(source(['alpha?', 'beta?', 'gamma?']));
    expect(directory.resolve({ requestId: 'r0000002', messages: [] })).toBe(2);
    expect(directory.resolve({ requestId: 'r0000009', messages: [] })).toBeUndefined();
    const user = (content: string) => ({ role: 'user' as const, content });
    expect(directory.resolve({ requestId: null, messages: [user('beta?')] })).toBe(1);
    // The last user message decides, even after an assistant turn.
    expect(
      directory.resolve({
        requestId: null,
        messages: [user('alpha?'), { role: 'assistant', content: 'x' }, user('gamma?')],
      }),
    ).toBe(2);
    expect(directory.resolve({ requestId: null, messages: [user('delta?')] })).toBeUndefined();
    expect(
      directory.resolve({ requestId: null, messages: [{ role: 'system', content: 'alpha?' }] }),
    ).toBeUndefined();
  });

  it('resolves ids of any shape through the index, and the engine context wins', () => {
    const directory = createRequestDirectory(
      source(['a', 'b'], (index) => `req-${index * 10}`),
      {
        current: () => undefined,
      },
    );
    expect(directory.resolve({ requestId: 'req-10', messages: [] })).toBe(1);
    const withContext = createRequestDirectory(source(['a', 'b']), { current: () => 0 });
    expect(withContext.resolve({ requestId: 'r0000001', messages: [] })).toBe(0);
  });

  it('builds no index for header lookups of r-ids (one get per call)', () => {
    const texts = Array.from({ length: 1000 }, (_, index) => `question ${index}`);
    const counted = source(texts);
    const directory = createRequestDirectory(counted);
    expect(directory.resolve({ requestId: 'r0000500', messages: [] })).toBe(500);
    expect(counted.gets).toBe(1);
  });
});

describe('attempt counter', () => {
  it('numbers attempts per (request, model) from 0 and forgets released requests', () => {
    const attempts = createAttemptCounter({ maxRequests: 2 });
    expect([
      attempts.next(1, 'a'),
      attempts.next(1, 'a'),
      attempts.next(1, 'b'),
      attempts.next(2, 'a'),
    ]).toEqual([0, 1, 0, 0]);
    attempts.release(1);
    expect(attempts.next(1, 'a')).toBe(0);
    // A third request evicts the oldest (request 2), bounding memory.
    attempts.next(3, 'a');
    expect(attempts.next(2, 'a')).toBe(0);
    expect(attempts.size).toBe(2);
  });
});
