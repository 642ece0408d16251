import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { applyScenarioOverrides } from '../src/scenario/catalog-overrides.ts';
import { cheapestModel, strongestModel } from '../src/world/catalog.ts';
import { testCatalog, testModel, testScenario, uniformQuality } from './catalog-test-helpers.ts';

describe('applyScenarioOverrides', () => {
  it('keeps only the listed providers and models, with limit and price overrides', () => {
    const catalog = testCatalog();
    const effective = applyScenarioOverrides(
      catalog,
      testScenario({
        alpha: {
          capacity: 3,
          tpm: 500,
          models: ['a-large'],
          prices: { 'a-large': { input_cost_per_token: 5e-6, max_input_tokens: 8000 } },
          faults: [],
        },
      }),
    );
    expect(Object.keys(effective.providers)).toEqual(['alpha']);
    expect(effective.providers.alpha).toMatchObject({ capacity: 3, rpm: 100, tpm: 500 });
    expect(effective.models.map((model) => model.id)).toEqual(['a-large']);
    expect(effective.models[0]).toMatchObject({
      input_cost_per_token: 5e-6,
      output_cost_per_token: 2e-6,
      max_input_tokens: 8000,
    });
    // the input catalog is untouched
    expect(catalog.providers.alpha?.capacity).toBe(10);
    expect(catalog.models[1]?.input_cost_per_token).toBe(1e-6);
  });

  it('keeps every model of a provider that lists none', () => {
    const effective = applyScenarioOverrides(
      testCatalog(),
      testScenario({ beta: { faults: [] }, alpha: { faults: [] } }),
    );
    expect(effective.models.map((model) => model.id)).toEqual(['a-small', 'a-large', 'b-one']);
  });

  it('rejects unknown providers, models and price targets, all at once', () => {
    const run = () =>
      applyScenarioOverrides(
        testCatalog(),
        testScenario({
          gamma: { faults: [] },
          alpha: { models: ['b-one'], prices: { 'a-small': { input_cost_per_token: 0 } }, faults: [] },
        }),
      );
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => issue.path.join('.'))).toEqual([
        'providers.gamma',
        'providers.alpha.models.0',
        'providers.alpha.prices.a-small',
      ]);
    }
  });
});

describe('cheapest and strongest', () => {
  // blended = (3 × input + output) / 4: x → (3·1 + 8)/4 = 2.75e-6; y → (3·2 + 2)/4 = 2e-6; z → (3·0.5 + 6)/4 = 1.875e-6
  const x = testModel('x', 'p', { input_cost_per_token: 1e-6, output_cost_per_token: 8e-6 });
  const y = testModel('y', 'p', { input_cost_per_token: 2e-6, output_cost_per_token: 2e-6 });
  const z = testModel('z', 'p', { input_cost_per_token: 0.5e-6, output_cost_per_token: 6e-6 });

  it('cheapest weighs input 3 : output 1', () => {
    expect(cheapestModel([x, y, z]).id).toBe('z');
    expect(cheapestModel([x, y]).id).toBe('y');
  });

  it('strongest has the highest mean target accuracy', () => {
    const strong = testModel('s', 'p', {
      quality: { ...uniformQuality(0.6), math: { accuracy: 0.99, source: '' } },
    });
    // s: (7 × 0.6 + 0.99) / 8 = 0.64875 < 0.65
    const even = testModel('e', 'p', { quality: uniformQuality(0.65) });
    expect(strongestModel([strong, even]).id).toBe('e');
    expect(() => strongestModel([])).toThrow(RangeError);
  });
});

describe('applyScenarioOverrides: a provider switched to another wire format', () => {
  it('takes the format and its base URL; gemini defaults to its own host', () => {
    const effective = applyScenarioOverrides(
      testCatalog(),
      testScenario({
        alpha: { wire: 'gemini', faults: [] },
        beta: { wire: 'anthropic', baseUrl: 'https://beta.example/anthropic', faults: [] },
      }),
    );
    expect(effective.providers.alpha).toMatchObject({
      wire: 'gemini',
      baseUrl: 'https://generativelanguage.googleapis.com',
    });
    expect(effective.providers.beta).toMatchObject({
      wire: 'anthropic',
      baseUrl: 'https://beta.example/anthropic',
    });
  });

  it('asks for a base URL a format has no host of its own for, and refuses a shared base URL', () => {
    const run = () =>
      applyScenarioOverrides(
        testCatalog(),
        testScenario({
          alpha: { wire: 'anthropic', faults: [] },
          beta: { baseUrl: testCatalog().providers.alpha!.baseUrl, faults: [] },
        }),
      );
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (error) {
      const issues = (error as InputError).issues;
      expect(issues.map((issue) => issue.path.join('.'))).toEqual([
        'providers.alpha.baseUrl',
        'providers.beta.baseUrl',
      ]);
      expect(issues[0]?.message).toContain("give the provider's base URL in that format");
    }
  });
});
