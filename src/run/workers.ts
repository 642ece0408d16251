/**
 * Units in parallel on worker threads (an edge: node:worker_threads and files). A pool of
 * workers each rebuilds worlds and strategies from the setup data it is given (a setup module's
 * `setupUnits(data)`; for a simulation the loaded scenario, structured-cloned), optionally
 * generates a slice of the request stream for everyone (shareStream), then takes tasks — a unit
 * by label, or the oracle — one at a time in the order they were submitted. A unit's columns come
 * back as transferred buffers; its decisions go to a part file the worker writes itself (through
 * the writer module a reporter named). Results are matched to tasks by id, so the caller reports
 * them in plan order whatever finishes first: output is identical to an in-process run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { World } from '../contracts/index.ts';
import type { RunResult } from '../engine/types.ts';
import { RoutesimError, type RoutesimErrorCode, UserCodeError } from '../errors.ts';
import type { BootstrapColumns, BootstrapDraws } from '../metrics/bootstrap.ts';
import type { ResamplePlan } from '../metrics/resample.ts';
import type { SeedRuns } from '../metrics/two-level-bootstrap.ts';
import { runtimeModuleUrl } from '../module-url.ts';
import type { WorldInputs } from '../scenario/scenario-world.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import type { ModelInfo, Strategy } from '../strategies/types.ts';
import type { RequestStream } from '../traffic/index.ts';
import type { PlannedUnit } from './plan.ts';
import { createHeartbeat, startWatchdog } from './pool-watchdog.ts';
import type { DecisionPartTarget } from './reporter.ts';
import { MEMO_MAX_REQUESTS } from './stream-cache.ts';
import {
  openStreamSpill,
  type PackedChunk,
  SPILL_CHUNK_REQUESTS,
  type StreamPiece,
  spillChunk,
} from './stream-pack.ts';
import { chunkRanges, type StreamChunk } from './stream-share.ts';
import type { EngineKind } from './unit-runner.ts';

/**
 * What a setup module's `setupUnits(data)` returns (or resolves to) inside a worker; `data` is the
 * pool's `setupData`, structured-cloned.
 */
export interface UnitSetup {
  stream: RequestStream;
  models: readonly ModelInfo[];
  units: PlannedUnit[];
  /** A fresh world for one unit, in the world of seed index `seedIndex` (plan.ts). @default 0 */
  world(seedIndex?: number): World;
  /** A fresh world with faults off, for the oracle. @default none: the setup cannot run the oracle */
  oracleWorld?(): World;
  /**
   * A robustness unit (src/run/robustness-runs.ts): `config` built as the scenario builds it, in
   * a world made from `inputs`. @default none: the setup cannot run robustness units
   */
  perturbed?(config: StrategyConfig, inputs: WorldInputs): { world(): World; strategy(): Strategy };
  /** Calls one request may make (scenario limits.callsPerRequest). @default the engine's (100) */
  maxCallsPerRequest?: number;
  /**
   * The generator behind `stream` (it encodes the worker's slice for shareStream) and how to
   * replay the shared slices instead. @default none: no sharing
   */
  shareable?: { source: RequestStream; use(chunks: readonly StreamPiece[]): void };
}

/**
 * Where a unit's decisions go: JSON lines, or a part file written by a reporter's writer module
 * (DecisionPartTarget: e.g. decisions.csv rows, no header).
 */
export type DecisionsTarget = { file: string; format: 'jsonl' } | DecisionPartTarget;

export type PoolTask =
  /** A planned unit by label, in the world of seed index `seed` (plan.ts seedIndex) when set. */
  | { kind: 'unit'; label: string; seed?: number; decisions?: DecisionsTarget; timed?: boolean }
  | { kind: 'oracle' }
  /** A robustness unit: a scenario strategy's (moved) config in a moved world (robustness-runs.ts). */
  | { kind: 'perturbed'; label: string; config: StrategyConfig; world: WorldInputs };

/** Bootstrap resamples [from, to) of the differences of `compared` from `reference`. */
export interface DrawTask {
  plan: ResamplePlan;
  reference: BootstrapColumns;
  compared: BootstrapColumns[];
  from: number;
  to: number;
  /**
   * `--seeds k`: the same runs in worlds j = 1 … k − 1 (reference and compared, same order): the
   * draws are then two-level (metrics/two-level-bootstrap.ts). @default none: one world
   */
  otherWorlds?: SeedRuns[];
}

export interface TaskResult {
  run: RunResult;
  /** Wall time of the task in its worker, ms. */
  wallMs: number;
}

export interface EnginePoolOptions {
  /** Given to the setup module's setupUnits in every worker (structured-cloned). */
  setupData: unknown;
  /** Worker threads. @default os.availableParallelism() */
  workers?: number;
  /** Module exporting setupUnits (see UnitSetup). @default ./worker-setup.ts (setupData: RunSetupData) */
  setupModule?: string;
  /** @default 'direct' */
  engine?: EngineKind;
  /**
   * Watch the units: a worker whose engine gets no control back for this long (wall ms) while it
   * runs a unit is stopped and the run fails naming the unit's strategy. @default none (unwatched)
   */
  routeBudgetMs?: number;
  /**
   * The whole pool's wall-time limit, ms: past it every worker is stopped and the run fails
   * naming the units still running (simulate --timeout). @default none
   */
  timeoutMs?: number;
}

