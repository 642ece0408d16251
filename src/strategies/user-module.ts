/**
 * Strategies from the user's own modules. A scenario entry `{ module: ./my-router.ts, name?,
 * options? }` names a file (TypeScript or JavaScript — Node strips the types) whose default
 * export is a Strategy (`defineStrategy({ name, route })`) or a factory
 * `(options, context) => Strategy`. Loading is asynchronous (import()), so
 * buildStrategiesAsync loads every module first; after that the synchronous registry
 * (buildStrategy) builds module entries from the loaded modules too.
 *
 * A module strategy run by the direct engine carries a guard: if its own code makes an HTTP
 * request (an SDK client of its own) the route fails at once with WireEngineRequiredError
 * instead of reaching the network or hanging on a client's retry backoff.
 */
import { pathToFileURL } from 'node:url';
import type { RouteRequest } from '../contracts/index.ts';
import { installFetchRoute } from '../engine/wire/fetch-route.ts';
import { scope } from '../engine/wire/scope.ts';
import { InputError, type InputIssue } from '../errors.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { DEFAULT_FILE } from './options.ts';
// Circular with registry.ts (which builds module entries with buildModuleStrategy): both only
// call each other at run time, after both modules have loaded.
import { buildStrategies } from './registry.ts';
import type { RouteContext, RouteResult, Strategy, StrategyBuildContext, StrategyFamily } from './types.ts';

/** What `defineStrategy` takes: a name and a route; the family defaults to 'custom'. */
export interface StrategyDefinition {
  name: string;
  /** @default 'custom' */
  family?: StrategyFamily;
  route(request: RouteRequest, context: RouteContext): Promise<RouteResult>;
}

/** A user module's factory: the scenario entry's options and the build context. */
export type UserStrategyFactory = (
  options: Record<string, unknown>,
  context: StrategyBuildContext,
) => Strategy | StrategyDefinition;

/** Typed identity helper for a user strategy (fills in family 'custom'). */
export function defineStrategy(definition: StrategyDefinition): Strategy {
  return { family: 'custom', ...definition };
}

/** Default exports of loaded modules, by absolute path. */
const loaded = new Map<string, unknown>();

/** Import the module at `path` (absolute) once; an InputError naming the file when it fails. */
export async function loadStrategyModule(
  path: string,
  file: string,
  at: (string | number)[],
): Promise<unknown> {
  if (loaded.has(path)) return loaded.get(path);
  // Installed before the module runs: a client it builds at its top level captures this fetch.
  installFetchRoute();
  let namespace: { default?: unknown };
  try {
    namespace = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(file, [{ path: at, message: `strategy module ${path} failed to load: ${reason}` }], {
      cause: error,
    });
  }
  loaded.set(path, namespace.default);
  return namespace.default;
}

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

/** Build a module entry from its loaded module (the registry calls this). */
export function buildModuleStrategy(
  config: StrategyConfig & { module: string },
  context: StrategyBuildContext,
  path: (string | number)[],
): Strategy {
  const file = context.file ?? DEFAULT_FILE;
  const fail = (message: string): never => {
    throw new InputError(file, [{ path: [...path, 'module'], message }]);
  };
  if (!loaded.has(config.module)) {
    fail(`strategy module ${config.module} is not loaded; build module strategies with buildStrategiesAsync`);
  }
  const exported = loaded.get(config.module);
  const expected =
    'expected its default export to be a strategy (defineStrategy({ name, route })) or a factory (options, context) => strategy';
  let made: unknown = exported;
  if (typeof exported === 'function') {
    try {
      made = (exported as UserStrategyFactory)(config.options ?? {}, context);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(
        file,
        [{ path: [...path, 'options'], message: `the factory of ${config.module} threw: ${reason}` }],
        {
          cause: error,
        },
      );
    }
  }
  if (
    typeof made !== 'object' ||
    made === null ||
    typeof (made as { route?: unknown }).route !== 'function'
  ) {
    const got =
      made === null ? 'null' : typeof made === 'object' ? 'an object without a route function' : typeof made;
    return fail(`strategy module ${config.module}: ${expected}; got ${got}`);
  }
  const strategy = made as Strategy & { family?: StrategyFamily };
  return guarded({
    name: config.name,
    family: strategy.family ?? 'custom',
    ...(strategy.knob === undefined ? {} : { knob: strategy.knob }),
    route: strategy.route.bind(strategy),
  });
}

/**
 * The strategy as the engines see it. On the wire engine the route runs as is; elsewhere it
 * runs under the guard store, and a real HTTP request from it fails the route at once.
 */
function guarded(strategy: Strategy): Strategy {
  return {
    ...strategy,
    route(request, context) {
      if (scope.getStore()?.kind === 'wire') return strategy.route(request, context);
      const { promise: tripped, reject } = Promise.withResolvers<never>();
      tripped.catch(() => {});
      const store = { kind: 'direct' as const, strategy: strategy.name, trip: reject };
      return Promise.race([scope.run(store, () => strategy.route(request, context)), tripped]);
    },
  };
}
