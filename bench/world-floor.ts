/**
 * The floor under a default day's CPU: every unit the day runs (the plan's 54 units, the oracle
 * and the robustness re-runs), in-process on one thread, each with its world wrapped to count the
 * calls the engine makes (answers and judgings) and to time the world's own work inside them. The
 * day's time target (issue 14: 10 s wall on 2 cores, so at most 20 CPU-s in all) is met only if
 * the world's share alone fits in it with room for the engine, the strategies, the stream, the
 * metrics and the files.
 *
 * The wrapper's clock reads (two `performance.now()` per call) are measured on their own and taken
 * off; the world time is therefore the world's, the rest of each unit is the engine's, the
 * strategy's and the collector's. One thread, no decision rows (a logged unit writes them on top),
 * generation done once up front and not timed: a lower bound for the same work on a pool.
 *
 * Run: `node bench/world-floor.ts [--scenario file] [--no-robustness]`
 */
import { parseArgs } from 'node:util';
import type { World } from '../src/contracts/index.ts';
import { runOracle } from '../src/engine/oracle.ts';
import { requestColumns } from '../src/engine/request-columns.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { reasoningEffortHook } from '../src/run/reasoning-effort-hook.ts';
import { type PerturbedTask, sequential } from '../src/run/robustness-runs.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { startRobustness } from '../src/run/simulate-robustness.ts';
import { setupUnits } from '../src/run/worker-setup.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: SCENARIO },
    robustness: { type: 'boolean', default: true },
  },
  allowNegative: true,
});

/** Calls and ms inside the world, per group of units. */
interface Tally {
  units: number;
  requestRuns: number;
  calls: number;
  worldMs: number;
  unitMs: number;
}
const groups = new Map<string, Tally>();
const tallyOf = (group: string): Tally => {
  let tally = groups.get(group);
  if (tally === undefined) {
    tally = { units: 0, requestRuns: 0, calls: 0, worldMs: 0, unitMs: 0 };
    groups.set(group, tally);
  }
  return tally;
};

/** `world` with call and judge counted and timed into `tally`; everything else passed through. */
function counted(world: World, tally: Tally): World {
  return {
    get seed() {
      return world.seed;
    },
    get catalog() {
      return world.catalog;
    },
    get ledger() {
      return world.ledger;
    },
    get faults() {
      return world.faults;
    },
    model: (id) => world.model(id),
    release: (index) => world.release(index),
    call(input) {
      const started = performance.now();
      const result = world.call(input);
      tally.worldMs += performance.now() - started;
      tally.calls++;
      return result;
    },
    judge(input, answer, epsilon) {
      const started = performance.now();
      const result = world.judge(input, answer, epsilon);
      tally.worldMs += performance.now() - started;
      tally.calls++;
      return result;
    },
  };
}

/** ms of one pair of clock reads as the wrapper makes them (median of 9 rounds of 1 M). */
function clockPairMs(): number {
  const rounds: number[] = [];
  let sink = 0;
  for (let round = 0; round < 9; round++) {
    const started = performance.now();
    for (let index = 0; index < 1_000_000; index++) {
      const a = performance.now();
      sink += performance.now() - a;
    }
    rounds.push((performance.now() - started) / 1_000_000);
  }
  if (sink < 0) console.log(sink);
  return rounds.sort((a, b) => a - b)[4]!;
}

const loaded = loadSimulationScenario(values.scenario);
const setup = await setupUnits({ loaded, configs: loaded.scenario.strategies });
const stream = setup.stream;
const generationStarted = performance.now();
for (let index = 0; index < stream.count; index++) stream.get(index);
console.log(
  `${loaded.scenario.name}: ${stream.count} requests generated in ${(performance.now() - generationStarted).toFixed(0)} ms (not timed below)`,
);

async function timed(group: string, work: (tally: Tally) => Promise<unknown> | unknown): Promise<void> {
  const tally = tallyOf(group);
  const started = performance.now();
  await work(tally);
  tally.unitMs += performance.now() - started;
  tally.units++;
  tally.requestRuns += stream.count;
}

const cpuStarted = process.cpuUsage();
for (const unit of setup.units) {
  await timed(unit.kind, (tally) =>
    runUnit({
      stream,
      world: counted(setup.world(unit.seedIndex), tally),
      strategy: unit.build(),
      models: setup.models,
      label: unit.label,
      ...(unit.knobValue === undefined ? {} : { knobValue: unit.knobValue }),
      ...(setup.maxCallsPerRequest === undefined ? {} : { maxCallsPerRequest: setup.maxCallsPerRequest }),
    }),
  );
}
const oracleWorld = setup.oracleWorld?.();
if (oracleWorld !== undefined) {
  await timed('oracle', (tally) =>
    runOracle({ stream, world: counted(oracleWorld, tally), models: setup.models }),
  );
}
if (values.robustness && setup.perturbed !== undefined) {
  const perturbed = setup.perturbed;
  const tasks: Promise<unknown>[] = [];
  const run = sequential(async (task: PerturbedTask) => {
    const built = perturbed(task.config, task.world);
    let result: Awaited<ReturnType<typeof runUnit>> | undefined;
    await timed('robustness', async (tally) => {
      result = await runUnit({
        stream,
        world: counted(built.world(), tally),
        strategy: built.strategy(),
        models: setup.models,
        label: task.label,
      });
    });
    return result!;
  });
  startRobustness({
    scenario: loaded.scenario,
    catalog: loaded.catalog,
    configs: loaded.scenario.strategies,
    units: setup.units,
    requests: requestColumns(
      stream,
      loaded.scenario.traffic.tiers.map((tier) => tier.name),
    ),
    run: (task) => {
      const pending = run(task);
      tasks.push(pending);
      return pending;
    },
    reasoning: reasoningEffortHook,
  });
  await Promise.all(tasks);
}
const cpu = process.cpuUsage(cpuStarted);

const pairMs = clockPairMs();
const rows = [...groups].map(([group, tally]) => {
  const worldMs = tally.worldMs - tally.calls * pairMs;
  return { group, ...tally, worldMs };
});
const total = rows.reduce(
  (sum, row) => ({
    units: sum.units + row.units,
    requestRuns: sum.requestRuns + row.requestRuns,
    calls: sum.calls + row.calls,
    worldMs: sum.worldMs + row.worldMs,
    unitMs: sum.unitMs + row.unitMs,
  }),
  { units: 0, requestRuns: 0, calls: 0, worldMs: 0, unitMs: 0 },
);
const line = (name: string, row: Tally) => ({
  units: name,
  count: row.units,
  'request-runs': row.requestRuns,
  'world calls': row.calls,
  'calls/request-run': (row.calls / row.requestRuns).toFixed(2),
  'unit s': (row.unitMs / 1000).toFixed(1),
  'world s': (row.worldMs / 1000).toFixed(1),
  'world share': `${((100 * row.worldMs) / row.unitMs).toFixed(0)} %`,
  'world µs/call': ((1000 * row.worldMs) / row.calls).toFixed(2),
  'rest µs/request-run': ((1000 * (row.unitMs - row.worldMs)) / row.requestRuns).toFixed(2),
});
console.table([...rows.map((row) => line(row.group, row)), line('all', total)]);
console.log(
  `process CPU over the units ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; clock pair ${(pairMs * 1e6).toFixed(0)} ns, taken off every call`,
);
console.log(
  `the world's calls alone: ${(total.worldMs / 1000).toFixed(1)} CPU-s against the 20 CPU-s that 10 s on 2 cores holds`,
);
