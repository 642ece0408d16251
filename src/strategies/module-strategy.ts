/**
 * User router modules, loaded and built: `loadStrategyModule` imports a module once (keeping its
 * default export by absolute path), and `buildModuleStrategy` — which the synchronous registry
 * calls for a `{ module: … }` entry — turns the loaded export into a Strategy. Separate from
 * user-module.ts (which loads every entry, then calls the registry) so that the registry and
 * the loader do not import each other.
 *
 * A module strategy run by the direct engine carries a guard: if its own code makes an HTTP
 * request (an SDK client of its own) the route fails at once with WireEngineRequiredError
 * instead of reaching the network or hanging on a client's retry backoff.
 */
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import type { UserStrategyFactory } from './define-strategy.ts';
import { installFetchRoute } from './fetch-route.ts';
import { installNetworkGuard, userCodeScope } from './network-guard.ts';
import { DEFAULT_FILE } from './options.ts';
import { insideWireRun, routeScope } from './route-scope.ts';
import type { Strategy, StrategyBuildContext, StrategyFamily } from './types.ts';

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
  installNetworkGuard();
  let namespace: { default?: unknown };
  try {
    namespace = (await userCodeScope.run(true, () => import(pathToFileURL(path).href))) as {
      default?: unknown;
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(file, [{ path: at, message: `strategy module ${path} failed to load: ${reason}` }], {
      cause: error,
    });
  }
  loaded.set(path, namespace.default);
  return namespace.default;
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
      made = userCodeScope.run(true, () => (exported as UserStrategyFactory)(config.options ?? {}, context));
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
      if (insideWireRun()) return strategy.route(request, context);
      const { promise: tripped, reject } = Promise.withResolvers<never>();
      tripped.catch(() => {});
      const store = { kind: 'direct' as const, strategy: strategy.name, trip: reject };
      return Promise.race([routeScope.run(store, () => strategy.route(request, context)), tripped]);
    },
  };
}
