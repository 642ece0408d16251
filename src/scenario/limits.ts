/**
 * The defaults of a scenario's `limits:` block: how much a strategy's own code may fail or call
 * before a run refuses to pass (docs in the schema, scenario/schema.ts).
 */
import type { Scenario } from './types.ts';

/** A run exits 1 when more than half of a strategy's requests failed by its own code. */
export const DEFAULT_FAILED_SHARE = 0.5;
/** Calls one request may make (a loop of 10,000 calls for one request is a bug, not a router). */
export const DEFAULT_CALLS_PER_REQUEST = 100;

export function failedShareLimit(scenario: Pick<Scenario, 'limits'>): number {
  return scenario.limits?.failedShare ?? DEFAULT_FAILED_SHARE;
}

export function callsPerRequestLimit(scenario: Pick<Scenario, 'limits'>): number {
  return scenario.limits?.callsPerRequest ?? DEFAULT_CALLS_PER_REQUEST;
}
