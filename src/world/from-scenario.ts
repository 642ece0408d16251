/**
 * A world for a scenario: the catalog narrowed and overridden by the scenario, its fault
 * schedule resolved over the run, the bundled quality-model parameters.
 *
 * Two steps, so that a robustness move (src/robustness) can transform what builds the world
 * between them: `worldInputsFromScenario` (the effective catalog and the domain parameters, pure
 * data) and `worldFromInputs` (the world those inputs make for the scenario).
 */
import type { Scenario } from '../scenario/types.ts';
import { applyScenarioOverrides } from './catalog.ts';
import { loadDomainParams } from './domains.ts';
import { resolveFaults } from './faults.ts';
import type { Catalog, Domain, DomainParams, HiddenLabels, OutcomeSource, World } from './types.ts';
import { createWorld } from './world.ts';

/** What a scenario's world is built from: plain data (structured-cloneable to a worker). */
export interface WorldInputs {
  /** The effective catalog: the scenario's providers and models, overrides applied. */
  catalog: Catalog;
  /** Quality-model parameters per domain. */
  domains: Record<Domain, DomainParams>;
}

/** The effective catalog and domain parameters of `scenario` over `catalog`. */
export function worldInputsFromScenario(scenario: Scenario, catalog: Catalog): WorldInputs {
  return { catalog: applyScenarioOverrides(catalog, scenario), domains: loadDomainParams() };
}

/**
 * The world `inputs` make for `scenario` (its seed, duration and fault schedule). The faults are
 * resolved over `inputs.catalog`, which a robustness move never narrows, so they stay the same.
 */
export function worldFromInputs(
  scenario: Scenario,
  inputs: WorldInputs,
  hidden: (i: number) => HiddenLabels | undefined,
  outcomes?: OutcomeSource,
): World {
  return createWorld({
    seed: scenario.seed,
    catalog: inputs.catalog,
    domains: inputs.domains,
    faults: resolveFaults(scenario.providers, inputs.catalog, scenario.seed, scenario.durationMs),
    hidden,
    outcomes,
  });
}

/**
 * Build the world a scenario runs against. `hidden` maps a request index to its hidden
 * labels (from the request stream); undefined marks a call as ungraded. `outcomes` are the
 * recorded outcomes of a replay (the replay stream's `outcomes`); without them every outcome is drawn.
 */
export function worldFromScenario(
  scenario: Scenario,
  catalog: Catalog,
  hidden: (i: number) => HiddenLabels | undefined,
  outcomes?: OutcomeSource,
): World {
  return worldFromInputs(scenario, worldInputsFromScenario(scenario, catalog), hidden, outcomes);
}
