/** Traffic generator: a scenario's traffic section + seed → the request stream. */
import type { Scenario } from '../scenario/types.ts';
import { loadDomainParams } from '../world/domains.ts';
import { createRequestStream, type RequestStream } from './generator.ts';

export { arrivalTimes } from './arrivals.ts';
export { createRequestStream, type RequestStream, type RequestStreamOptions } from './generator.ts';
export { templateIds, templatesByDomain } from './templates.ts';
export { countMessageTokens, countTokens } from './tokenizer.ts';

/** The request stream of a validated scenario (bundled domain parameters). */
export function requestStreamFromScenario(scenario: Scenario): RequestStream {
  return createRequestStream({
    seed: scenario.seed,
    durationMs: scenario.durationMs,
    traffic: scenario.traffic,
    domains: loadDomainParams(),
  });
}
