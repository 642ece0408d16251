/**
 * A world for a scenario: the catalog narrowed and overridden by the scenario, its fault
 * schedule resolved over the run, the bundled quality-model parameters.
 *
 * Two steps, so that a robustness move (src/robustness) can transform what builds the world
 * between them: `worldInputsFromScenario` (the effective catalog and the domain parameters, pure
 * data) and `worldFromInputs` (the world those inputs make for the scenario).
 */

import type {
  Catalog,
  Domain,
  DomainParams,
  HiddenLabels,
  OutcomeSource,
  World,
} from '../contracts/index.ts';
import { withConfidenceTargets } from '../world/confidence-targets.ts';
import { loadDomainParams } from '../world/domains.ts';
import { resolveFaults } from '../world/faults.ts';
import { createWorld, type WorldOptions } from '../world/world.ts';
import { applyScenarioOverrides } from './catalog-overrides.ts';
import type { Scenario } from './types.ts';

/** What a scenario's world is built from: plain data (structured-cloneable to a worker). */
export interface WorldInputs {
  /** The effective catalog: the scenario's providers and models, overrides applied. */
  catalog: Catalog;
  /** Quality-model parameters per domain. */
  domains: Record<Domain, DomainParams>;
}

/** What a long-running server (`routesim serve`) changes about a world; runs pass nothing. */
export type ServingOptions = Pick<WorldOptions, 'faultIndex' | 'maxUngradedAnswers'>;

/**
 * The effective catalog and domain parameters of `scenario` over `catalog`: overrides applied, and
 * each model's confidence slopes solved for the scenario's `world.confidence` AUROCs, if any
 * (confidence-targets.ts), before any robustness move transforms them.
 */
export function worldInputsFromScenario(scenario: Scenario, catalog: Catalog): WorldInputs {
  const overridden = applyScenarioOverrides(catalog, scenario);
  const domains = loadDomainParams();
  const targets = scenario.world?.confidence;
  if (targets === undefined) return { catalog: overridden, domains };
  const models = overridden.models.map((model) => withConfidenceTargets(model, targets, domains));
  return { catalog: { ...overridden, models }, domains };
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
  serving?: ServingOptions,
): World {
  return createWorld({
    seed: scenario.seed,
    catalog: inputs.catalog,
    domains: inputs.domains,
    faults: resolveFaults(scenario.providers, inputs.catalog, scenario.seed, scenario.durationMs),
    hidden,
    outcomes,
    ...serving,
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
  serving?: ServingOptions,
): World {
  return worldFromInputs(scenario, worldInputsFromScenario(scenario, catalog), hidden, outcomes, serving);
}
