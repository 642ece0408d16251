/**
 * Where the hot path allocates: V8's sampling heap profiler, counting objects the GC already
 * collected too, over chosen units of the default day run in-process (as units.bench.ts runs them).
 * Prints sampled bytes per function and per file, largest first. GC is the largest single item of a
 * worker's CPU profile; this names what feeds it.
 *
 * Run: `node bench/alloc-profile.ts [--units always-gpt-4o,cascade,oracle] [--requests n] [--top 40]`
 */
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { setupUnits } from '../src/run/worker-setup.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { runPlannedUnit } from './run-planned-unit.ts';

const SCENARIO = new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    units: { type: 'string', default: 'always-gpt-4o,cascade,oracle' },
    requests: { type: 'string', default: '30000' },
    top: { type: 'string', default: '40' },
  },
});

const loaded = loadSimulationScenario(SCENARIO);
const setup = await setupUnits({ loaded, configs: loaded.scenario.strategies });
const full = setup.stream;
const count = Math.min(Number(values.requests), full.count);
for (let index = 0; index < count; index++) full.get(index);
const stream: RequestStream = { ...full, count, arrivals: full.arrivals.subarray(0, count) };

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const session = new Session();
session.connect();
for (const label of values.units.split(',')) {
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await runPlannedUnit(setup, stream, label);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  const visit = (node: ProfileNode): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/src\//, '').replace(/^.*\/node_modules\//, '');
    const key = `${functionName || '(anon)'} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    byFile.set(file, (byFile.get(file) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const top = Number(values.top);
  const print = (map: Map<string, number>, limit: number) => {
    for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      console.log(
        `${(bytes / count).toFixed(0).padStart(8)} B/req ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${key}`,
      );
    }
  };
  console.log(`== ${label}: ${(total / count).toFixed(0)} B allocated per request (sampled)`);
  print(byFunction, top);
  console.log('-- by file');
  print(byFile, 15);
}
session.disconnect();
