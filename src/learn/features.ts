/**
 * Features of a request for the learned router: what a production router could compute from the
 * request alone, in a few microseconds.
 *
 * Layout of the feature space (dimension = hashBuckets + DENSE_FEATURES + tiers.length):
 * - [0, hashBuckets): signed hashed word uni- and bigrams of the last user message, plus the first
 *   `systemWords` words of the system prompt (unigrams, salted so "code" there differs from "code"
 *   in the question). Each text part is scaled by 1/√(its n-gram count), so a long prompt does not
 *   outweigh a short one by volume alone (length has its own features).
 * - then the dense features (see DENSE_FEATURES), then the tier one-hot in the model file's order.
 *
 * Tokens: runs of ASCII letters/digits (lower-cased) or non-ASCII characters are words; every
 * other printable ASCII character (`{`, `=`, `?`, …) is a one-character token, because code and
 * math announce themselves by punctuation. A word containing a digit collapses into a "number of
 * this length class" token: ids and reference numbers are random and would only add noise.
 *
 * A word's hash is stringKey(lower-cased word) (FNV-1a + mix32), computed inline without building
 * the substring; bucket = hash mod hashBuckets, sign = its top bit (signed hashing keeps collisions
 * unbiased).
 */

import type { RouteRequest } from '../contracts/index.ts';
import { mix32, stringKey } from '../world/random.ts';

/** How features are computed; stored in the model file so training and routing agree. */
export interface FeatureConfig {
  /** Hashed n-gram buckets, a power of two. @default 4096 */
  hashBuckets: number;
  /** Leading words of the system prompt that are hashed. @default 16 */
  systemWords: number;
  /** Tier names, one-hot in this order; an unknown tier sets none. @default [] */
  tiers: string[];
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { hashBuckets: 4096, systemWords: 16, tiers: [] };

/**
 * Dense features after the hashed buckets, in order: (ln promptTokens − 5)/2; prompt-length bins
 * < 64, < 256, < 1024, < 4096, ≥ 4096 tokens (one-hot: difficulty is not monotone in length);
 * (message count − 1)/2; has a system prompt.
 */
export const DENSE_FEATURES = 8;
const LENGTH_BIN_LIMITS = [64, 256, 1024, 4096];

/** What the features read: the visible request (ids and times are not features). */
export type FeatureInput = Pick<RouteRequest, 'messages' | 'tier' | 'promptTokens'>;

/**
 * A sparse vector: entries [0, length) of `indices` / `values`. An index may repeat (hash
 * collisions); repeated entries add up, exactly as in the dense vector.
 */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float64Array;
  length: number;
}

/** Total dimension of the feature space of `config`. */
export function featureDimension(config: FeatureConfig): number {
  return config.hashBuckets + DENSE_FEATURES + config.tiers.length;
}

/** FNV-1a start and prime, as stringKey uses them. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SYSTEM_SALT = 0x5f3759df;
const BIGRAM_SALT = 0x68e31da4;
const SENTENCE_START = 0x2a5b1e37;
const NUMBER_TOKEN = 0x1d8e4e27;

/** The hash of a word, exactly as the extractor computes it (exported for tests and tools). */
export function wordHash(word: string): number {
  // Only ASCII letters are lower-cased, as in the extractor's loop.
  return /\d/.test(word)
    ? numberHash(word.length)
    : stringKey(word.replace(/[A-Z]/g, (c) => c.toLowerCase()));
}

function numberHash(length: number): number {
  return mix32(NUMBER_TOKEN ^ Math.min(length, 8));
}

/** The hash of the bigram (first, second) from the two word hashes. */
export function bigramHash(first: number, second: number): number {
  return mix32(Math.imul(first, 0x9e3779b1) ^ second ^ BIGRAM_SALT);
}

/** The hash of a system-prompt word. */
export function systemWordHash(word: number): number {
  return mix32(word ^ SYSTEM_SALT);
}

/**
 * A reusable extractor: `extract` returns a vector whose buffers are reused by the next call
 * (read it before extracting again). Nothing about a request is cached between calls.
 */
