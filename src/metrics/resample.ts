/**
 * Bootstrap resamples as per-request weights (how many times request i was drawn). Each resample
 * is generated once and shared by every strategy and pair (metrics.md: the same resampled
 * indices for every strategy), and regenerated from (seed, resample) alone: a counter-keyed
 * seed per resample feeding a fast sequential generator, so resample b never depends on b − 1.
 */
import { hashKey } from '../world/random.ts';

/** Stream key of bootstrap draws (kept apart from the world's streams in random.ts, which stop at 21). */
const BOOTSTRAP_STREAM = 101;

export interface ResamplePlan {
  method: 'paired-bootstrap' | 'block-bootstrap';
  /** Requests. */
  n: number;
  /** Resamples B. @default 2000 */
  resamples: number;
  seed: number;
  /** Block bootstrap: block slot (⌊arrival / blockMs⌋) of each request. */
  blockOf?: Uint32Array;
  /** Block bootstrap: the non-empty block slots that are drawn from. */
  blockSlots?: Uint32Array;
  /** Block bootstrap: block length, ms of virtual time. */
  blockMs?: number;
}

/** Resample request indices uniformly with replacement (n draws per resample). */
export function pairedPlan(n: number, seed: number, resamples = 2000): ResamplePlan {
  return { method: 'paired-bootstrap', n, resamples, seed };
}

/**
 * Resample whole windows of virtual time: requests are grouped into blocks of `blockMs` by arrival
 * and as many non-empty blocks as there are are drawn with replacement. Bursts and outages stay
 * together, so their correlation widens the interval instead of being averaged away.
 */
export function blockPlan(
  arrival: Float64Array,
  blockMs: number,
  seed: number,
  resamples = 2000,
): ResamplePlan {
  if (!(blockMs > 0)) throw new RangeError(`block length must be > 0 ms, got ${blockMs}`);
  const blockOf = new Uint32Array(arrival.length);
  const seen = new Set<number>();
  for (let index = 0; index < arrival.length; index++) {
    const slot = Math.max(0, Math.floor(arrival[index]! / blockMs));
    blockOf[index] = slot;
    seen.add(slot);
  }
  const blockSlots = Uint32Array.from([...seen].sort((a, b) => a - b));
  return { method: 'block-bootstrap', n: arrival.length, resamples, seed, blockOf, blockSlots, blockMs };
}

/** Uniform integer in [0, size) from a 32-bit draw (multiply-shift; bias below size / 2^32). */
function below(draw: number, size: number): number {
  return Math.floor((draw * size) / 4294967296);
}

/**
 * Fill `weights` (length n) with the draw counts of resample `resample`; returns their sum (the
 * resample's size: n for the paired bootstrap, varying with the blocks drawn for the block one).
 */
export function fillWeights(plan: ResamplePlan, resample: number, weights: Uint32Array): number {
  // mulberry32 inlined: a closure call per draw costs more than the draw (2.2·10^8 draws a run).
  let state = hashKey(plan.seed, BOOTSTRAP_STREAM, resample);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return (mixed ^ (mixed >>> 14)) >>> 0;
  };
  weights.fill(0);
  if (plan.blockOf === undefined || plan.blockSlots === undefined) {
    const n = plan.n;
    return n >= BUCKETED_FROM ? fillBucketed(state, n, weights) : fillDirect(state, n, weights);
  }
  const slots = plan.blockSlots;
  const slotCount = slots.length === 0 ? 0 : slots[slots.length - 1]! + 1;
  const drawnTimes = new Uint32Array(slotCount);
  for (let draw = 0; draw < slots.length; draw++) drawnTimes[slots[below(next(), slots.length)]!]!++;
  let total = 0;
  for (let index = 0; index < plan.n; index++) {
    const times = drawnTimes[plan.blockOf[index]!]!;
    weights[index] = times;
    total += times;
  }
  return total;
}

/**
 * The paired weights: n draws from `state` (mulberry32, inlined), each counted where it lands.
 * `weights` must be zero. Exported for the test that bucketed counting gives the same weights.
 */
export function fillDirect(start: number, n: number, weights: Uint32Array): number {
  let state = start;
  for (let draw = 0; draw < n; draw++) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    weights[Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) * n) / 4294967296)]!++;
  }
  return n;
}

/**
 * Requests from which the paired weights are counted bucket by bucket: 2^23 weights are 32 MB, the
 * L3 cache of this machine kind; below it one increment per draw is as fast or faster (8 M
 * requests: 32.6 against 29.4 ns a draw, 3 M: 22.0 against 25.1; 30 M: 42.8 against 25.3 —
 * `node bench/bootstrap-scale.bench.ts`, bench/README round 7).
 */
export const BUCKETED_FROM = 1 << 23;
/** log2 of the requests per bucket: 2^16 weights, 256 KB, stay in a core's L2 cache. */
const BUCKET_SHIFT = 16;
/** The low bits of each draw, grouped by bucket (one array per thread, grown to the largest n). */
let bucketedDraws = new Uint16Array(0);

/**
 * fillDirect's weights counted in cache-sized buckets: the same n draws from `start`, so the
 * same counts (`weights` must be zero). Each draw's increment lands anywhere in the n weights,
 * and past the cache each is a miss; here the draws are generated twice — counted per bucket, then
 * their low bits written grouped by bucket — and the increments run one bucket at a time.
 */
export function fillBucketed(start: number, n: number, weights: Uint32Array): number {
  const buckets = (n >>> BUCKET_SHIFT) + 1;
  // ends[b + 1] counts bucket b's draws, then (summed) is where bucket b's draws end.
  const ends = new Uint32Array(buckets + 1);
  let state = start;
  for (let draw = 0; draw < n; draw++) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const index = Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) * n) / 4294967296);
    ends[(index >>> BUCKET_SHIFT) + 1]!++;
  }
  for (let bucket = 1; bucket <= buckets; bucket++) ends[bucket]! += ends[bucket - 1]!;
  if (bucketedDraws.length < n) bucketedDraws = new Uint16Array(n);
  const low = bucketedDraws;
  const mask = (1 << BUCKET_SHIFT) - 1;
  state = start;
  for (let draw = 0; draw < n; draw++) {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const index = Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) * n) / 4294967296);
    low[ends[index >>> BUCKET_SHIFT]!++] = index & mask;
  }
  // ends[b] now holds where bucket b's draws end (each moved up by one bucket's count).
  let at = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const base = bucket << BUCKET_SHIFT;
    const end = ends[bucket]!;
    for (; at < end; at++) weights[base + low[at]!]!++;
  }
  return n;
}
