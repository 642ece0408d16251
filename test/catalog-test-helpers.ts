/** Shared builders for the catalog tests. */

import {
  type Catalog,
  DOMAINS,
  type Domain,
  type DomainTarget,
  type ModelSpec,
} from '../src/contracts/index.ts';
import type { Scenario } from '../src/scenario/types.ts';

export function uniformQuality(accuracy: number): Record<Domain, DomainTarget> {
  return Object.fromEntries(DOMAINS.map((domain) => [domain, { accuracy, source: 'test' }])) as Record<
    Domain,
    DomainTarget
  >;
}

export function testModel(id: string, provider: string, overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    id,
    provider,
    displayName: id,
    input_cost_per_token: 1e-6,
    output_cost_per_token: 2e-6,
    max_input_tokens: 128_000,
    max_output_tokens: 4_096,
    ttftMedianMs: 400,
    ttftSigma: 0.35,
    decodeTokensPerSecond: 100,
    decodeSigma: 0.2,
    verbosity: 1,
    benchmarks: {},
    quality: uniformQuality(0.7),
    confidence: { kappa: 1.2, sigmaEta: 0.8, selfRatedBias: 1.5 },
    ...overrides,
  };
}

export function testCatalog(): Catalog {
  const provider = {
    wire: 'openai' as const,
    baseUrl: 'https://api.example.com/v1',
    capacity: 10,
    rpm: 100,
    tpm: 10_000,
    cacheMinTokens: 1024,
    cacheTtlMs: 300_000,
  };
  return {
    source: 'test',
    providers: {
      alpha: provider,
      beta: { ...provider, wire: 'anthropic', baseUrl: 'https://api.beta.example' },
    },
    models: [testModel('a-small', 'alpha'), testModel('a-large', 'alpha'), testModel('b-one', 'beta')],
  };
}

export function testScenario(providers: Scenario['providers']): Scenario {
  return {
    version: 1,
    name: 'test',
    description: '',
    seed: 1,
    durationMs: 60_000,
    windowMs: undefined,
    catalog: undefined,
    traffic: {
      arrival: { process: 'poisson', startRate: 1, stages: [], diurnal: undefined, bursts: [] },
      mix: [{ domain: 'math', weight: 1 }],
      tiers: [{ name: 'free', weight: 1 }],
    },
    providers,
    models: [],
    slo: undefined,
    reference: 'always-strongest',
    strategies: [],
    thresholds: {},
  };
}
