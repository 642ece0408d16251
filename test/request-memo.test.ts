import { describe, expect, it } from 'vitest';
import { memoPerRequest } from '../src/strategies/request-memo.ts';

describe('memoPerRequest', () => {
  it('computes once per request object, falsy values included, and per object not per content', () => {
    const seen: object[] = [];
    const memo = memoPerRequest((request: { text: string }) => {
      seen.push(request);
      return request.text === '' ? undefined : request.text.length;
    });
    const empty = { text: '' };
    const word = { text: 'abc' };
    expect([memo(empty), memo(word), memo(empty), memo(word)]).toEqual([undefined, 3, undefined, 3]);
    expect(seen).toEqual([empty, word]);
    expect(memo({ text: 'abc' })).toBe(3);
    expect(seen).toHaveLength(3);
  });
});
