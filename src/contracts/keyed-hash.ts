/**
 * Keyed integer hashing: a 32-bit hash of a few integers, and a stable key of a string. Pure
 * math — no state, no registry of streams — on which the world builds its counter-based draws
 * (world/random.ts: the named streams, uniform / normal draws). Here, in the vocabulary every
 * layer may import, because a strategy needs a keyed draw that is the same for every strategy of
 * a scenario (the shadow sample), and strategies read nothing of the world.
 */

/** lowbias32 finaliser (C. Wellons): a strong 32-bit integer avalanche. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of up to five integers (negative and > 2^32 values are folded). */
export function hashKey(seed: number, stream: number, a = 0, b = 0, c = 0): number {
  let h = mix32(fold(seed) ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(fold(stream) + 0x632be5ab, 0x85ebca6b));
  h = mix32(h ^ Math.imul(fold(a) + 0x1b873593, 0xcc9e2d51));
  h = mix32(h ^ Math.imul(fold(b) + 0x27d4eb2f, 0x165667b1));
  h = mix32(h ^ Math.imul(fold(c) + 0x61c88647, 0xd3a2646c));
  return h;
}

function fold(value: number): number {
  // The common case (a small non-negative key): high = 0 and mix32(0) = 0, so fold is the low word.
  if (value >= 0 && value < 4294967296) return value >>> 0;
  // Keep the high bits of large integers (e.g. millisecond timestamps) in play.
  const low = value >>> 0;
  const high = Math.floor(value / 4294967296) >>> 0;
  return (low ^ mix32(high)) >>> 0;
}

/**
 * Stable 32-bit key of a string (FNV-1a), e.g. a model id, so draws depend on the
 * model's name and not on its position in a catalog.
 */
export function stringKey(text: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}
