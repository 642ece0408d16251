/**
 * No real network from a router's code. fetch-route.ts catches `fetch`; a router can also reach
 * the network through `node:http(s)`, `net`, `tls` and `dns`, which fetch never sees — on the
 * direct engine that sent a real DNS query for api.openai.com, on the wire engine it crashed msw.
 * Installed before a user module loads, this wraps the entry points of those modules so that, from
 * user code, they throw RealNetworkError at once (nothing is resolved or sent) and the attempt is
 * remembered for the run to fail on (takeNetworkAttempt).
 *
 * "User code" is: anything on a worker thread (routesim's workers run nothing that needs the
 * network: the wire engine's SDK calls go through msw's fetch), a route (routeScope), and a module's
 * import and factory on the main thread (userCodeScope). Everything else passes through untouched,
 * so a test or a tool in the same process keeps its network.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { RoutesimError } from '../errors.ts';
import { routeScope } from './route-scope.ts';

/** A router's code tried to use the real network. */
export class RealNetworkError extends RoutesimError {
  /** What was attempted, e.g. "https.request api.openai.com". */
  readonly what: string;
  constructor(what: string, strategy: string | undefined) {
    super(
      'runtime',
      `${strategy === undefined ? 'a router module' : `strategy "${strategy}"`} tried to use the real network (${what}); ` +
        'nothing left the machine. A router reaches models through context.call() (or, on --engine wire, ' +
        "an official SDK's fetch, which the simulation serves)",
    );
    this.name = 'RealNetworkError';
    this.what = what;
  }
}

/** Marks a user module's import and factory on the main thread as user code. */
export const userCodeScope = new AsyncLocalStorage<true>();

let installed = false;
let attempt: RealNetworkError | undefined;

/** The first network attempt of user code since the last call, cleared. */
export function takeNetworkAttempt(): RealNetworkError | undefined {
  const taken = attempt;
  attempt = undefined;
  return taken;
}

function fromUserCode(): boolean {
  return !isMainThread || routeScope.getStore() !== undefined || userCodeScope.getStore() === true;
}

function refuse(what: string): never {
  const store = routeScope.getStore();
  const error = new RealNetworkError(what, store?.kind === 'direct' ? store.strategy : undefined);
  attempt ??= error;
  throw error;
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Wrap `target[name]` so that user code calling it is refused, naming `what(args)`. */
function wrap(target: Record<string, unknown>, name: string, what: (args: unknown[]) => string): void {
  const original = target[name];
  if (typeof original !== 'function') return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    if (fromUserCode()) refuse(what(args));
    return (original as AnyFunction).apply(this, args);
  };
  Object.defineProperty(wrapped, 'name', { value: original.name });
  target[name] = wrapped;
}

const hostOf = (args: unknown[]): string => {
  const [first, second] = args;
  if (typeof first === 'string') return first;
  if (first instanceof URL) return first.host;
  if (typeof first === 'number') return `port ${first}${typeof second === 'string' ? ` on ${second}` : ''}`;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; hostname?: unknown; port?: unknown; path?: unknown };
    const host = options.hostname ?? options.host ?? options.path;
    return `${String(host ?? 'localhost')}${options.port === undefined ? '' : `:${String(options.port)}`}`;
  }
  return '?';
};

/** Guard node:http(s), net, tls and dns in this thread (idempotent). */
export function installNetworkGuard(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const modules = (name: string) => require(name) as Record<string, unknown>;
  for (const name of ['node:http', 'node:https']) {
    const module = modules(name);
    const label = name.slice(5);
    wrap(module, 'request', (args) => `${label}.request ${hostOf(args)}`);
    wrap(module, 'get', (args) => `${label}.get ${hostOf(args)}`);
  }
  const net = modules('node:net');
  wrap(net, 'connect', (args) => `net.connect ${hostOf(args)}`);
  wrap(net, 'createConnection', (args) => `net.createConnection ${hostOf(args)}`);
  const socket = (net.Socket as { prototype: Record<string, unknown> }).prototype;
  wrap(socket, 'connect', (args) => `net.Socket connect ${hostOf(args)}`);
  wrap(modules('node:tls'), 'connect', (args) => `tls.connect ${hostOf(args)}`);
  const dns = modules('node:dns');
  const dnsPromises = dns.promises as Record<string, unknown>;
  for (const name of Object.keys(dns)) {
    if (name === 'lookup' || name === 'lookupService' || /^resolve/.test(name) || name === 'reverse') {
      wrap(dns, name, (args) => `dns.${name} ${String(args[0])}`);
      wrap(dnsPromises, name, (args) => `dns.promises.${name} ${String(args[0])}`);
    }
  }
  for (const resolver of [dns.Resolver, dnsPromises.Resolver]) {
    const prototype = (resolver as { prototype?: Record<string, unknown> } | undefined)?.prototype;
    if (prototype === undefined) continue;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (/^resolve|^reverse/.test(name))
        wrap(prototype, name, (args) => `dns Resolver.${name} ${String(args[0])}`);
    }
  }
  // `import { request } from 'node:https'` reads the ESM namespace: bring it up to date.
  syncBuiltinESMExports();
}
