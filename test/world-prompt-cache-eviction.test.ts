import { describe, expect, it } from 'vitest';
import { createPromptCache } from '../src/world/prompt-cache.ts';

// The cache skips its eviction pass while a lower bound of the first entry's expiry is in the
// future; these sequences make that bound stale (the first entry re-touched, the cache emptied)
// and check every lookup still sees exactly the live entries.
describe('world prompt cache eviction', () => {
  it('expires an entry that became first after the old first one was refreshed', () => {
    const cache = createPromptCache({ ttlMs: 100, minTokens: 1 });
    expect(cache.touch(1, 10, 0).kind).toBe('write'); // 1 lives to 100
    expect(cache.touch(2, 10, 50).kind).toBe('write'); // 2 lives to 150
    expect(cache.touch(1, 10, 60).kind).toBe('hit'); // 1 refreshed to 160: 2 is first now
    expect(cache.touch(3, 10, 149).kind).toBe('write');
    expect(cache.touch(2, 10, 150).kind).toBe('write'); // expired at 150 exactly
    expect(cache.touch(1, 10, 159).kind).toBe('hit');
    expect(cache.size).toBe(3);
  });

  it('evicts everything once all expired, and tracks a cache refilled after emptying', () => {
    const cache = createPromptCache({ ttlMs: 100, minTokens: 1 });
    for (let prefix = 1; prefix <= 5; prefix++) cache.touch(prefix, 10, prefix);
    expect(cache.touch(9, 10, 1000).kind).toBe('write');
    expect(cache.size).toBe(1);
    expect(cache.touch(9, 10, 1099).kind).toBe('hit'); // 9 refreshed to 1199
    expect(cache.touch(8, 10, 1100).kind).toBe('write'); // 8 lives to 1200
    expect(cache.touch(9, 10, 1198).kind).toBe('hit'); // 9 refreshed to 1298
    expect(cache.touch(8, 10, 1200).kind).toBe('write'); // 8 expired at 1200
    expect(cache.size).toBe(2);
  });
});
