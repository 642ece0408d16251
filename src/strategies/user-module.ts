/**
 * Strategies from the user's own modules. A scenario entry `{ module: ./my-router.ts, name?,
 * options? }` names a file (TypeScript or JavaScript — Node strips the types) whose default
 * export is a Strategy (`defineStrategy({ name, route })`) or a factory
 * `(options, context) => Strategy`. Loading is asynchronous (import()), so
 * buildStrategiesAsync loads every module first (module-strategy.ts); after that the
 * synchronous registry (buildStrategy) builds module entries from the loaded modules too.
 */
import { InputError, type InputIssue } from '../errors.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { loadStrategyModule } from './module-strategy.ts';
import { DEFAULT_FILE } from './options.ts';
import { buildStrategies } from './registry.ts';
import type { Strategy, StrategyBuildContext } from './types.ts';

export {
  defineStrategy,
  type StrategyDefinition,
  type UserStrategyFactory,
} from './define-strategy.ts';
export { loadStrategyModule } from './module-strategy.ts';

/** Load the module of every module entry, then build every strategy (one InputError for all). */
export async function buildStrategiesAsync(
  configs: readonly StrategyConfig[],
  context: StrategyBuildContext,
): Promise<Strategy[]> {
  const file = context.file ?? DEFAULT_FILE;
  const issues: InputIssue[] = [];
  await Promise.all(
    configs.map(async (config, index) => {
      if (config.module === undefined) return;
      try {
        await loadStrategyModule(config.module, file, ['strategies', index, 'module']);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        issues.push(...error.issues);
      }
    }),
  );
  if (issues.length > 0) throw new InputError(file, issues);
  return buildStrategies(configs, context);
}
