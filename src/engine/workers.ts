/**
 * Units in parallel on worker threads (an edge: node:worker_threads and files). Each worker
 * gets the scenario path, seed and a setup module, rebuilds stream, worlds and strategies
 * itself, then takes unit labels one at a time; it posts each RunResult's columns back as
 * transferred buffers and writes the unit's decisions (JSON lines) to a part file of its own.
 * Results come back in unit order whatever finishes first, identical to an in-process run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelInfo } from '../strategies/types.ts';
import type { RequestStream } from '../traffic/index.ts';
import type { World } from '../world/types.ts';
import type { PlannedUnit } from './plan.ts';
import type { RunResult } from './types.ts';

/** What a setup module's `setupUnits(scenarioPath, seed)` returns inside a worker. */
export interface UnitSetup {
  stream: RequestStream;
  models: readonly ModelInfo[];
  units: PlannedUnit[];
  /** A fresh world for one unit. */
  world(): World;
}

export interface WorkerRunOptions {
  scenarioPath: string;
  /** Overrides the scenario's seed. @default scenario.seed */
  seed?: number;
  /** Labels of the units to run (from planUnits), in report order. */
  labels: readonly string[];
  /** Worker threads. @default os.availableParallelism() */
  workers?: number;
  /** Directory for decision part files `part-<unit index>.jsonl`; absent = no decisions. */
  decisionsDir?: string;
  /** Module exporting setupUnits (see UnitSetup). @default ./worker-setup.ts */
  setupModule?: string;
}

export interface WorkerRunResult {
  runs: RunResult[];
  /** Decision part files in unit order (concatenate them), when decisionsDir was given. */
  decisionParts: string[];
}

export async function runUnitsInWorkers(options: WorkerRunOptions): Promise<WorkerRunResult> {
  const labels = [...options.labels];
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), labels.length));
  const setupModule = options.setupModule ?? new URL('./worker-setup.ts', import.meta.url).href;
  const runs: (RunResult | undefined)[] = new Array(labels.length);
  const decisionParts =
    options.decisionsDir === undefined
      ? []
      : labels.map((_label, index) => `${options.decisionsDir}/part-${index}.jsonl`);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: workerCount }, () => {
        const worker = new Worker(new URL('./worker-entry.ts', import.meta.url), {
          workerData: { scenarioPath: options.scenarioPath, seed: options.seed, setupModule },
        });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          const send = () => {
            if (next >= labels.length) {
              void worker.terminate().then(() => resolve());
              return;
            }
            const unitIndex = next++;
            worker.postMessage({
              unitIndex,
              label: labels[unitIndex],
              decisionsFile: decisionParts[unitIndex],
            });
          };
          worker.on(
            'message',
            (message: { type: 'ready' } | { type: 'result'; unitIndex: number; run: RunResult }) => {
              if (message.type === 'result') runs[message.unitIndex] = message.run;
              send();
            },
          );
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0 && code !== 1) reject(new Error(`engine worker exited with code ${code}`));
          });
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { runs: runs.map((run, index) => run ?? missing(labels[index])), decisionParts };
}

function missing(label: string | undefined): never {
  throw new Error(`engine worker returned no result for unit ${label}`);
}
