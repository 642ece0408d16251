/**
 * Which engine the code running right now routes for, as one AsyncLocalStorage. The wire engine
 * runs every route inside a wire store (its contents are the engine's: engine/wire/scope.ts
 * extends `WireScope`); a user-module strategy on the direct engine runs inside a guard store
 * (module-strategy.ts). The global fetch (fetch-route.ts) reads it to send a call to the wire
 * run, or to refuse it on the direct engine.
 *
 * It lives here, below the engine, because the user-module loader needs it and strategies never
 * import the engine: the engine implements `WireScope`, the strategies read only its `kind`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The part of the wire engine's per-request store that code outside the engine may read. */
export interface WireScope {
  kind: 'wire';
}

/** A user-module strategy running on the direct engine, which cannot serve HTTP. */
export interface GuardStore {
  kind: 'direct';
  /** Strategy label, for the message. */
  strategy: string;
  /** Called with the error when the strategy's own code makes a real HTTP request. */
  trip(error: Error): void;
}

export const routeScope = new AsyncLocalStorage<WireScope | GuardStore>();

/** The running code belongs to a wire run (its HTTP is served by that run's mocks). */
export function insideWireRun(): boolean {
  return routeScope.getStore()?.kind === 'wire';
}
