/**
 * The control API of `routesim serve`, under /_routesim/ (a path no provider uses): health,
 * the virtual clock (read, advance), faults (inject now, list, clear) and the call log. Only
 * loopback clients may use it unless a token is set; then every client must send
 * `Authorization: Bearer <token>`. README's "Control API" section documents each endpoint.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FaultWindow, World } from '../../contracts/index.ts';
import type { FaultSchedule } from '../../world/fault-schedule.ts';
import type { Clock } from '../clock.ts';
import { toDate } from '../clock.ts';
import type { CallLog } from './call-log.ts';
import { type ControlIssue, readFaultRequest } from './fault-request.ts';

/** Every control path starts with this. */
export const CONTROL_PREFIX = '/_routesim';

export interface ControlApiOptions {
  world: World;
  clock: Clock;
  callLog: CallLog;
  /** The schedule admission reads (world option faultIndex); absent = faults cannot be injected. */
  schedule?: FaultSchedule | undefined;
  /** Bearer token; absent = loopback clients only. */
  token?: string | undefined;
  /** The scenario served, when there is one. */
  scenario?: { name: string; durationMs: number } | undefined;
  /** Virtual ms per real ms of the schedule and of a call's latency. */
  scheduleScale: number;
  latencyScale: number;
}

/** Answer one control request; `remoteAddress` is the socket's peer. */
export type ControlApi = (request: Request, remoteAddress: string | undefined) => Promise<Response>;

export function createControlApi(options: ControlApiOptions): ControlApi {
  const { world, clock, callLog, schedule, scenario } = options;
  const startedAt = new Date();

  const clockState = () => {
    const virtualMs = clock.now();
    const durationMs = scenario?.durationMs;
    const loop = schedule?.loopMs !== undefined;
    return {
      virtualMs: Math.round(virtualMs),
      time: toDate(clock, virtualMs).toISOString(),
      scheduleScale: options.scheduleScale,
      latencyScale: options.latencyScale,
      scenarioDurationMs: durationMs ?? null,
      loop,
      ...(loop && durationMs !== undefined ? { cycle: Math.floor(virtualMs / durationMs) } : {}),
      scheduleEnded: !loop && durationMs !== undefined && virtualMs >= durationMs,
    };
  };

  const windowJson = (window: FaultWindow & { id?: number }, source: 'injected' | 'scheduled') => ({
    ...(window.id === undefined ? {} : { id: window.id }),
    source,
    ...window,
    endMs: Number.isFinite(window.endMs) ? window.endMs : null,
    startTime: toDate(clock, window.startMs).toISOString(),
    endTime: Number.isFinite(window.endMs) ? toDate(clock, window.endMs).toISOString() : null,
  });

  async function route(request: Request, path: string): Promise<Response> {
    const method = request.method;
    if (path === '/health' && method === 'GET') {
      return json(200, {
        status: 'ok',
        scenario: scenario?.name ?? null,
        startedAt: startedAt.toISOString(),
        uptimeMs: Date.now() - startedAt.getTime(),
        virtualMs: Math.round(clock.now()),
        providers: Object.keys(world.catalog.providers),
        calls: callLog.total,
      });
    }
    if (path === '/clock' && method === 'GET') return json(200, clockState());
    if (path === '/clock' && method === 'POST') {
      const body = await readJson(request);
      const advanceMs = isObject(body) ? body['advanceMs'] : undefined;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs <= 0) {
        return invalid([
          { path: 'advanceMs', expected: 'a positive number of virtual ms to move the clock forward' },
        ]);
      }
      if (clock.advance === undefined) return failure(501, 'this server’s clock cannot be advanced');
      clock.advance(advanceMs);
      return json(200, clockState());
    }
    if (path === '/faults' && method === 'GET') {
      return json(200, {
        injected: (schedule?.injected() ?? []).map((window) => windowJson(window, 'injected')),
        scheduled: world.faults.map((window) => windowJson(window, 'scheduled')),
        loopMs: schedule?.loopMs ?? null,
      });
    }
    if (path === '/faults' && method === 'POST') {
      if (schedule === undefined) return failure(501, 'this server has no fault schedule to inject into');
      const read = readFaultRequest(await readJson(request), world.catalog, clock.now());
      if (!read.ok) return invalid(read.issues);
      return json(201, windowJson(schedule.inject(read.window), 'injected'));
    }
    if (path === '/faults' && method === 'DELETE') return json(200, { cleared: schedule?.clear() ?? 0 });
    const one = /^\/faults\/(\d+)$/.exec(path);
    if (one !== null && method === 'DELETE') {
      const cleared = schedule?.clear(Number(one[1])) ?? 0;
      return cleared === 0 ? failure(404, `no injected fault with id ${one[1]}`) : json(200, { cleared });
    }
    if (path === '/calls' && method === 'GET') {
      const since = Number(new URL(request.url).searchParams.get('since') ?? 0);
      const lines = callLog.since(Number.isFinite(since) ? since : 0).map((entry) => JSON.stringify(entry));
      return new Response(lines.length === 0 ? '' : `${lines.join('\n')}\n`, {
        headers: {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'x-routesim-calls-total': String(callLog.total),
        },
      });
    }
    if (path === '/calls' && method === 'DELETE') {
      callLog.clear();
      return json(200, { cleared: true });
    }
    return failure(404, `no control endpoint ${method} ${CONTROL_PREFIX}${path} (see README: Control API)`);
  }

  return async (request, remoteAddress) => {
    const denied = authorize(request, remoteAddress, options.token);
    if (denied !== undefined) return denied;
    const path = new URL(request.url).pathname.slice(CONTROL_PREFIX.length) || '/';
    return route(request, path);
  };
}

function authorize(
  request: Request,
  remoteAddress: string | undefined,
  token: string | undefined,
): Response | undefined {
  if (token === undefined) {
    return isLoopback(remoteAddress)
      ? undefined
      : failure(
          403,
          'the control API answers loopback clients only; start serve with --control-token to allow others',
        );
  }
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(request.headers.get('authorization') ?? '');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  const response = failure(401, 'missing or wrong bearer token (Authorization: Bearer <--control-token>)');
  response.headers.set('www-authenticate', 'Bearer realm="routesim"');
  return response;
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status });
}

function failure(status: number, message: string): Response {
  return json(status, { error: { message } });
}

function invalid(issues: ControlIssue[]): Response {
  return json(400, {
    error: {
      message: issues.map((issue) => `${issue.path}: expected ${issue.expected}`).join('; '),
      issues,
    },
  });
}
