/** Shared builders for the quality-model tests (not a test file itself). */

import { CONFIDENCE_PROFILES } from '../src/catalog-import/catalog-tiers.ts';
import {
  type ConfidenceSpec,
  DOMAINS,
  type Domain,
  type HiddenLabels,
  type ModelSpec,
} from '../src/contracts/index.ts';

/** The catalog's three confidence profiles (src/catalog-import/catalog-tiers.ts, fixtures/catalog.json). */
export const PROFILES: Record<'frontier' | 'mid' | 'small', ConfidenceSpec> = CONFIDENCE_PROFILES;

/** A model whose target accuracy is `accuracy` in every domain unless `perDomain` says otherwise. */
export function modelWith(
  id: string,
  accuracy: number,
  confidence: ConfidenceSpec = PROFILES.mid,
  perDomain: Partial<Record<Domain, number>> = {},
): ModelSpec {
  const quality = Object.fromEntries(
    DOMAINS.map((domain) => [domain, { accuracy: perDomain[domain] ?? accuracy, source: 'test' }]),
  ) as ModelSpec['quality'];
  return {
    id,
    provider: 'test',
    displayName: id,
    input_cost_per_token: 0,
    output_cost_per_token: 0,
    max_input_tokens: 100_000,
    max_output_tokens: 10_000,
    ttftMedianMs: 300,
    ttftSigma: 0.35,
    decodeTokensPerSecond: 100,
    decodeSigma: 0.2,
    verbosity: 1,
    benchmarks: {},
    quality,
    confidence,
  };
}

/** Hidden labels with only what the quality model reads filled in meaningfully. */
export function hiddenFor(domain: Domain, difficulty: number): HiddenLabels {
  return {
    domain,
    difficulty,
    template: 'test',
    expectedOutputTokens: 100,
    cacheablePrefixTokens: 0,
    prefixId: 0,
  };
}
