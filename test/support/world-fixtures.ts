/**
 * A small hand-made catalog for the world runtime tests, so expected numbers can be
 * computed by hand: latency σ = 0 unless a test sets it, real list prices (LiteLLM,
 * ../shared/data/litellm-model-prices.json) for gpt-4o-mini and claude-sonnet-4.
 */

import {
  type Catalog,
  DOMAINS,
  type Domain,
  type DomainTarget,
  type FaultWindow,
  type HiddenLabels,
  type ModelSpec,
  type ProviderSpec,
  type World,
} from '../../src/contracts/index.ts';
import { loadDomainParams } from '../../src/world/domains.ts';
import { createWorld } from '../../src/world/world.ts';

function quality(accuracy: number): Record<Domain, DomainTarget> {
  return Object.fromEntries(
    DOMAINS.map((domain) => [domain, { accuracy, source: 'test fixture' }]),
  ) as Record<Domain, DomainTarget>;
}

export function provider(overrides: Partial<ProviderSpec> = {}): ProviderSpec {
  return {
    wire: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    capacity: 1000,
    rpm: 1_000_000,
    tpm: 1_000_000_000,
    cacheMinTokens: 1024,
    cacheTtlMs: 300_000,
    ...overrides,
  };
}

/** gpt-4o-mini at its list price: $0.15 / $0.60 per M tokens, cached input $0.075 per M. */
export function miniModel(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    id: 'gpt-4o-mini',
    provider: 'openai',
    displayName: 'GPT-4o mini',
    input_cost_per_token: 1.5e-7,
    output_cost_per_token: 6e-7,
    cache_read_input_token_cost: 7.5e-8,
    max_input_tokens: 128_000,
    max_output_tokens: 16_384,
    ttftMedianMs: 500,
    ttftSigma: 0,
    decodeTokensPerSecond: 100,
    decodeSigma: 0,
    verbosity: 1,
    benchmarks: {},
    quality: quality(0.7),
    confidence: { kappa: 0.8, sigmaEta: 1.0, selfRatedBias: 2.0 },
    ...overrides,
  };
}

/** claude-sonnet-4 at its list price: $3 / $15 per M, cache read $0.30, cache write $3.75 per M. */
export function sonnetModel(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    id: 'claude-sonnet-4',
    provider: 'anthropic',
    displayName: 'Claude Sonnet 4',
    input_cost_per_token: 3e-6,
    output_cost_per_token: 1.5e-5,
    cache_read_input_token_cost: 3e-7,
    cache_creation_input_token_cost: 3.75e-6,
    max_input_tokens: 200_000,
    max_output_tokens: 64_000,
    ttftMedianMs: 1000,
    ttftSigma: 0,
    decodeTokensPerSecond: 50,
    decodeSigma: 0,
    verbosity: 1,
    benchmarks: {},
    quality: quality(0.9),
    confidence: { kappa: 1.6, sigmaEta: 0.6, selfRatedBias: 1.2 },
    ...overrides,
  };
}

export function testCatalog(
  options: { openai?: Partial<ProviderSpec>; anthropic?: Partial<ProviderSpec>; models?: ModelSpec[] } = {},
): Catalog {
  return {
    source: 'test fixture',
    providers: {
      openai: provider(options.openai),
      anthropic: provider({
        wire: 'anthropic',
        baseUrl: 'https://api.anthropic.com',
        ...options.anthropic,
      }),
    },
    models: options.models ?? [miniModel(), sonnetModel()],
  };
}

/** Hidden labels of test request i: factual-qa, 1,000 expected output tokens, no prefix. */
export function testHidden(overrides: Partial<HiddenLabels> = {}): HiddenLabels {
  return {
    domain: 'factual-qa',
    difficulty: 0,
    template: 'test',
    expectedOutputTokens: 1000,
    cacheablePrefixTokens: 0,
    prefixId: 0,
    ...overrides,
  };
}

export function testWorld(
  options: {
    seed?: number;
    catalog?: Catalog;
    faults?: FaultWindow[];
    hidden?: (requestIndex: number) => HiddenLabels | undefined;
  } = {},
): World {
  return createWorld({
    seed: options.seed ?? 42,
    catalog: options.catalog ?? testCatalog(),
    domains: loadDomainParams(),
    faults: options.faults ?? [],
    hidden: options.hidden ?? ((index) => (index < 1_000_000 ? testHidden() : undefined)),
  });
}