export function createFeatureExtractor(config: FeatureConfig): (request: FeatureInput) => SparseFeatures {
  const { hashBuckets, systemWords } = config;
  if (!Number.isInteger(hashBuckets) || hashBuckets < 2 || (hashBuckets & (hashBuckets - 1)) !== 0) {
    throw new RangeError(`hashBuckets must be a power of two ≥ 2, got ${hashBuckets}`);
  }
  const mask = hashBuckets - 1;
  const tierIndex = new Map(config.tiers.map((tier, index) => [tier, hashBuckets + DENSE_FEATURES + index]));
  const out: SparseFeatures = { indices: new Int32Array(256), values: new Float64Array(256), length: 0 };

  const push = (hash: number): void => {
    if (out.length === out.indices.length) grow(out);
    out.indices[out.length] = hash & mask;
    out.values[out.length] = hash & 0x80000000 ? -1 : 1;
    out.length++;
  };
  const pushDense = (index: number, value: number): void => {
    if (out.length === out.indices.length) grow(out);
    out.indices[out.length] = index;
    out.values[out.length] = value;
    out.length++;
  };
  const scale = (from: number): void => {
    const count = out.length - from;
    if (count <= 1) return;
    const factor = 1 / Math.sqrt(count);
    for (let entry = from; entry < out.length; entry++) out.values[entry]! *= factor;
  };

  return (request) => {
    out.length = 0;
    const { messages } = request;
    let lastUser = -1;
    let system = -1;
    for (let index = messages.length - 1; index >= 0; index--) {
      const role = messages[index]!.role;
      if (role === 'user' && lastUser < 0) lastUser = index;
      if (role === 'system') system = index;
    }
    if (lastUser >= 0) {
      tokenize(messages[lastUser]!.content, Number.POSITIVE_INFINITY, (hash, previous) => {
        push(hash);
        push(bigramHash(previous, hash));
      });
      scale(0);
    }
    if (system >= 0 && systemWords > 0) {
      const from = out.length;
      tokenize(messages[system]!.content, systemWords, (hash) => push(systemWordHash(hash)));
      scale(from);
    }
    const tokens = Math.max(1, request.promptTokens);
    pushDense(hashBuckets, (Math.log(tokens) - 5) / 2);
    let bin = 0;
    while (bin < LENGTH_BIN_LIMITS.length && tokens >= LENGTH_BIN_LIMITS[bin]!) bin++;
    pushDense(hashBuckets + 1 + bin, 1);
    pushDense(hashBuckets + 6, (messages.length - 1) / 2);
    if (system >= 0) pushDense(hashBuckets + 7, 1);
    const tier = tierIndex.get(request.tier);
    if (tier !== undefined) pushDense(tier, 1);
    return out;
  };
}

/** Features of one request as a fresh (not reused) sparse vector. */
export function extractFeatures(request: FeatureInput, config: FeatureConfig): SparseFeatures {
  const vector = createFeatureExtractor(config)(request);
  return {
    indices: vector.indices.slice(0, vector.length),
    values: vector.values.slice(0, vector.length),
    length: vector.length,
  };
}

/** The dense form of a sparse vector (tests, debugging). */
export function toDense(vector: SparseFeatures, dimension: number): Float64Array {
  const dense = new Float64Array(dimension);
  for (let entry = 0; entry < vector.length; entry++) dense[vector.indices[entry]!]! += vector.values[entry]!;
  return dense;
}

function grow(vector: SparseFeatures): void {
  const indices = new Int32Array(vector.indices.length * 2);
  indices.set(vector.indices);
  const values = new Float64Array(vector.values.length * 2);
  values.set(vector.values);
  vector.indices = indices;
  vector.values = values;
}

/**
 * Call `emit(hash, previousHash)` for each token of `text` (at most `limit` tokens), without
 * allocating: the word hash is FNV-1a over the lower-cased characters, finished by mix32 —
 * identical to stringKey(word.toLowerCase()).
 */
function tokenize(text: string, limit: number, emit: (hash: number, previous: number) => void): void {
  let previous = SENTENCE_START;
  let hash = FNV_OFFSET;
  let length = 0;
  let hasDigit = false;
  let emitted = 0;
  const flush = (): void => {
    const word = hasDigit ? numberHash(length) : mix32(hash);
    emit(word, previous);
    previous = word;
    emitted++;
    hash = FNV_OFFSET;
    length = 0;
    hasDigit = false;
  };
  for (let index = 0; index < text.length && emitted < limit; index++) {
    let code = text.charCodeAt(index);
    const upper = code >= 65 && code <= 90;
    const digit = code >= 48 && code <= 57;
    if (upper || digit || (code >= 97 && code <= 122) || code >= 128) {
      if (upper) code += 32;
      hasDigit ||= digit;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      length++;
      continue;
    }
    if (length > 0) flush();
    if (code > 32 && code < 127 && emitted < limit) {
      // Punctuation token: the hash of the one-character string.
      hash = Math.imul(FNV_OFFSET ^ code, FNV_PRIME);
      length = 1;
      flush();
    }
  }
  if (length > 0 && emitted < limit) flush();
}
