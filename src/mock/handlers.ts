/**
 * Every provider of the world's catalog, answered at its real base URL in its own wire
 * format. The same handlers serve in-process (msw setupServer) and over HTTP (`serve`,
 * which passes rewritten base URLs). A request with the `x-routesim-judge-of` header (and
 * optionally `x-routesim-judge-epsilon`) is a judge call, answered from `world.judge` with a
 * "Verdict: correct." / "Verdict: incorrect." text instead of from `world.call` (judge.ts).
 */
import { http, type RequestHandler } from 'msw';
import type { ChatMessage, World } from '../contracts/index.ts';
import { countMessageTokens } from '../traffic/tokenizer.ts';
import { type AttemptCounter, createAttemptCounter } from './attempts.ts';
import type { Clock } from './clock.ts';
import type { CallRecord, ConnectionControl, MockContext, WireCallEvent } from './context.ts';
import { wireFormat } from './formats.ts';
import type { RequestDirectory } from './request-directory.ts';

export interface ProviderHandlerOptions {
  world: World;
  clock: Clock;
  directory: RequestDirectory;
  /** Base URL per provider key. @default each provider's catalog baseUrl */
  baseUrls?: Record<string, string>;
  /** Only these providers get handlers. @default every provider of the catalog */
  providers?: readonly string[];
  /** Attempt counter shared across handler sets. @default a fresh one */
  attempts?: AttemptCounter;
  /** Prompt token counter. @default the o200k_base count from src/traffic/tokenizer.ts */
  countMessageTokens?: (messages: ChatMessage[]) => number;
  /** Longest a 'timeout' fault holds a call, real ms. @default 600000 (the official clients' default timeout) */
  hangLimitMs?: number;
  /** Server edge: the client connection of a request. */
  connection?: (request: Request) => ConnectionControl | undefined;
  /** Called once per call that reached the world. */
  observer?: (event: WireCallEvent) => void;
  /** Called once per call, forced ones included, with what the call log keeps. */
  record?: (record: CallRecord) => void;
  /** Test-only: retain this many bytes per call (an injected leak for the memory guard's own test). */
  leakBytesPerCall?: number;
}

export function createProviderHandlers(options: ProviderHandlerOptions): RequestHandler[] {
  const context = createMockContext(options);
  const handlers: RequestHandler[] = [];
  const unknownRoutes: { base: string; handler: RequestHandler }[] = [];
  const providers = options.providers ?? Object.keys(options.world.catalog.providers);
  for (const provider of providers) {
    const spec = options.world.catalog.providers[provider];
    if (spec === undefined) throw new Error(`unknown provider "${provider}": not in the world's catalog`);
    const baseUrl = options.baseUrls?.[provider] ?? spec.baseUrl;
    const { server } = wireFormat(spec.wire);
    handlers.push(...server.handlers(context, provider, baseUrl));
    const base = baseUrl.replace(/\/+$/, '');
    const basePath = new URL(base).pathname.replace(/\/+$/, '');
    unknownRoutes.push({
      base,
      handler: http.all(`${base}/*`, ({ request }) =>
        // The path as the provider's API spells it: its own prefix (servePath) in place of
        // wherever it is mounted (an SDK base URL, or serve's /<provider>/…).
        server.edge.routeNotFound(
          request.method,
          server.servePath + new URL(request.url).pathname.slice(basePath.length),
        ),
      ),
    });
  }
  // The format's 404 for anything else under a provider's base URL, after every real route (a
  // base URL may sit under another's host), the longest base first so each answers its own.
  unknownRoutes.sort((a, b) => b.base.length - a.base.length);
  return [...handlers, ...unknownRoutes.map((route) => route.handler)];
}

export function createMockContext(options: ProviderHandlerOptions): MockContext {
  return {
    world: options.world,
    clock: options.clock,
    directory: options.directory,
    attempts: options.attempts ?? createAttemptCounter(),
    countMessageTokens: options.countMessageTokens ?? countMessageTokens,
    hangLimitMs: options.hangLimitMs ?? 600_000,
    ...(options.connection === undefined ? {} : { connection: options.connection }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    ...(options.record === undefined ? {} : { record: options.record }),
    ...(options.leakBytesPerCall === undefined
      ? {}
      : { leakBytesPerCall: options.leakBytesPerCall, leaked: [] }),
  };
}
