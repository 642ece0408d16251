/**
 * The options of every built-in strategy, checked by building it exactly as `simulate` does
 * (the factories own their option schemas), so `validate` refuses what `simulate` would refuse
 * and says where: `threshold: "1m1h"`, `epsilon: []`, `{ bogus: 1 }` are reported at
 * strategies[i].options.<field> with the file's line:column.
 *
 * This is the file-reading side (the `learned` factory reads its model file), injected into the
 * pure validator by load.ts. User modules are not imported by the (synchronous) validator; the
 * `validate` command builds them afterwards with buildRunStrategies, exactly as `simulate` does.
 */
import type { Catalog } from '../contracts/index.ts';
import { modelInfos } from '../engine/model-info.ts';
import { InputError, type InputIssue } from '../errors.ts';
import { referenceOf } from '../strategies/model-order.ts';
import { buildStrategy } from '../strategies/registry.ts';
import { buildStrategiesAsync } from '../strategies/user-module.ts';
import { loadCatalog } from '../world/catalog.ts';
import { applyScenarioOverrides } from './catalog-overrides.ts';
import type { Scenario, StrategyConfig } from './types.ts';

export interface StrategyOptionsInput {
  /** Entries to build, with their index in `strategies` (entries already reported are left out). */
  entries: readonly { index: number; config: StrategyConfig }[];
  /** Every strategy of the file (the reference's options decide the knobs' strong model). */
  strategies: readonly StrategyConfig[];
  /** The catalog the scenario names. */
  catalog: Catalog;
  /** The normalised scenario when the rest of the file is valid (its price overrides apply). */
  scenario: Scenario | undefined;
  /** Candidate model ids, scenario order. */
  models: readonly string[];
  reference: string;
  seed: number;
  /** Directory of the scenario file (learned model paths are relative to it). */
  baseDir: string;
  file: string;
}

/** Build each built-in entry; every option problem, with paths from the scenario's root. */
export function checkStrategyOptions(input: StrategyOptionsInput): InputIssue[] {
  if (input.models.length === 0) return [];
  const catalog =
    input.scenario === undefined ? input.catalog : applyScenarioOverrides(input.catalog, input.scenario);
  const models = modelInfos(catalog, input.models);
  const context = {
    models,
    seed: input.seed,
    baseDir: input.baseDir,
    file: input.file,
    ...referenceOf({ reference: input.reference, strategies: input.strategies }, models),
  };
  const issues: InputIssue[] = [];
  for (const { index, config } of input.entries) {
    if (config.module !== undefined) continue;
    try {
      buildStrategy(config, context, ['strategies', index]);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
    }
  }
  return issues;
}

/**
 * Every strategy of a loaded scenario built as `simulate` builds it before a run (the catalog with
 * the scenario's overrides, user modules imported — their top-level code runs, as in `simulate` —
 * and their factories called). Throws the InputError `simulate` would.
 */
export async function buildRunStrategies(scenario: Scenario, file: string, baseDir: string): Promise<void> {
  const catalog = applyScenarioOverrides(loadCatalog(scenario.catalog), scenario);
  const models = modelInfos(catalog, scenario.models);
  await buildStrategiesAsync(scenario.strategies, {
    models,
    seed: scenario.seed,
    baseDir,
    file,
    ...referenceOf(scenario, models),
  });
}
