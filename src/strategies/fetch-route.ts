/**
 * One global `fetch` that looks at who is calling (route-scope.ts). The official SDKs capture
 * `fetch` when a client is constructed — often at a router module's top level, long before any
 * run starts — so swapping the global at run time would not reach them. Installed before user modules
 * load, this function stays the global: inside a wire run it hands the call to that run's
 * msw-intercepted fetch; inside a user strategy on the direct engine it fails the call with
 * WireEngineRequiredError; anywhere else it is the fetch that was there before.
 *
 * Here, not in the engine, because loading a user's router module must install it first and
 * strategies never import the engine; the wire engine hands it the run's fetch (setRunFetch).
 */
import { RoutesimError } from '../errors.ts';
import { routeScope } from './route-scope.ts';

/** A user strategy called a provider itself on the direct engine, which cannot serve HTTP. */
export class WireEngineRequiredError extends RoutesimError {
  readonly strategy: string;
  constructor(strategy: string, url: string) {
    super(
      'input',
      `strategy "${strategy}" made its own HTTP request (${url}); a router that calls providers ` +
        'through an SDK runs only on the wire engine: `routesim simulate --engine wire` ' +
        '(or use context.call() to run on the direct engine)',
    );
    this.name = 'WireEngineRequiredError';
    this.strategy = strategy;
  }
}

type Fetch = typeof globalThis.fetch;

let before: Fetch | undefined;
let routed: Fetch | undefined;
/** The fetch of the wire run in progress (msw-intercepted), set by the engine. */
let runFetch: Fetch | undefined;

function urlOf(input: Parameters<Fetch>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** Make the routing fetch the global one (idempotent). */
export function installFetchRoute(): void {
  if (routed !== undefined && globalThis.fetch === routed) return;
  if (routed !== undefined) return; // msw (or a test) wrapped it; ours is still underneath
  before = globalThis.fetch;
  const original = before;
  routed = function routesimFetch(input, init) {
    const store = routeScope.getStore();
    if (store?.kind === 'wire' && runFetch !== undefined) return runFetch(input, init);
    if (store?.kind === 'direct') {
      const error = new WireEngineRequiredError(store.strategy, urlOf(input));
      store.trip(error);
      return Promise.reject(error);
    }
    return original(input, init);
  } as Fetch;
  globalThis.fetch = routed;
}

/** Route wire-run calls to `fetch` (the run's msw-intercepted fetch); undefined to stop. */
export function setRunFetch(fetch: Fetch | undefined): void {
  runFetch = fetch;
}
