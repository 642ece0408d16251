/** Worker thread body for workers.ts: rebuild the units once, then run labels as they come. */
import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { runUnit } from './run-unit.ts';
import type { RunResult } from './types.ts';
import type { UnitSetup } from './workers.ts';

const data = workerData as { scenarioPath: string; seed: number | undefined; setupModule: string };
const port = parentPort;
if (port === null) throw new Error('worker-entry.ts must run in a worker thread');
const module = (await import(data.setupModule)) as {
  setupUnits(path: string, seed: number | undefined): UnitSetup;
};
const setup = module.setupUnits(data.scenarioPath, data.seed);
const byLabel = new Map(setup.units.map((unit) => [unit.label, unit]));

port.on(
  'message',
  async (message: { unitIndex: number; label: string; decisionsFile: string | undefined }) => {
    const unit = byLabel.get(message.label);
    if (unit === undefined) throw new Error(`no planned unit is labelled ${message.label}`);
    const out = message.decisionsFile === undefined ? undefined : createWriteStream(message.decisionsFile);
    const run: RunResult = await runUnit({
      stream: setup.stream,
      world: setup.world(),
      strategy: unit.build(),
      models: setup.models,
      label: unit.label,
      ...(unit.knobValue === undefined ? {} : { knobValue: unit.knobValue }),
      ...(out === undefined ? {} : { onDecision: (record) => out.write(`${JSON.stringify(record)}\n`) }),
    });
    if (out !== undefined)
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    const { columns } = run;
    port.postMessage({ type: 'result', unitIndex: message.unitIndex, run }, [
      columns.cost.buffer as ArrayBuffer,
      columns.score.buffer as ArrayBuffer,
      columns.latency.buffer as ArrayBuffer,
      columns.ttft.buffer as ArrayBuffer,
      columns.status.buffer as ArrayBuffer,
      columns.model.buffer as ArrayBuffer,
      columns.flags.buffer as ArrayBuffer,
      run.decisionOverheadMs.buffer as ArrayBuffer,
    ]);
  },
);
port.postMessage({ type: 'ready' });
