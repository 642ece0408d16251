/**
 * Worker thread body for workers.ts: rebuild the units once from the pool's setup data, then
 * handle messages in order — generate a slice of the stream, install the shared stream, run a
 * unit or the oracle. Each task answers with one message (its result or its error), which is how
 * the pool knows the worker is free again.
 */
import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { runOracle } from '../engine/oracle.ts';
import type { DecisionRecord, RunResult } from '../engine/types.ts';
import { RoutesimError, UserCodeError } from '../errors.ts';
import { bootstrapDraws } from '../metrics/bootstrap.ts';
import { twoLevelDraws } from '../metrics/two-level-bootstrap.ts';
import { RealNetworkError, takeNetworkAttempt } from '../strategies/network-guard.ts';
import { unitKey } from './plan.ts';
import { HEARTBEAT_ACTIVE, HEARTBEAT_TURNS } from './pool-watchdog.ts';
import type { DecisionPartWriter } from './reporter.ts';
import { packChunk, type StreamPiece } from './stream-pack.ts';
import { encodeRequests } from './stream-share.ts';
import { type EngineKind, loadUnitRunners } from './unit-runner.ts';
import type { DrawTask, PoolTask, UnitSetup } from './workers.ts';

const data = workerData as {
  setupData: unknown;
  setupModule: string;
  engine: EngineKind;
  /** Shared with the pool's watchdog (workers.ts) when it watches the units. */
  heartbeat?: Int32Array;
};
const heartbeat = data.heartbeat;
/** Each turn of the engine: the thread is not held by a router. */
const beat = heartbeat === undefined ? undefined : () => Atomics.add(heartbeat, HEARTBEAT_TURNS, 1);

/** The last unit whose strategy is a user's module: an unhandled rejection is its (see below). */
let lastUserUnit: string | undefined;
// A rejection nobody handles surfaces only once the microtask queue drains — on the direct
// engine after the unit has ended — so it is blamed on the last user unit, and ends the worker.
process.on('unhandledRejection', (reason) => {
  const what = reason instanceof Error ? reason.message : String(reason);
  throw new UserCodeError(lastUserUnit, `left a promise rejection unhandled: ${what}`);
});

/**
 * Run unit `label` with the watchdog watching it (when there is one). A router that tried the real
 * network (refused at once: network-guard.ts) fails the unit, naming it, whatever its route did next.
 */
async function watched<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (heartbeat !== undefined) Atomics.store(heartbeat, HEARTBEAT_ACTIVE, 1);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    const attempt = takeNetworkAttempt();
    throw attempt === undefined ? error : new RealNetworkError(attempt.what, label);
  } finally {
    if (heartbeat !== undefined) Atomics.store(heartbeat, HEARTBEAT_ACTIVE, 0);
  }
  const attempt = takeNetworkAttempt();
  if (attempt !== undefined) throw new RealNetworkError(attempt.what, label);
  return result;
}
const port = parentPort;
if (port === null) throw new Error('worker-entry.ts must run in a worker thread');
const module = (await import(data.setupModule)) as {
  setupUnits(setupData: unknown): UnitSetup | Promise<UnitSetup>;
};
const setup = await module.setupUnits(data.setupData);
const runners = await loadUnitRunners(data.engine);
const cap = setup.maxCallsPerRequest === undefined ? {} : { maxCallsPerRequest: setup.maxCallsPerRequest };
const byKey = new Map(setup.units.map((unit) => [unitKey(unit), unit]));

type Message =
  | { type: 'generate'; taskId: number; from: number; to: number; pack?: boolean }
  | { type: 'stream'; chunks: StreamPiece[] }
  | { type: 'task'; taskId: number; task: PoolTask }
  | { type: 'draw'; taskId: number; task: DrawTask };

/** Decision part writers by module URL (a reporter names its own: the run imports no reporter). */
const writers = new Map<string, Promise<DecisionPartWriter>>();

function writerFrom(url: string): Promise<DecisionPartWriter> {
  let writer = writers.get(url);
  if (writer === undefined) {
    writer = import(url).then((module: { createDecisionPart?: DecisionPartWriter }) => {
      if (typeof module.createDecisionPart !== 'function')
        throw new Error(`decision part writer ${url} exports no createDecisionPart`);
      return module.createDecisionPart;
    });
    writers.set(url, writer);
  }
  return writer;
}

