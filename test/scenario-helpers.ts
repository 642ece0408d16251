/**
 * A tiny hand-written catalog for scenario tests, so they do not depend on the shipped
 * catalog's contents: providers openai and anthropic, three models.
 */
import { type Catalog, DOMAINS, type ModelSpec, type ProviderSpec } from '../src/contracts/index.ts';

function model(id: string, provider: string, inputCost: number): ModelSpec {
  return {
    id,
    provider,
    displayName: id,
    input_cost_per_token: inputCost,
    output_cost_per_token: inputCost * 4,
    max_input_tokens: 128_000,
    max_output_tokens: 16_384,
    ttftMedianMs: 400,
    ttftSigma: 0.35,
    decodeTokensPerSecond: 80,
    decodeSigma: 0.2,
    verbosity: 1,
    benchmarks: {},
    quality: Object.fromEntries(
      DOMAINS.map((domain) => [domain, { accuracy: 0.8, source: 'test' }]),
    ) as ModelSpec['quality'],
    confidence: { kappa: 1.2, sigmaEta: 0.8, selfRatedBias: 1.5 },
  };
}

function provider(wire: ProviderSpec['wire'], baseUrl: string): ProviderSpec {
  return {
    wire,
    baseUrl,
    capacity: 32,
    rpm: 10_000,
    tpm: 2_000_000,
    cacheMinTokens: 1024,
    cacheTtlMs: 300_000,
  };
}

export const testCatalog: Catalog = {
  source: 'test',
  providers: {
    openai: provider('openai', 'https://api.openai.com/v1'),
    anthropic: provider('anthropic', 'https://api.anthropic.com/v1'),
  },
  models: [
    model('gpt-4o', 'openai', 0.0000025),
    model('gpt-4o-mini', 'openai', 0.00000015),
    model('claude-sonnet-4', 'anthropic', 0.000003),
  ],
};
