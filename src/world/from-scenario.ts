/**
 * A world for a scenario: the catalog narrowed and overridden by the scenario, its fault
 * schedule resolved over the run, the bundled quality-model parameters.
 */
import type { Scenario } from '../scenario/types.ts';
import { applyScenarioOverrides } from './catalog.ts';
import { withConfidenceTargets } from './confidence-targets.ts';
import { loadDomainParams } from './domains.ts';
import { resolveFaults } from './faults.ts';
import type { Catalog, HiddenLabels, OutcomeSource, World } from './types.ts';
import { createWorld } from './world.ts';

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
  const overridden = applyScenarioOverrides(catalog, scenario);
  const domains = loadDomainParams();
  const targets = scenario.world?.confidence;
  const effective =
    targets === undefined
      ? overridden
      : {
          ...overridden,
          models: overridden.models.map((model) => withConfidenceTargets(model, targets, domains)),
        };
  return createWorld({
    seed: scenario.seed,
    catalog: effective,
    domains,
    faults: resolveFaults(scenario.providers, effective, scenario.seed, scenario.durationMs),
    hidden,
    outcomes,
  });
}
