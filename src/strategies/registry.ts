/**
 * The built-in strategies by name, and the builders the engine and the CLI use. Every option
 * problem is reported as an InputError naming `strategies[i].options.<field>`; buildStrategies
 * collects the problems of every strategy before throwing.
 *
 * Names: always-cheapest, always-strongest, random, oracle (a marker: the engine computes the
 * oracle itself, see baselines.ts), rules, cascade, domain, availability, learned, and
 * always-<model id> for every candidate model. A config's `strategy`, when set, names the
 * built-in and its `name` is only a label (the engine's business, not the factory's).
 */
import { InputError, type InputIssue } from '../errors.ts';
import { ALWAYS_PREFIX, builtInNameOf } from '../scenario/strategy-names.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { availability } from './availability.ts';
import { alwaysCheapest, alwaysModel, alwaysStrongest, oracle, random } from './baselines.ts';
import { cascade } from './cascade.ts';
import { domain } from './domain.ts';
import { learned } from './learned.ts';
import { buildModuleStrategy } from './module-strategy.ts';
import { DEFAULT_FILE } from './options.ts';
import { rules } from './rules.ts';
import { withShadow } from './shadow.ts';
import type { Strategy, StrategyBuildContext, StrategyFactory } from './types.ts';

export { alwaysModel } from './baselines.ts';

/** Factories of the built-in strategies (always-<model> is resolved by buildStrategy). */
export const builtInStrategies: Record<string, StrategyFactory> = {
  'always-cheapest': alwaysCheapest,
  'always-strongest': alwaysStrongest,
  random,
  oracle,
  rules,
  cascade,
  domain,
  availability: (options, context) => availability(options, context, buildStrategy),
  learned,
};

/**
 * Build one strategy. `path` locates the config in the scenario for messages
 * (@default ["strategy"]; buildStrategies passes ["strategies", i]).
 */
export function buildStrategy(
  config: StrategyConfig,
  context: StrategyBuildContext,
  path: (string | number)[] = ['strategy'],
): Strategy {
  const file = context.file ?? DEFAULT_FILE;
  // `shadow` is an option of every strategy (shadow.ts); the factories never see it.
  const { shadow, ...options } = config.options ?? {};
  // A user module (loaded beforehand by buildStrategiesAsync, see user-module.ts and module-strategy.ts).
  if (config.module !== undefined)
    return buildModuleStrategy({ ...config, module: config.module }, context, path);
  // `name` is only a label when `strategy` names the built-in ({ name: cascade-judge, strategy: cascade }).
  const builtIn = builtInNameOf(config);
  const factory = builtInStrategies[builtIn] ?? alwaysFactory(builtIn, context);
  if (factory === undefined) {
    const names = [
      ...Object.keys(builtInStrategies),
      ...context.models.map((model) => `${ALWAYS_PREFIX}${model.id}`),
    ];
    throw new InputError(file, [
      {
        path: [...path, config.strategy === undefined ? 'name' : 'strategy'],
        message: `unknown strategy "${builtIn}"; expected one of: ${names.join(', ')}`,
      },
    ]);
  }
  try {
    const strategy = factory(options, context);
    return shadow === undefined ? strategy : withShadow(strategy, shadowOptions(shadow, file), context);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      file,
      error.issues.map((issue) => ({ ...issue, path: [...path, 'options', ...issue.path] })),
    );
  }
}

/** Build every strategy; one InputError lists the problems of all of them. */
export function buildStrategies(
  configs: readonly StrategyConfig[],
  context: StrategyBuildContext,
): Strategy[] {
  const issues: InputIssue[] = [];
  const strategies: Strategy[] = [];
  configs.forEach((config, index) => {
    try {
      strategies.push(buildStrategy(config, context, ['strategies', index]));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
    }
  });
  if (issues.length > 0) throw new InputError(context.file ?? DEFAULT_FILE, issues);
  return strategies;
}

/** `always-<model id>` for a candidate model; no options. */
function alwaysFactory(name: string, context: StrategyBuildContext): StrategyFactory | undefined {
  if (!name.startsWith(ALWAYS_PREFIX)) return undefined;
  const id = name.slice(ALWAYS_PREFIX.length);
  if (!context.models.some((model) => model.id === id)) return undefined;
  return (options) => {
    const unknown = Object.keys(options);
    if (unknown.length > 0) {
      throw new InputError(
        context.file ?? DEFAULT_FILE,
        unknown.map((key) => ({
          path: [key],
          message: `unknown option "${key}"; always-<model> takes none`,
        })),
      );
    }
    return alwaysModel(id);
  };
}

/** The `shadow` option must be an object ({ share, reference }). */
function shadowOptions(value: unknown, file: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw new InputError(file, [{ path: ['shadow'], message: 'expected an object { share, reference }' }]);
}
