/** Traffic generator: a scenario's traffic section + seed → the request stream. */

import type { OutcomeSource } from '../contracts/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { loadDomainParams } from '../world/domains.ts';
import { createRequestStream, type RequestStream } from './generator.ts';
import { replayStreamFromScenario } from './replay/load.ts';
import type { ReplayInfo } from './replay/types.ts';

export { arrivalTimes } from './arrivals.ts';
export { createRequestStream, type RequestStream, type RequestStreamOptions } from './generator.ts';
export { createReplayStream, type ReplayStreamOptions } from './replay/stream.ts';
export type { ReplayInfo, ReplayRequestStream, ReplaySource } from './replay/types.ts';
export { templateIds, templatesByDomain } from './templates.ts';
export { countMessageTokens, countTokens } from './tokenizer.ts';

/**
 * A scenario's request stream. A replay (traffic.replay) also carries its recorded `outcomes`
 * (pass them to worldFromScenario, so outcomes are looked up instead of drawn) and `replay`,
 * what a report should say about it (e.g. that domains were classified, not labelled).
 */
export type ScenarioRequestStream = RequestStream & { outcomes?: OutcomeSource; replay?: ReplayInfo };

/** The request stream of a validated scenario: generated, or replayed from traffic.replay. */
export function requestStreamFromScenario(scenario: Scenario): ScenarioRequestStream {
  if (scenario.traffic.replay !== undefined) return replayStreamFromScenario(scenario);
  return createRequestStream({
    seed: scenario.seed,
    durationMs: scenario.durationMs,
    traffic: scenario.traffic,
    domains: loadDomainParams(),
  });
}
