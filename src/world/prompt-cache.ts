/**
 * One provider's prompt cache. A request's cacheable prefix (prefixId, tokens) is a hit
 * when the same prefixId was sent to this provider less than `ttlMs` ago (a hit refreshes
 * the lifetime) and the prefix is at least `minTokens` long; a miss writes the cache.
 *
 * Memory stays bounded by the prefixes seen within one lifetime: entries are kept in
 * last-touch order (a touch re-inserts the key), and since time never goes backwards and
 * the lifetime is constant, expired entries are always at the front and are evicted lazily
 * on each lookup in amortised O(1).
 */

export type CacheLookup =
  | { kind: 'none' }
  | { kind: 'hit'; tokens: number }
  | { kind: 'write'; tokens: number };

export interface PromptCache {
  /** Look up (and refresh or write) a prefix at time `atMs` (non-decreasing across calls). */
  touch(prefixId: number, prefixTokens: number, atMs: number): CacheLookup;
  /** Live entries (for memory tests). */
  readonly size: number;
}

const NONE: CacheLookup = { kind: 'none' };

export function createPromptCache(options: {
  /** Cache lifetime, ms, refreshed on hit. */
  ttlMs: number;
  /** Shortest cacheable prefix, tokens. */
  minTokens: number;
}): PromptCache {
  const { ttlMs, minTokens } = options;
  /** prefixId → expiry time, ms; Map keeps insertion (= last-touch) order. */
  const expiries = new Map<number, number>();
  /**
   * At most the first entry's expiry (Infinity when empty): a lookup that would evict nothing
   * skips the Map's iterator (an iterator and an entry pair per call otherwise).
   */
  let earliest = Number.POSITIVE_INFINITY;

  function evictExpired(atMs: number): void {
    if (earliest > atMs) return;
    earliest = Number.POSITIVE_INFINITY;
    for (const [prefixId, expiresAt] of expiries) {
      if (expiresAt > atMs) {
        earliest = expiresAt;
        break;
      }
      expiries.delete(prefixId);
    }
  }

  return {
    touch(prefixId, prefixTokens, atMs) {
      if (prefixId === 0 || prefixTokens <= 0 || prefixTokens < minTokens) return NONE;
      evictExpired(atMs);
      const hit = expiries.has(prefixId);
      expiries.delete(prefixId);
      expiries.set(prefixId, atMs + ttlMs);
      // A new last entry expires no sooner than the others; into an empty cache it is the first.
      if (atMs + ttlMs < earliest) earliest = atMs + ttlMs;
      return hit ? { kind: 'hit', tokens: prefixTokens } : { kind: 'write', tokens: prefixTokens };
    },
    get size() {
      return expiries.size;
    },
  };
}
