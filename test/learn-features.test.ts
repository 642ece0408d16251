import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../src/contracts/index.ts';
import {
  bigramHash,
  createFeatureExtractor,
  extractFeatures,
  type FeatureConfig,
  featureDimension,
  toDense,
  wordHash,
} from '../src/learn/features.ts';
import { mix32, stringKey } from '../src/world/random.ts';

const config: FeatureConfig = { hashBuckets: 4096, systemWords: 3, tiers: ['free', 'pro'] };
const dimension = featureDimension(config);

function request(messages: ChatMessage[], tier = 'pro', promptTokens = 20) {
  return { messages, tier, promptTokens };
}

/** Signed-hash contribution of one n-gram hash, written out from the definition. */
function add(dense: Float64Array, hash: number, value: number): void {
  dense[hash & 4095]! += hash >>> 31 === 1 ? -value : value;
}

describe('extractFeatures', () => {
  it('hashes uni- and bigrams by stringKey, signed by the top bit, scaled by 1/√n, plus dense features', () => {
    const got = toDense(
      extractFeatures(request([{ role: 'user', content: 'Hello, world' }]), config),
      dimension,
    );
    const expected = new Float64Array(dimension);
    const hello = stringKey('hello');
    const comma = stringKey(',');
    const world = stringKey('world');
    expect(wordHash('Hello')).toBe(hello);
    // 3 tokens → 3 unigrams + 3 bigrams (the first with the sentence start) = 6 n-grams, each 1/√6.
    const start = bigramHash(0x2a5b1e37, hello);
    for (const hash of [hello, start, comma, bigramHash(hello, comma), world, bigramHash(comma, world)]) {
      add(expected, hash, 1 / Math.sqrt(6));
    }
    expected[4096] = (Math.log(20) - 5) / 2;
    expected[4097] = 1; // < 64 tokens
    expected[4102] = 0; // one message
    expected[4096 + 8 + 1] = 1; // tier "pro"
    for (let index = 0; index < dimension; index++) expect(got[index]).toBeCloseTo(expected[index]!, 12);
  });

  it('is stable: known buckets of fixed words do not move between versions', () => {
    // Pinned values: a change of the hash silently invalidates every shipped model file.
    // FNV-1a("hello") = 0x4f9f2cab; mix32 of it lands in bucket 3950 with the sign bit set.
    expect(stringKey('hello')).toBe(mix32(0x4f9f2cab));
    expect(stringKey('hello') & 4095).toBe(3950);
    expect(stringKey('hello') >>> 31).toBe(1);
    expect(wordHash('HeLLo')).toBe(wordHash('hello'));
    expect(wordHash('ab12')).toBe(wordHash('zz99'));
    expect(wordHash('ab12')).not.toBe(wordHash('ab123'));
  });

  it('gives the same vector for the same request, whatever was extracted before', () => {
    const extract = createFeatureExtractor(config);
    const a = request([
      { role: 'system', content: 'You are a careful legal assistant for contracts.' },
      { role: 'user', content: 'Rewrite clause 4.2 to remove the indemnification ambiguity.' },
    ]);
    const b = request([{ role: 'user', content: 'hey! how are you today? '.repeat(40) }], 'free', 400);
    const first = toDense(extract(a), dimension);
    extract(b);
    const again = toDense(extract(a), dimension);
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(Array.from(toDense(extractFeatures(a, config), dimension))).toEqual(Array.from(first));
  });

  it('collapses numbers of one length class, hashes only the first systemWords of the system prompt', () => {
    const one = extractFeatures(request([{ role: 'user', content: 'order 12345 late' }]), config);
    const two = extractFeatures(request([{ role: 'user', content: 'order 99999 late' }]), config);
    expect(Array.from(toDense(one, dimension))).toEqual(Array.from(toDense(two, dimension)));
    const system = (content: string) =>
      toDense(
        extractFeatures(
          request([
            { role: 'system', content },
            { role: 'user', content: 'hi' },
          ]),
          config,
        ),
        dimension,
      );
    expect(Array.from(system('you are pip and more words'))).toEqual(
      Array.from(system('you are pip, other text')),
    );
    expect(Array.from(system('you are pip'))).not.toEqual(Array.from(system('you are bob')));
  });

  it('uses the last user message, the length bin and the message count', () => {
    const dense = toDense(
      extractFeatures(
        request(
          [
            { role: 'user', content: 'a long document' },
            { role: 'user', content: 'summarise it' },
          ],
          'unknown-tier',
          5000,
        ),
        config,
      ),
      dimension,
    );
    expect(dense[stringKey('summarise') & 4095]).not.toBe(0);
    expect(dense[stringKey('document') & 4095]).toBe(0);
    expect(dense[4096 + 5]).toBe(1); // ≥ 4096 tokens
    expect(dense[4096 + 6]).toBe(0.5); // (2 − 1)/2
    expect(dense[4104]).toBe(0); // unknown tier: no one-hot
    expect(dense[4105]).toBe(0);
  });

  it('rejects a bucket count that is not a power of two', () => {
    expect(() => createFeatureExtractor({ ...config, hashBuckets: 1000 })).toThrow(/power of two/);
  });
});