/** Default of EnginePoolOptions.routeBudgetMs for a user's router: 10 s of one stretch of its code. */
export const DEFAULT_ROUTE_BUDGET_MS = 10_000;

export interface EnginePool {
  readonly size: number;
  /**
   * Every worker generates a slice of the `count` requests; the encoded slices go to every worker,
   * which then replays the shared stream. Returns the slices (in order) for the caller to decode,
   * or undefined when the stream cannot be shared (each worker then generates its own). Past
   * `spillAbove` requests the slices are chunks of SPILL_CHUNK_REQUESTS, deflated by the worker
   * that made them and spilled by this thread to a file (`spillDirectory`: @default the OS's temp
   * directory) as each arrives, instead of shared memory: ≈ 92 B of disk a request, not 260 B of memory.
   */
  shareStream(
    count: number,
    options?: { spillAbove?: number; spillDirectory?: string },
  ): Promise<StreamPiece[] | undefined>;
  /**
   * Every worker replays `pieces` (the stream as this thread encoded it: a shard's spilled chunks)
   * instead of generating requests itself; before any task submitted after this call.
   */
  useStream(pieces: readonly StreamPiece[]): void;
  run(task: PoolTask): Promise<TaskResult>;
  /** Bootstrap draws, ahead of every task still queued. */
  draw(task: DrawTask): Promise<BootstrapDraws>;
  /** Stop every worker (pending tasks are rejected). */
  close(): Promise<void>;
}

/** Young-generation size of a worker thread, MB (about the main thread's default). */
export const WORKER_YOUNG_GENERATION_MB = 48;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; taskId: number; run: RunResult; wallMs: number }
  | { type: 'chunk'; taskId: number; chunk: StreamChunk | PackedChunk | undefined }
  | { type: 'draws'; taskId: number; draws: BootstrapDraws }
  | {
      type: 'failed';
      taskId: number;
      name: string;
      message: string;
      stack: string | undefined;
      /** Set when the error was a RoutesimError: it is re-raised as one (exit code, no stack). */
      code?: RoutesimErrorCode;
    };

