/**
 * Child process of test/run-digest-columns-released.test.ts, run with `node --expose-gc`: a
 * simulate (or a merge of shard folders) whose one reporter holds nothing but a WeakRef to each
 * plan run's cost column's buffer, taken when the unit ends. At the run's end, after a full collection,
 * it prints which of those columns are still alive — a column the main thread kept.
 *
 *   node --expose-gc released-columns-child.ts simulate <scenario> <workers>
 *   node --expose-gc released-columns-child.ts merge <scenario> <shard dir>…
 *   node --expose-gc released-columns-child.ts shard <scenario> <workers>
 *
 * In `shard` mode the probe is the shard's results sink (what writes results.bin): the shard's
 * outcome is held while the collection runs, so a run the outcome kept would show as alive. It
 * also takes a WeakRef to the request ids shard 1 hands over and, on a worker pool, when the first
 * unit's result arrives (the shard still running) collects and reports whether they are alive: the
 * ids go to requests.bin and are dropped, or a 30-day shard would hold 30 M of them to its end. On
 * this thread the shard runs to its end in one task, and a WeakRef keeps its target to the end of
 * the task that made it, so there is nothing to see there.
 */
import { readShardFolders } from '../../src/report/shard-folder.ts';
import { mergeShards } from '../../src/run/merge.ts';
import type { Reporter } from '../../src/run/reporter.ts';
import { simulateShard } from '../../src/run/shard-run.ts';
import { simulate } from '../../src/run/simulate.ts';
import { loadSimulationScenario } from '../../src/run/simulate-inputs.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const [mode, scenarioFile, ...rest] = process.argv.slice(2);
const columns: { label: string; kind: string; cost: WeakRef<ArrayBufferLike> }[] = [];
let report: { label: string; kind: string; alive: boolean }[] = [];
const probe: Reporter = {
  onUnitEnd({ unit, run }) {
    // The memory under the view: a run read back from a shard has every column in one buffer.
    columns.push({ label: unit.label, kind: unit.kind, cost: new WeakRef(run.columns.cost.buffer) });
  },
  async onRunEnd() {
    // A WeakRef's target lives at least to the end of the job that made or read it, and a
    // collection can find a buffer still referenced from a job not yet finished (seen once in CI
    // on a loaded machine, merge case): collect after several turns, not one.
    for (let turn = 0; turn < 3; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
    }
    report = columns.map(({ label, kind, cost }) => ({ label, kind, alive: cost.deref() !== undefined }));
  },
};
const wallClock = () => performance.now();
if (mode === 'shard') {
  const loaded = loadSimulationScenario(scenarioFile!);
  const pooled = Number(rest[0] ?? 1) > 1;
  let ids: WeakRef<readonly string[]> | undefined;
  let idsAlive: boolean | undefined;
  const outcome = await simulateShard({
    scenario: loaded,
    shard: { index: 1, count: 1 },
    decisions: 'none',
    robustness: false,
    workers: Number(rest[0] ?? 1),
    wallClock,
    results: {
      requests({ requestIds }) {
        ids = new WeakRef(requestIds);
      },
      unit({ label, run }) {
        columns.push({ label, kind: 'unit', cost: new WeakRef(run.columns.cost.buffer) });
        if (pooled && ids !== undefined && idsAlive === undefined) {
          // A result message is a later task than requests(): the WeakRef no longer keeps its target.
          gc();
          idsAlive = ids.deref() !== undefined;
        }
      },
      oracle(run) {
        columns.push({ label: 'oracle', kind: 'oracle', cost: new WeakRef(run.columns.cost.buffer) });
      },
      judgeEpsilon() {},
      perturbed() {},
    },
  });
  await probe.onRunEnd?.(undefined as never);
  // Held until after the collection: a run kept by the outcome would still be alive.
  if (outcome.contents.units.length === 0) throw new Error('the shard ran no unit');
  if (pooled) {
    if (idsAlive === undefined)
      throw new Error('shard 1 handed over no request ids before its first unit ended');
    report.push({ label: 'request ids', kind: 'ids', alive: idsAlive });
  }
} else if (mode === 'simulate') {
  await simulate({
    scenario: scenarioFile!,
    workers: Number(rest[0] ?? 1),
    robustness: false,
    reporters: [probe],
    wallClock,
  });
} else {
  const shards = readShardFolders(rest);
  const seed = shards[0]!.manifest.seed;
  await mergeShards({
    scenario: loadSimulationScenario(scenarioFile!, seed),
    shards,
    reporters: [probe],
    wallClock,
  });
}
process.stdout.write(`${JSON.stringify(report)}\n`);
