/**
 * Strategies read no world internals (docs/architecture.md): the facts they share with the world
 * come from src/contracts/. These tests pin that the move changed no number: the blended price a
 * strategy orders models by is the world's, and the shadow sample is the one it drew through the
 * world's jitter stream before.
 */
import { describe, expect, it } from 'vitest';
import { modelInfo } from '../src/engine/model-info.ts';
import * as publicApi from '../src/index.ts';
import { WireEngineRequiredError } from '../src/strategies/fetch-route.ts';
import { cheapest, blendedPrice as strategyBlendedPrice } from '../src/strategies/model-order.ts';
import { inShadowSample } from '../src/strategies/shadow.ts';
import { cheapestModel, loadCatalog, blendedPrice as worldBlendedPrice } from '../src/world/catalog.ts';
import { hashKey, Stream, stringKey } from '../src/world/random.ts';

describe('the blended price (contracts/blended-price.ts)', () => {
  const models = loadCatalog().models;

  it('is the same number for a strategy (from ModelInfo) and for the world (from the catalog)', () => {
    expect(models.length).toBeGreaterThan(1);
    for (const spec of models) expect(strategyBlendedPrice(modelInfo(spec))).toBe(worldBlendedPrice(spec));
  });

  it("makes the strategies' cheapest model the world's cheapest model", () => {
    expect(cheapest(models.map(modelInfo)).id).toBe(cheapestModel(models).id);
  });
});

describe('the shadow sample (strategies/shadow.ts)', () => {
  /** The sample as it was drawn through world/random.ts: the jitter stream, key 'shadow-sample'. */
  function worldSample(seed: number, index: number, share: number): boolean {
    return hashKey(seed, Stream.jitter, stringKey('shadow-sample'), index) * 2 ** -32 < share;
  }

  it('samples exactly the requests it sampled through the world stream table', () => {
    for (const seed of [1, 7, 42]) {
      for (const share of [0.05, 0.5]) {
        let sampled = 0;
        for (let index = 0; index < 1000; index++) {
          const inSample = inShadowSample(seed, index, share);
          expect(inSample, `seed ${seed}, share ${share}, request ${index}`).toBe(
            worldSample(seed, index, share),
          );
          if (inSample) sampled++;
        }
        // Not vacuous: some requests are in the sample and most are not at 5%.
        expect(sampled).toBeGreaterThan(0);
        expect(sampled).toBeLessThan(1000);
      }
    }
  });
});

describe('the public API after the user-module split', () => {
  it('still exports the wire-engine error and the user-module helpers from the package entry', () => {
    expect(publicApi.WireEngineRequiredError).toBe(WireEngineRequiredError);
    expect(new publicApi.WireEngineRequiredError('mine', 'https://api.openai.com/v1')).toBeInstanceOf(
      publicApi.RoutesimError,
    );
    expect(typeof publicApi.defineStrategy).toBe('function');
    expect(typeof publicApi.buildStrategiesAsync).toBe('function');
    expect(publicApi.defineStrategy({ name: 'mine', route: async () => ({}) as never }).family).toBe(
      'custom',
    );
  });
});
