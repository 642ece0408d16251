/**
 * Token, reasoning and prompt-cache totals of one strategy run, accumulated call by call from
 * the world's answered calls (AnsweredCall.usage and the catalog's prices) in the order the world
 * served them — the same order on the direct and the wire engine, so the sums are the same bits.
 *
 * "Cache hits lost to spreading": a call whose cacheable prefix missed at its provider P while
 * the same prefix was warm at another provider Q (sent there within Q's cache lifetime). The
 * engine mirrors the world's per-provider caches (prompt-cache.ts semantics: a hit refreshes the
 * lifetime, a prefix shorter than the provider's minimum is never cached) from the calls it
 * sees, so it can tell where a prefix was warm without asking the world. Pure: no I/O, no clock.
 */

import type { AnsweredCall, HiddenLabels, ModelSpec, ProviderSpec } from '../contracts/index.ts';
import type { CallPurpose } from '../strategies/types.ts';

/**
 * Totals over a run's billed calls (shadow calls excluded, as from its cost). Plain numbers, so
 * they survive the worker handoff (structured clone) as they are.
 */
export interface UsageTotals {
  /** Answered (billed) calls. */
  calls: number;
  /** Prompt tokens sent. */
  promptTokens: number;
  /** Prompt tokens served from a prompt cache (billed at the cache-read rate). */
  cachedTokens: number;
  /** Prompt tokens written to a cache at a billed write price (Anthropic). */
  cacheWriteTokens: number;
  /** Completion tokens, hidden reasoning included. */
  completionTokens: number;
  /** Hidden reasoning tokens (part of completionTokens, billed as output). */
  reasoningTokens: number;
  /** reasoningTokens × the model's output price, USD. */
  reasoningUsd: number;
  /**
   * What caching saved against the same calls without a cache, USD:
   * cached × (input − cache-read price) − written × (cache-write price − input price).
   */
  cacheSavedUsd: number;
  /** Calls whose cacheable prefix missed at their provider while warm at another one. */
  spreadMisses: number;
  /** Prefix tokens of those calls. */
  spreadMissTokens: number;
  /** What those prefixes cost above a cache hit at their provider, USD. */
  spreadMissUsd: number;
}

export function emptyUsageTotals(): UsageTotals {
  return {
    calls: 0,
    promptTokens: 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    reasoningUsd: 0,
    cacheSavedUsd: 0,
    spreadMisses: 0,
    spreadMissTokens: 0,
    spreadMissUsd: 0,
  };
}

export interface UsageAccounting {
  /** One answered call, in the order the world served it (every purpose: shadow calls warm caches too). */
  observe(call: AnsweredCall, purpose: CallPurpose): void;
  readonly totals: UsageTotals;
}

/**
 * Per-provider mirror of the world's prompt caches: prefixId → expiry, in last-touch order, and
 * `earliest`, at most the first entry's expiry (Infinity when empty) — so a lookup that would evict
 * nothing skips the Map's iterator, which it made on every call to every other provider.
 */
interface WarmPrefixes {
  expiries: Map<number, number>;
  earliest: number;
}

export function createUsageAccounting(options: {
  providers: Record<string, ProviderSpec>;
  model: (id: string) => ModelSpec | undefined;
  /** Hidden labels of request `index` (its cacheable prefix). */
  hidden: (index: number) => HiddenLabels;
}): UsageAccounting {
  const totals = emptyUsageTotals();
  const warm = new Map<string, WarmPrefixes>();
  for (const provider of Object.keys(options.providers)) {
    warm.set(provider, { expiries: new Map(), earliest: Number.POSITIVE_INFINITY });
  }
  /** warm's entries as a list: walked on every call, where a Map iterator cost an allocation. */
  const warmList = [...warm];

  /** Is `prefixId` warm at a provider other than `provider` at `atMs` (expired entries evicted)? */
  function warmElsewhere(provider: string, prefixId: number, atMs: number): boolean {
    for (let at = 0; at < warmList.length; at++) {
      const entry = warmList[at]!;
      if (entry[0] === provider) continue;
      const prefixes = entry[1];
      evictExpired(prefixes, atMs);
      if (prefixes.expiries.has(prefixId)) return true;
    }
    return false;
  }

  /** Whether the call's prefix was lost to spreading; updates the mirror either way. */
  function spreadMiss(call: AnsweredCall, prefixTokens: number): boolean {
    const spec = options.providers[call.provider];
    const prefixes = warm.get(call.provider);
    if (spec === undefined || prefixes === undefined || prefixTokens < spec.cacheMinTokens) return false;
    const prefixId = options.hidden(call.requestIndex!).prefixId;
    const atMs = call.timing.startMs;
    const lost = call.usage.cachedTokens === 0 && warmElsewhere(call.provider, prefixId, atMs);
    evictExpired(prefixes, atMs);
    const expiresAt = atMs + spec.cacheTtlMs;
    prefixes.expiries.delete(prefixId);
    prefixes.expiries.set(prefixId, expiresAt);
    // A new last entry expires no sooner than the others (one lifetime, time never goes back);
    // into an empty mirror it is the first.
    if (expiresAt < prefixes.earliest) prefixes.earliest = expiresAt;
    return lost;
  }

  return {
    totals,
    observe(call, purpose) {
      const labels =
        call.ungraded || call.requestIndex === undefined ? undefined : options.hidden(call.requestIndex);
      const prefixTokens =
        labels === undefined || labels.prefixId === 0
          ? 0
          : Math.min(labels.cacheablePrefixTokens, call.usage.promptTokens);
      const lost = prefixTokens > 0 && spreadMiss(call, prefixTokens);
      if (purpose === 'shadow') return;
      const spec = options.model(call.model);
      const { usage } = call;
      totals.calls++;
      totals.promptTokens += usage.promptTokens;
      totals.cachedTokens += usage.cachedTokens;
      totals.cacheWriteTokens += usage.cacheCreationTokens;
      totals.completionTokens += usage.completionTokens;
      totals.reasoningTokens += usage.reasoningTokens;
      if (spec === undefined) return;
      const input = spec.input_cost_per_token;
      const read = spec.cache_read_input_token_cost ?? input;
      const write = spec.cache_creation_input_token_cost ?? input;
      totals.reasoningUsd += usage.reasoningTokens * spec.output_cost_per_token;
      totals.cacheSavedUsd +=
        usage.cachedTokens * (input - read) - usage.cacheCreationTokens * (write - input);
      if (lost) {
        // The miss paid the write price when the provider bills writes, else the input price.
        const paid = usage.cacheCreationTokens > 0 ? write : input;
        totals.spreadMisses++;
        totals.spreadMissTokens += prefixTokens;
        totals.spreadMissUsd += prefixTokens * (paid - read);
      }
    },
  };
}

function evictExpired(prefixes: WarmPrefixes, atMs: number): void {
  if (prefixes.earliest > atMs) return; // the first entry is live: nothing to evict
  let earliest = Number.POSITIVE_INFINITY;
  for (const [prefixId, expiresAt] of prefixes.expiries) {
    if (expiresAt > atMs) {
      earliest = expiresAt;
      break;
    }
    prefixes.expiries.delete(prefixId);
  }
  prefixes.earliest = earliest;
}