/** A sink for a unit's decisions and how to close it. */
async function decisionSink(task: Extract<PoolTask, { kind: 'unit' }>) {
  const target = task.decisions;
  if (target === undefined) return undefined;
  if ('writerModule' in target) {
    const create = await writerFrom(target.writerModule);
    const part = create(target.file, (index) => setup.stream.get(index).request.tier);
    return { write: (record: DecisionRecord) => part.write(record), end: async () => part.end() };
  }
  const out = createWriteStream(target.file);
  return {
    write: (record: DecisionRecord) => out.write(`${JSON.stringify(record)}\n`),
    end: () =>
      new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}

async function runTask(task: PoolTask): Promise<RunResult> {
  if (task.kind === 'oracle') {
    if (setup.oracleWorld === undefined) throw new Error('this setup module cannot run the oracle');
    return runOracle({ stream: setup.stream, world: setup.oracleWorld(), models: setup.models });
  }
  if (task.kind === 'perturbed') {
    if (setup.perturbed === undefined) throw new Error('this setup module cannot run robustness units');
    const built = setup.perturbed(task.config, task.world);
    if (task.config.module !== undefined) lastUserUnit = task.label;
    // A research unit: built-ins on the direct engine, a user's module on the one it needs.
    return watched(task.label, () =>
      runners({ kind: 'sweep', userCode: task.config.module !== undefined })({
        stream: setup.stream,
        world: built.world(),
        strategy: built.strategy(),
        models: setup.models,
        label: task.label,
        ...cap,
        ...(beat === undefined ? {} : { onTurn: beat }),
      }),
    );
  }
  const unit = byKey.get(
    unitKey({ label: task.label, ...(task.seed === undefined ? {} : { seedIndex: task.seed }) }),
  );
  if (unit === undefined) throw new Error(`no planned unit is labelled ${task.label}`);
  if (unit.userCode === true) lastUserUnit = unit.label;
  const sink = await decisionSink(task);
  const run = await watched(unit.label, () =>
    runners(unit)({
      stream: setup.stream,
      world: setup.world(unit.seedIndex),
      strategy: unit.build(),
      models: setup.models,
      label: unit.label,
      ...(unit.knobValue === undefined ? {} : { knobValue: unit.knobValue }),
      ...(sink === undefined ? {} : { onDecision: sink.write }),
      ...(task.timed === true ? { wallClock: () => performance.now() } : {}),
      ...cap,
      ...(beat === undefined ? {} : { onTurn: beat }),
    }),
  );
  await sink?.end();
  return run;
}

function transferables(run: RunResult): ArrayBuffer[] {
  const { columns } = run;
  return [
    columns.cost,
    columns.score,
    columns.latency,
    columns.ttft,
    columns.status,
    columns.model,
    columns.flags,
    run.decisionOverheadMs,
  ].map((column) => column.buffer as ArrayBuffer);
}

port.on('message', async (message: Message) => {
  if (message.type === 'stream') {
    setup.shareable?.use(message.chunks);
    return;
  }
  try {
    if (message.type === 'generate') {
      const source = setup.shareable?.source;
      const encoded = source === undefined ? undefined : encodeRequests(source, message.from, message.to);
      // A long stream's slices come back deflated, for the main thread to spill (stream-pack.ts).
      const chunk = encoded !== undefined && message.pack === true ? packChunk(encoded) : encoded;
      port.postMessage({ type: 'chunk', taskId: message.taskId, chunk });
      return;
    }
    if (message.type === 'draw') {
      const { plan, reference, compared, from, to, otherWorlds } = message.task;
      const draws =
        otherWorlds === undefined
          ? bootstrapDraws(plan, reference, compared, from, to)
          : twoLevelDraws(plan, [{ reference, compared }, ...otherWorlds], from, to);
      const buffers = [...draws.cost, ...draws.quality, ...draws.p95].map(
        (array) => array.buffer as ArrayBuffer,
      );
      port.postMessage({ type: 'draws', taskId: message.taskId, draws }, buffers);
      return;
    }
    const started = performance.now();
    const run = await runTask(message.task);
    const wallMs = performance.now() - started;
    port.postMessage({ type: 'result', taskId: message.taskId, run, wallMs }, transferables(run));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      type: 'failed',
      taskId: message.taskId,
      name: failure.name,
      message: failure.message,
      stack: failure.stack,
      ...(failure instanceof RoutesimError ? { code: failure.code } : {}),
    });
  }
});
port.postMessage({ type: 'ready' });