interface Pending {
  message: Record<string, unknown>;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function startEnginePool(options: EnginePoolOptions): EnginePool {
  const size = Math.max(1, options.workers ?? availableParallelism());
  const setupModule = options.setupModule ?? runtimeModuleUrl('./worker-setup', import.meta.url).href;
  const queue: Pending[] = [];
  const running = new Map<number, Pending>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  let nextTaskId = 0;
  let failure: Error | undefined;
  let closed = false;

  const fail = (error: Error) => {
    failure ??= error;
    for (const pending of [...running.values(), ...queue]) pending.reject(failure);
    running.clear();
    queue.length = 0;
  };
  /** The task each worker is running: a worker that dies is blamed on its unit's strategy. */
  const current = new Map<Worker, Pending>();
  const strategyOf = (worker: Worker): string | undefined => {
    const task = current.get(worker)?.message.task as PoolTask | undefined;
    return task !== undefined && task.kind !== 'oracle' ? task.label : undefined;
  };
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.shift()!;
      const pending = queue.shift()!;
      current.set(worker, pending);
      running.set(pending.message.taskId as number, pending);
      worker.postMessage(pending.message);
    }
  };
  const submit = <T>(message: Record<string, unknown>, first = false): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure !== undefined || closed) {
        reject(failure ?? new Error('engine pool is closed'));
        return;
      }
      const pending = {
        message: { ...message, taskId: nextTaskId++ },
        resolve: resolve as Pending['resolve'],
        reject,
      };
      if (first) queue.unshift(pending);
      else queue.push(pending);
      dispatch();
    });

  const budgetMs = options.routeBudgetMs;
  const heartbeats = new Map<Worker, Int32Array>();
  for (let index = 0; index < size; index++) {
    const heartbeat = budgetMs === undefined ? undefined : createHeartbeat();
    const worker = new Worker(runtimeModuleUrl('./worker-entry', import.meta.url), {
      // A worker's default young generation is small: a unit (short-lived promises, outcomes and
      // records by the million) then spends up to half its time in scavenges. Measured: 1.5–2×.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      workerData: {
        setupData: options.setupData,
        setupModule,
        engine: options.engine ?? 'direct',
        heartbeat,
      },
    });
    workers.push(worker);
    if (heartbeat !== undefined) heartbeats.set(worker, heartbeat);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'ready') {
        const pending = running.get(message.taskId);
        running.delete(message.taskId);
        current.delete(worker);
        if (message.type === 'failed') {
          const error =
            message.code === undefined
              ? new Error(message.message)
              : new RoutesimError(message.code, message.message);
          error.name = message.name;
          if (message.stack !== undefined) error.stack = message.stack;
          pending?.reject(error);
        } else if (message.type === 'chunk') pending?.resolve(message.chunk);
        else if (message.type === 'draws') pending?.resolve(message.draws);
        else pending?.resolve({ run: message.run, wallMs: message.wallMs });
      }
      idle.push(worker);
      dispatch();
    });
    // Only user code can end a worker or throw outside a task's promise (an unhandled rejection).
    worker.on('error', (error) => {
      // The worker's own verdict (an unhandled rejection, blamed on the last user unit) stands.
      if (error instanceof Error && error.name === 'UserCodeError') {
        fail(new RoutesimError('runtime', error.message));
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      fail(
        new UserCodeError(
          strategyOf(worker),
          `crashed its worker thread: ${reason} (an unhandled promise rejection or an error thrown outside its route)`,
        ),
      );
    });
    worker.on('exit', (code) => {
      if (!closed)
        fail(
          new UserCodeError(
            strategyOf(worker),
            `ended its worker thread (exit code ${code}: process.exit(${code}) in its code, or the thread ran out of memory); a router must not exit the process`,
          ),
        );
    });
  }

  const watchdog = startWatchdog({
    budgetMs,
    timeoutMs: options.timeoutMs,
    workers,
    heartbeats,
    strategyOf,
    fail,
  });

  /**
   * The pieces the workers replay, held until the pool closes: a spilled piece's file is closed
   * once nothing on this thread refers to it, and the workers read it through the same descriptor.
   */
  const replayed: { pieces?: readonly StreamPiece[] } = {};
  const useStream = (pieces: readonly StreamPiece[]) => {
    replayed.pieces = pieces;
    // Posted to every worker directly: each handles it before any task submitted after it.
    for (const worker of workers) worker.postMessage({ type: 'stream', chunks: pieces });
  };

  return {
    size,
    async shareStream(count, spilling = {}) {
      const spill =
        count > (spilling.spillAbove ?? MEMO_MAX_REQUESTS)
          ? openStreamSpill(spilling.spillDirectory)
          : undefined;
      const ranges = chunkRanges(count, size, spill === undefined ? undefined : SPILL_CHUNK_REQUESTS);
      const pieces = await Promise.all(
        ranges.map((range) =>
          submit<StreamChunk | PackedChunk | undefined>({
            type: 'generate',
            ...range,
            pack: spill !== undefined,
          }).then((chunk) =>
            // A packed chunk is spilled as it arrives: this thread holds no more than those in flight.
            spill === undefined || chunk === undefined ? chunk : spillChunk(spill, chunk as PackedChunk),
          ),
        ),
      );
      if (pieces.some((piece) => piece === undefined)) return undefined;
      useStream(pieces as StreamPiece[]);
      return pieces as StreamPiece[];
    },
    useStream,
    run(task) {
      return submit<TaskResult>({ type: 'task', task });
    },
    draw(task) {
      return submit<BootstrapDraws>({ type: 'draw', task }, true);
    },
    async close() {
      closed = true;
      watchdog?.stop();
      fail(new Error('engine pool is closed'));
      await Promise.all(workers.map((worker) => worker.terminate()));
      delete replayed.pieces;
    },
  };
}

export interface WorkerRunOptions {
  /** Given to the setup module's setupUnits in every worker (structured-cloned). */
  setupData: unknown;
  /** Labels of the units to run (from planUnits), in report order. */
  labels: readonly string[];
  /** Worker threads. @default os.availableParallelism() */
  workers?: number;
  /** Directory for decision part files `part-<unit index>.jsonl` (JSON lines); absent = no decisions. */
  decisionsDir?: string;
  /** Module exporting setupUnits (see UnitSetup). @default ./worker-setup.ts */
  setupModule?: string;
}

export interface WorkerRunResult {
  runs: RunResult[];
  /** Decision part files in unit order (concatenate them), when decisionsDir was given. */
  decisionParts: string[];
}

/** Run `labels` on a pool of their own and return the runs in label order. */
export async function runUnitsInWorkers(options: WorkerRunOptions): Promise<WorkerRunResult> {
  const labels = [...options.labels];
  const decisionParts =
    options.decisionsDir === undefined
      ? []
      : labels.map((_label, index) => `${options.decisionsDir}/part-${index}.jsonl`);
  const pool = startEnginePool({
    setupData: options.setupData,
    workers: Math.max(1, Math.min(options.workers ?? availableParallelism(), labels.length)),
    ...(options.setupModule === undefined ? {} : { setupModule: options.setupModule }),
  });
  try {
    const results = await Promise.all(
      labels.map((label, index) => {
        const file = decisionParts[index];
        return pool.run({
          kind: 'unit',
          label,
          ...(file === undefined ? {} : { decisions: { file, format: 'jsonl' } }),
        });
      }),
    );
    return { runs: results.map((result) => result.run), decisionParts };
  } finally {
    await pool.close();
  }
}
