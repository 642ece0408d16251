/**
 * Wall time of chosen units of the default day, in-process on one thread, as a simulation's
 * worker runs them (worker-setup.ts: the same stream, worlds and strategies). For profiling
 * (`node --cpu-prof bench/units.bench.ts …`) and for before/after ratios of the hot path:
 * generation is done once up front and not timed.
 *
 * Run: `node bench/units.bench.ts [--units learned,cascade@0.7,oracle] [--requests n] [--repeat k] [--logged]`
 * (default units: one of each kind). Prints one line per unit: label, median wall and CPU ms of k runs, and
 * the least CPU ms (CPU time is the steadier figure on a shared machine; its minimum, the run least
 * slowed by neighbours, the steadiest for before/after ratios), and per run the young-generation
 * collections (scavenges: a count that grows with the bytes allocated, steady under load) and the
 * ms spent in all collections.
 */
import { tmpdir } from 'node:os';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDecisionPart } from '../src/report/decisions-csv.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { setupUnits } from '../src/run/worker-setup.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { runPlannedUnit } from './run-planned-unit.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: 'learned,cascade,always-strongest,cascade@0.7,always-gpt-4o,oracle' },
    requests: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    scenario: { type: 'string', default: SCENARIO },
    /** Write decision rows (to a temp file) and time decision overhead, as scenario strategies do. */
    logged: { type: 'boolean', default: false },
  },
});

const loaded = loadSimulationScenario(values.scenario);
const setup = await setupUnits({ loaded, configs: loaded.scenario.strategies });
const full = setup.stream;
const count = Math.min(Number(values.requests ?? full.count), full.count);
const generationStart = performance.now();
for (let index = 0; index < count; index++) full.get(index);
const generationMs = performance.now() - generationStart;
const stream: RequestStream = { ...full, count, arrivals: full.arrivals.subarray(0, count) };
console.log(`generated ${count} requests in ${generationMs.toFixed(0)} ms`);

/** Collections so far: scavenges and ms in every kind (entries arrive after the fact). */
const collected = { scavenges: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collected.ms += entry.duration;
    if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      collected.scavenges++;
    }
  }
}).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const repeat = Number(values.repeat);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
for (const label of values.units.split(',')) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const scavenges: number[] = [];
  const gcMs: number[] = [];
  for (let round = 0; round < repeat; round++) {
    await settle();
    const collectedBefore = { ...collected };
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const part =
      values.logged && label !== 'oracle'
        ? createDecisionPart(
            `${tmpdir()}/units-bench-${process.pid}.csv`,
            (index) => full.get(index).request.tier,
          )
        : undefined;
    await runPlannedUnit(
      setup,
      stream,
      label,
      part === undefined ? {} : { onDecision: part.write, timed: true },
    );
    part?.end();
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    await settle();
    scavenges.push(collected.scavenges - collectedBefore.scavenges);
    gcMs.push(collected.ms - collectedBefore.ms);
  }
  console.log(
    `${label.padEnd(32)} wall ${median(times).toFixed(0).padStart(7)} ms  cpu ${median(cpuTimes).toFixed(0).padStart(7)} ms (medians of ${repeat}), least cpu ${Math.min(
      ...cpuTimes,
    )
      .toFixed(0)
      .padStart(7)} ms, scavenges ${median(scavenges)}, gc ${median(gcMs).toFixed(0)} ms`,
  );
}
