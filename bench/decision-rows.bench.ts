/**
 * CPU time of writing decision rows alone, the part writer as it was (main 0ecf9c1: general-path
 * rows in string batches) against createDecisionPart, on the records of real units of the default
 * day: the records are collected once (in memory), then each writer writes all of them to a temp
 * file, alternating, `--repeat` times, plain and gzipped; the files must be identical. Only
 * process CPU time is reported (the machine is shared; both sides run in one process, same load).
 *
 * Run: `node bench/decision-rows.bench.ts [--units cascade,learned] [--requests n] [--repeat k]`
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DecisionRecord } from '../src/engine/types.ts';
import { csvRecord } from '../src/report/csv-record.ts';
import { createDecisionPart, decisionRow, gzipMember } from '../src/report/decisions-csv.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { setupUnits } from '../src/run/worker-setup.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { runPlannedUnit } from './run-planned-unit.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    units: { type: 'string', default: 'always-strongest,cascade,learned' },
    requests: { type: 'string', default: '30000' },
    repeat: { type: 'string', default: '5' },
  },
});

const loaded = loadSimulationScenario(SCENARIO);
const setup = await setupUnits({ loaded, configs: loaded.scenario.strategies });
const full = setup.stream;
const count = Math.min(Number(values.requests), full.count);
const stream: RequestStream = { ...full, count, arrivals: full.arrivals.subarray(0, count) };
const records: DecisionRecord[] = [];
for (const label of values.units.split(',')) {
  await runPlannedUnit(setup, stream, label, { onDecision: (record) => records.push(record) });
}
const tierByIndex = new Map(
  records.map((record) => [record.requestIndex, full.get(record.requestIndex).request.tier]),
);

const cpuMs = (work: () => void): number => {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};
const tierOf = (index: number) => tierByIndex.get(index) ?? '';
/** The part writer as it was (main 0ecf9c1): general-path rows appended to a string batch. */
const old = (path: string) => () => {
  const fd = openSync(path, 'w');
  const compressed = path.endsWith('.gz');
  let batch = '';
  let rows = 0;
  const flush = () => {
    if (compressed) writeSync(fd, gzipMember(batch));
    else writeSync(fd, batch);
    batch = '';
    rows = 0;
  };
  for (const record of records) {
    batch += csvRecord(decisionRow(record, tierOf(record.requestIndex)));
    if (++rows >= 512) flush();
  }
  if (rows > 0) flush();
  closeSync(fd);
};
const current = (path: string) => () => {
  const part = createDecisionPart(path, tierOf);
  for (const record of records) part.write(record);
  part.end();
};
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const perRow = (ms: number) => ((ms * 1000) / records.length).toFixed(2);
for (const format of ['csv', 'csv.gz']) {
  const oldPath = join(tmpdir(), `decision-rows-old-${process.pid}.${format}`);
  const newPath = join(tmpdir(), `decision-rows-new-${process.pid}.${format}`);
  const oldTimes: number[] = [];
  const newTimes: number[] = [];
  for (let round = 0; round < Number(values.repeat); round++) {
    oldTimes.push(cpuMs(old(oldPath)));
    newTimes.push(cpuMs(current(newPath)));
  }
  if (!readFileSync(oldPath).equals(readFileSync(newPath))) throw new Error(`${format}: the files differ`);
  rmSync(oldPath);
  rmSync(newPath);
  const [before, after] = [median(oldTimes), median(newTimes)];
  console.log(
    `${format.padEnd(6)} ${records.length} rows (${values.units}): before ${before.toFixed(0)} CPU-ms (${perRow(before)} µs/row), after ${after.toFixed(0)} CPU-ms (${perRow(after)} µs/row), ${(after / before).toFixed(2)}×; identical bytes; medians of ${values.repeat}`,
  );
}
