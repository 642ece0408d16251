/**
 * The mocks as a real HTTP server (`routesim serve`): @mswjs/http-middleware runs the same
 * handlers, each provider under /<provider> plus its wire format's serve path (OpenAI-wire
 * providers at /<provider>/v1, Anthropic and Gemini at /<provider>, as their SDKs expect
 * their base URLs).
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createMswApp } from '@mswjs/http-middleware';
import type { World } from '../contracts/index.ts';
import { type Clock, realClock } from './clock.ts';
import type { ConnectionControl, WireCallEvent } from './context.ts';
import { wireFormat } from './formats.ts';
import { createProviderHandlers } from './handlers.ts';
import type { RequestDirectory } from './request-directory.ts';

export interface MockServerOptions {
  world: World;
  directory: RequestDirectory;
  /** Port to listen on; 0 picks a free one. @default 8787 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" (never all interfaces unless asked) */
  host?: string;
  /** Virtual ms per real ms when no clock is given. @default 1 */
  timeScale?: number;
  /** Clock of the world's time. @default realClock({ timeScale }) */
  clock?: Clock;
  /** Longest a 'timeout' fault holds a call, real ms. @default 600000 */
  hangLimitMs?: number;
  observer?: (event: WireCallEvent) => void;
}

export interface MockServer {
  /** e.g. "http://127.0.0.1:8787" */
  url: string;
  /** Base URL per provider, to pass to the SDKs as baseURL. */
  baseUrls: Record<string, string>;
  close(): Promise<void>;
}

/** Header the server adds to each incoming request so handlers can find its socket. */
const CONNECTION_HEADER = 'x-routesim-connection';

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? realClock({ timeScale: options.timeScale ?? 1 });
  const providers = options.world.catalog.providers;
  // Relative paths: http-middleware resolves them against whatever Host the client used.
  const paths: Record<string, string> = {};
  for (const [provider, spec] of Object.entries(providers)) {
    paths[provider] = `/${provider}${wireFormat(spec.wire).server.servePath}`;
  }

  const connections = new Map<string, ConnectionControl>();
  let nextConnection = 0;
  const handlers = createProviderHandlers({
    world: options.world,
    clock,
    directory: options.directory,
    baseUrls: paths,
    ...(options.hangLimitMs === undefined ? {} : { hangLimitMs: options.hangLimitMs }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    connection: (request) => {
      const id = request.headers.get(CONNECTION_HEADER);
      return id === null ? undefined : connections.get(id);
    },
  });
  // http-middleware is typed against msw's CommonJS build; the handlers are the same objects.
  const app = createMswApp(...(handlers as unknown as Parameters<typeof createMswApp>));

  const server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const id = String(nextConnection++);
    const closed = new AbortController();
    connections.set(id, { signal: closed.signal, drop: () => request.socket.destroy() });
    response.on('close', () => {
      connections.delete(id);
      closed.abort();
    });
    request.headers[CONNECTION_HEADER] = id;
    app(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const baseUrls: Record<string, string> = {};
  for (const [provider, path] of Object.entries(paths)) baseUrls[provider] = `${url}${path}`;

  return {
    url,
    baseUrls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Streams and hung calls hold connections open; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}
