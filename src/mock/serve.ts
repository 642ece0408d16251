/**
 * The mocks as a real HTTP server (`routesim serve`): the same msw handlers behind a small
 * node:http edge (http-edge.ts), each provider under /<provider> plus its wire format's serve
 * path (OpenAI-wire providers at /<provider>/v1, Anthropic and Gemini at /<provider>, as their
 * SDKs expect their base URLs), and the control API under /_routesim/ (control/control-api.ts).
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'msw';
import type { World } from '../contracts/index.ts';
import { UsageError } from '../errors.ts';
import type { FaultSchedule } from '../world/fault-schedule.ts';
import { type Clock, realClock } from './clock.ts';
import type { WireCallEvent } from './context.ts';
import { type CallLog, createCallLog } from './control/call-log.ts';
import { createControlApi } from './control/control-api.ts';
import { wireFormat } from './formats.ts';
import { createProviderHandlers } from './handlers.ts';
import { createHttpEdge } from './http-edge.ts';
import type { RequestDirectory } from './request-directory.ts';
import type { EdgeAnswers } from './wire-format.ts';

export interface MockServerOptions {
  world: World;
  directory: RequestDirectory;
  /** Port to listen on; 0 picks a free one. @default 8787 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" (never all interfaces unless asked) */
  host?: string;
  /** Virtual ms per real ms of the schedule when no clock is given. @default 1 */
  timeScale?: number;
  /** Virtual ms per real ms of a call's latency when no clock is given. @default timeScale */
  latencyScale?: number;
  /** Clock of the world's time. @default realClock({ timeScale, latencyScale }) */
  clock?: Clock;
  /** Longest a 'timeout' fault holds a call, real ms. @default 600000 */
  hangLimitMs?: number;
  observer?: (event: WireCallEvent) => void;
  /** The world's fault schedule (world option faultIndex), for the control API to inject into. */
  schedule?: FaultSchedule;
  /** The scenario served, for the control API's health and clock. */
  scenario?: { name: string; durationMs: number };
  /** Bearer token of the control API; absent = loopback clients only. */
  controlToken?: string;
  /** Calls the call log keeps (a ring). @default 10000 */
  callLogSize?: number;
  /** One request-body limit for every provider, bytes. @default each format's own (20–32 MB) */
  maxBodyBytes?: number;
  /** A routesim bug met while answering (the client got a 500). @default printed to stderr */
  onUnexpected?: (error: unknown) => void;
}

export interface MockServer {
  /** e.g. "http://127.0.0.1:8787" */
  url: string;
  /** Base URL per provider, to pass to the SDKs as baseURL. */
  baseUrls: Record<string, string>;
  /** The control API's root, e.g. "http://127.0.0.1:8787/_routesim". */
  controlUrl: string;
  /** The call log behind GET /_routesim/calls. */
  callLog: CallLog;
  /** The world's clock (virtual time of the schedule). */
  clock: Clock;
  close(): Promise<void>;
}

/** Ungraded answers a server keeps for judge calls; older ones are forgotten (flat memory). */
export const SERVE_MAX_UNGRADED_ANSWERS = 1000;

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const timeScale = options.timeScale ?? 1;
  const clock =
    options.clock ??
    realClock({
      timeScale,
      ...(options.latencyScale === undefined ? {} : { latencyScale: options.latencyScale }),
    });
  const providers = options.world.catalog.providers;
  const paths: Record<string, string> = {};
  const edges: Record<string, EdgeAnswers> = {};
  for (const [provider, spec] of Object.entries(providers)) {
    const server = wireFormat(spec.wire).server;
    paths[provider] = `/${provider}${server.servePath}`;
    edges[provider] = server.edge;
  }
  const callLog = createCallLog(clock, options.callLogSize ?? 10_000);
  const { schedule } = options;

  let origin = '';
  let handlers: RequestHandler[] = [];
  const server = createHttpServer(
    createHttpEdge({
      origin: () => origin,
      handlers: () => handlers,
      providers: edges,
      control: createControlApi({
        world: options.world,
        clock,
        callLog,
        schedule,
        token: options.controlToken,
        scenario: options.scenario,
        scheduleScale: clock.timeScale ?? timeScale,
        latencyScale: options.latencyScale ?? clock.timeScale ?? timeScale,
      }),
      maxBodyBytes: options.maxBodyBytes,
      onUnexpected:
        options.onUnexpected ??
        ((error) =>
          process.stderr.write(
            `routesim serve: unexpected failure (a bug — please report it): ${String(error)}\n`,
          )),
    }),
  );
  // A malformed request line or header never reaches the edge: answer 400 and close.
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  const port = options.port ?? 8787;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new UsageError(
            `routesim serve: port ${port} on ${host} is already in use: stop what holds it, or pick another with --port (0 = any free port)`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new UsageError(
            `routesim serve: not allowed to listen on port ${port} on ${host}: pick a port above 1023 with --port`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
  server.on('error', (error) => options.onUnexpected?.(error));
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  origin = url;
  const baseUrls: Record<string, string> = {};
  for (const [provider, path] of Object.entries(paths)) baseUrls[provider] = `${url}${path}`;
  handlers = createProviderHandlers({
    world: options.world,
    clock,
    directory: options.directory,
    baseUrls,
    ...(options.hangLimitMs === undefined ? {} : { hangLimitMs: options.hangLimitMs }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    record: (record) => {
      callLog.add(record, faultOf(record, schedule));
    },
  });

  return {
    url,
    baseUrls,
    controlUrl: `${url}/_routesim`,
    callLog,
    clock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Streams and hung calls hold connections open; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}

/** The fault behind a call's outcome, for the call log. */
function faultOf(
  record: {
    forced?: string;
    status: number;
    provider: string;
    model: string;
    startMs: number;
    latencyMs?: number;
  },
  schedule: FaultSchedule | undefined,
): string | null {
  if (record.forced !== undefined) return `forced:${record.forced}`;
  if (schedule === undefined) return null;
  const window = schedule.active(record.provider, record.model, record.startMs)[0];
  if (window === undefined) return null;
  // An answered call under a window it passed (a 'slow' one, or a 'partial' that let it through).
  if (record.status === 200 && window.kind !== 'slow') return null;
  const label = 'id' in window ? `injected#${String(window.id)}` : 'scheduled';
  return `${label}:${window.kind}${window.status === undefined ? '' : `:${window.status}`}`;
}
