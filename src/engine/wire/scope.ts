/**
 * Which simulated request (and which engine call) the code running right now belongs to.
 * The wire engine runs every route inside an AsyncLocalStorage store, so unmodified client
 * code — `new OpenAI({ baseURL })` somewhere in a user's router — is attributed to its
 * request, and its timers, clock reads and random draws follow that request's virtual time.
 * A user-module strategy run by the direct engine carries a guard store instead: a real HTTP
 * call from it is a clear error, not a request to the network. The storage itself is
 * strategies/route-scope.ts (the user-module loader reads it and must not import the engine);
 * a WireStore is the engine's implementation of its `WireScope`.
 */
import type { CallErrorKind } from '../../contracts/index.ts';
import { routeScope, type WireScope } from '../../strategies/route-scope.ts';
import type { CallPurpose } from '../../strategies/types.ts';
import type { AttemptRecord } from '../types.ts';

/** The virtual runtime of one wire run: what the patched globals defer to. */
export interface VirtualRuntime {
  /** Current virtual time, ms since the scenario start. */
  now(): number;
  /** Wall-clock epoch of virtual time 0, ms since 1970. */
  readonly epochMs: number;
  /** Schedule `fire` at virtual `now() + delayMs` for the request `requestIndex` (-1: none). */
  schedule(delayMs: number, requestIndex: number, fire: () => void): ScheduledTimer;
  /** A deterministic uniform draw in (0, 1) for Math.random() inside `store`. */
  random(store: WireStore): number;
  /** Real setImmediate callbacks scheduled by code of this run and not yet run. */
  pendingImmediates: number;
}

export interface ScheduledTimer {
  cancelled: boolean;
  /** Virtual time it fires at, ms. */
  atMs: number;
}

/** A call the engine makes for `context.call` (not set for a router's own client calls). */
export interface EngineCall {
  model: string;
  attempt: number;
  purpose: CallPurpose;
  /** Client timeout, virtual ms. */
  timeoutMs: number;
  /** Virtual time the call was admitted (reached the mocks), ms; NaN before. */
  startMs: number;
  /** Its decision-log row, pushed when the call is admitted. */
  record: AttemptRecord | undefined;
  /** Response id the world answered with (set when the call reached the world). */
  responseId: string | undefined;
  /** The call reached the world (the mocks asked it). */
  reachedWorld: boolean;
  /** 'ok' or the error kind the client saw; undefined until it completes. */
  kind: 'ok' | CallErrorKind | undefined;
}

export interface WireStore extends WireScope {
  runtime: VirtualRuntime;
  requestIndex: number;
  /** Math.random() draws taken by this request's code, shared by its calls' stores. */
  draws: { count: number };
  call: EngineCall | undefined;
}

/** Run `body` inside `store`: the code it runs, and every async continuation, belongs to that request. */
export function enterWireStore<T>(store: WireStore, body: () => T): T {
  return routeScope.run(store, body);
}

/** The wire store of the running code, or undefined outside a wire run. */
export function wireStore(): WireStore | undefined {
  const store = routeScope.getStore();
  // Only enterWireStore puts a 'wire' store on the scope, and it takes a whole WireStore.
  return store?.kind === 'wire' ? (store as WireStore) : undefined;
}
