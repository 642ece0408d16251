/**
 * The engine pool's watchdog (workers.ts), on the main thread, which a user's code never holds,
 * for the whole run. Two limits: a unit's router may not keep its worker's thread longer than the
 * route budget without the engine getting a turn (a busy loop: the worker beats a shared counter at
 * every turn of its engine, worker-entry.ts), and the pool may not run longer than the run's
 * time limit (simulate --timeout). Past either, the run fails naming the strategy and the worker
 * is stopped — terminate() interrupts even a loop that never yields.
 */
import type { Worker } from 'node:worker_threads';
import { RoutesimError, UserCodeError } from '../errors.ts';

/** Heartbeat slots shared with a worker: turns of its engine, and 1 while it runs a unit. */
export const HEARTBEAT_TURNS = 0;
export const HEARTBEAT_ACTIVE = 1;

/** A heartbeat to share with one worker (through workerData). */
export function createHeartbeat(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

export interface WatchdogOptions {
  /** Wall ms a unit may go without an engine turn. @default none */
  budgetMs: number | undefined;
  /** Wall ms the whole pool may run. @default none */
  timeoutMs: number | undefined;
  workers: readonly Worker[];
  /** Each watched worker's heartbeat. */
  heartbeats: ReadonlyMap<Worker, Int32Array>;
  /** The strategy of the unit a worker is running, if any. */
  strategyOf(worker: Worker): string | undefined;
  /** Fail the pool (every pending task rejects with `error`). */
  fail(error: Error): void;
}

/** Start watching; undefined when there is nothing to watch. Stop it when the pool closes. */
export function startWatchdog(options: WatchdogOptions): { stop(): void } | undefined {
  const { budgetMs, timeoutMs, workers, strategyOf, fail } = options;
  if (budgetMs === undefined && timeoutMs === undefined) return undefined;
  const started = performance.now();
  const watches = new Map(
    [...options.heartbeats].map(([worker, beats]) => [worker, { beats, seen: -1, changedAt: started }]),
  );
  let stopped = false;
  const stopAll = (error: Error) => {
    stopped = true;
    fail(error);
    for (const worker of workers) void worker.terminate();
  };
  const check = () => {
    if (stopped) return;
    const now = performance.now();
    if (timeoutMs !== undefined && now - started > timeoutMs) {
      const running = workers.map(strategyOf).filter((label) => label !== undefined);
      const named =
        running.length === 0 ? 'none (between units)' : running.map((label) => `"${label}"`).join(', ');
      stopAll(
        new RoutesimError(
          'runtime',
          `routesim: the run went over its time limit (--timeout ${timeoutMs / 1000} s) and was stopped; units still running: ${named}`,
        ),
      );
      return;
    }
    if (budgetMs === undefined) return;
    for (const [worker, watch] of watches) {
      const turns = Atomics.load(watch.beats, HEARTBEAT_TURNS);
      if (Atomics.load(watch.beats, HEARTBEAT_ACTIVE) === 0 || turns !== watch.seen) {
        watch.seen = turns;
        watch.changedAt = now;
      } else if (now - watch.changedAt > budgetMs) {
        stopAll(
          new UserCodeError(
            strategyOf(worker),
            `kept its thread for more than ${budgetMs / 1000} s without handing control back to the engine (a busy loop, or a wait on something real); its worker was stopped`,
          ),
        );
        return;
      }
    }
  };
  const timer = setInterval(check, Math.min(250, (budgetMs ?? timeoutMs ?? 1000) / 4));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
