/**
 * One drill, start to end: start `routesim serve` in-process (the gateway's config names its
 * port), play the scenario's requests through the gateway in compressed time (open loop, with a
 * concurrency cap), read back from serve's call log what the gateway did, run the scenario's
 * strategies on the same requests with the direct engine, and put it all in one DrillReport.
 */

import type { FaultWindow } from '../contracts/index.ts';
import { UsageError } from '../errors.ts';
import type { ScenarioServer } from '../mock/serve-scenario.ts';
import { startScenarioServer } from '../mock/serve-scenario.ts';
import { simulate } from '../run/simulate.ts';
import { loadScenarioFile } from '../scenario/load.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { analyzeDrill } from './analysis.ts';
import { strategiesBeside } from './beside.ts';
import { type DrillWire, sendDrillRequest } from './client.ts';
import { drillIncidents } from './incidents.ts';
import { selectDrillRequests } from './traffic.ts';
import type { ClientOutcome, DrillCall, DrillReport } from './types.ts';

/** Real seconds a drill lasts when no --schedule-scale is given. */
export const DEFAULT_DRILL_SECONDS = 60;

/** A request sent this many real ms or more after its arrival counts as late. */
export const LATE_MS = 100;

export interface DrillOptions {
  scenarioPath: string;
  /** Gateway base URL, e.g. "http://127.0.0.1:8787/v1". */
  gateway: string;
  wire: DrillWire;
  headers: Readonly<Record<string, string>>;
  /** Model in the request body. @default the scenario's first candidate */
  model?: string;
  /** Port serve listens on; 0 = any free one. */
  servePort: number;
  /** Virtual ms of the schedule per real ms. @default the window played in DEFAULT_DRILL_SECONDS */
  scheduleScale?: number;
  /** Virtual ms of a call's latency per real ms. */
  latencyScale: number;
  /** Where in the scenario the drill starts, virtual ms. */
  fromMs: number;
  /** How much of the scenario it plays, virtual ms. @default to the scenario's end */
  durationMs?: number;
  /** At most this many requests, spread evenly over the window. @default every one */
  sample?: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Real ms before the client gives up on a request. */
  timeoutMs: number;
  /** Scenario strategies to run beside the gateway; false = none. @default every one */
  strategies?: readonly string[] | false;
  /** Serve is up (before any traffic): print its URLs, point a test gateway at it. */
  onServing?: (
    server: ScenarioServer,
    plan: { requests: number; scheduleScale: number; realSeconds: number },
  ) => void | Promise<void>;
  /** The drill's own progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const scenario = loadScenarioFile(options.scenarioPath);
  const toMs = Math.min(scenario.durationMs, options.fromMs + (options.durationMs ?? scenario.durationMs));
  if (!(options.fromMs < toMs)) {
    throw new UsageError(
      `--from ${options.fromMs / 1000}s is past the scenario's end (${scenario.durationMs / 1000}s): nothing to play`,
    );
  }
  const stream = requestStreamFromScenario(scenario);
  const selection = selectDrillRequests(stream.arrivals, options.fromMs, toMs, options.sample);
  if (selection.indices.length === 0)
    throw new UsageError('no request of the scenario arrives in the drill’s window');
  const scheduleScale =
    options.scheduleScale ?? Math.max(1, (toMs - options.fromMs) / (DEFAULT_DRILL_SECONDS * 1000));
  const model = options.model ?? scenario.models[0]!;
  if (!scenario.models.includes(model) && options.model !== undefined) {
    throw new UsageError(`--model ${model} is not a model of the scenario (${scenario.models.join(', ')})`);
  }

  if (options.strategies !== false && options.strategies !== undefined) {
    // Checked before any traffic: a typo must not cost the user a whole drill.
    const known = scenario.strategies.map((strategy) => strategy.name);
    const unknown = options.strategies.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new UsageError(
        `--strategies: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a strategy of the scenario (${known.join(', ')})`,
      );
    }
  }
  const server = await startScenarioServer(options.scenarioPath, {
    port: options.servePort,
    timeScale: scheduleScale,
    latencyScale: options.latencyScale,
    callLogSize: Math.max(10_000, selection.indices.length * 20),
  });
  try {
    await options.onServing?.(server, {
      requests: selection.indices.length,
      scheduleScale,
      realSeconds: (toMs - options.fromMs) / scheduleScale / 1000,
    });
    const scheduled = await readScheduledFaults(server.controlUrl);
    const incidents = drillIncidents(scheduled, options.fromMs, toMs);
    // Virtual time starts where the drill does: jump the fresh server's clock to --from.
    const ahead = options.fromMs - server.clock.now();
    if (ahead > 0) server.clock.advance?.(ahead);
    server.callLog.clear();

    const outcomes = await play(
      server,
      stream,
      selection.indices,
      scheduleScale,
      {
        gateway: options.gateway,
        wire: options.wire,
        model,
        headers: options.headers,
        timeoutMs: options.timeoutMs,
      },
      options.concurrency,
      options.log,
    );
    const calls: DrillCall[] = server.callLog.since(0);
    const analysis = analyzeDrill({
      incidents,
      outcomes,
      calls,
      scheduleScale,
      latencyScale: options.latencyScale,
    });

    let strategies: DrillReport['strategies'] = [];
    if (options.strategies !== false) {
      options.log?.('running the scenario’s strategies on the same requests (direct engine)…');
      const outcome = await simulate({
        scenario: options.scenarioPath,
        robustness: false,
        ...(options.strategies === undefined ? {} : { strategies: options.strategies }),
        wallClock: () => performance.now(),
      });
      // Scenario strategies keep their columns once digested (metrics/run-digest.ts).
      const runs = outcome.runs.flatMap((run, index) =>
        outcome.units[index]?.kind === 'strategy' && run.columns !== undefined
          ? [{ name: run.name, columns: run.columns }]
          : [],
      );
      strategies = strategiesBeside(runs, stream.arrivals, selection.indices, incidents);
    }
    return {
      scenario: scenario.name,
      gateway: options.gateway,
      wire: options.wire,
      scheduleScale,
      latencyScale: options.latencyScale,
      fromMs: options.fromMs,
      toMs,
      ...analysis,
      availableRequests: selection.available,
      lateRequests: outcomes.filter((outcome) => outcome.lateMs >= LATE_MS).length,
      strategies,
    };
  } finally {
    await server.close();
  }
}

/** Send each request when virtual time reaches its arrival; at most `concurrency` in flight. */
async function play(
  server: ScenarioServer,
  stream: ReturnType<typeof requestStreamFromScenario>,
  indices: readonly number[],
  scheduleScale: number,
  client: Parameters<typeof sendDrillRequest>[1],
  concurrency: number,
  log: ((line: string) => void) | undefined,
): Promise<ClientOutcome[]> {
  const outcomes: ClientOutcome[] = [];
  const pending: Promise<void>[] = [];
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let nextLog = performance.now() + 10_000;
  for (const index of indices) {
    const { request } = stream.get(index);
    const wait = (request.arrivalMs - server.clock.now()) / scheduleScale;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    const lateMs = Math.max(0, (server.clock.now() - request.arrivalMs) / scheduleScale);
    inFlight += 1;
    const sentAtMs = Date.now();
    pending.push(
      sendDrillRequest(request, client)
        .then((sent) => {
          outcomes.push({
            index,
            arrivalMs: request.arrivalMs,
            status: sent.status,
            latencyMs: sent.latencyMs,
            lateMs,
            sentAtMs,
          });
        })
        .finally(() => {
          inFlight -= 1;
          waiting.shift()?.();
        }),
    );
    if (performance.now() >= nextLog) {
      nextLog += 10_000;
      log?.(
        `  ${outcomes.length}/${indices.length} answered, ${inFlight} in flight, virtual ${Math.round(server.clock.now() / 1000)} s`,
      );
    }
  }
  await Promise.all(pending);
  return outcomes.sort((a, b) => a.arrivalMs - b.arrivalMs);
}

/** The scheduled fault windows, as serve's control API lists them. */
async function readScheduledFaults(controlUrl: string): Promise<FaultWindow[]> {
  const response = await fetch(`${controlUrl}/faults`);
  const body = (await response.json()) as { scheduled: (FaultWindow & { endMs: number | null })[] };
  return body.scheduled.map((window) => ({ ...window, endMs: window.endMs ?? Number.POSITIVE_INFINITY }));
}
