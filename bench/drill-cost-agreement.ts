/**
 * Does a gateway that passes every request to one model cost what `always-<model>` costs on the
 * same requests? Plays a drill through test/support/mini-gateway.ts (pass-through, no retries)
 * to `--model` on serve's `--provider`, reads serve's call log, runs `always-<model>` with the
 * direct engine over a copy of the scenario whose strategies are just that one, and compares the
 * cost per request index over the requests both answered. Prints one JSON line and the first
 * differing requests (the prompt cache: a long prompt the full stream had cached, missed by the
 * thinned drill).
 *
 * Run: `node bench/drill-cost-agreement.ts scenarios/outage-drill.yaml [--model gpt-4o-mini]
 * [--provider openai] [--sample 600] [--duration-s 21600] [--schedule-scale 360]`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDrill } from '../src/drill/run-drill.ts';
import type { CallLogEntry } from '../src/mock/index.ts';
import { simulate } from '../src/run/simulate.ts';
import { startMiniGateway } from '../test/support/mini-gateway.ts';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1]!;
}

const scenarioPath = process.argv[2] ?? 'scenarios/outage-drill.yaml';
const model = option('--model', 'gpt-4o-mini');
const provider = option('--provider', 'openai');
const sample = Number(option('--sample', '600'));
const durationMs = Number(option('--duration-s', '21600')) * 1000;
const strategy = `always-${model}`;

// The same scenario, with only always-<model> as its strategy (thresholds name other strategies).
const text = readFileSync(scenarioPath, 'utf8');
const copy = join(mkdtempSync(join(tmpdir(), 'drill-cost-')), 'scenario.yaml');
writeFileSync(copy, `${text.slice(0, text.search(/^strategies:/m))}strategies:\n  - ${strategy}\n`);

const gateway = await startMiniGateway({ retries: 0, backoffMs: 5 });
let readLog: (() => CallLogEntry[]) | undefined;
await runDrill({
  scenarioPath: copy,
  gateway: gateway.url,
  wire: 'openai',
  headers: {},
  servePort: 0,
  scheduleScale: Number(option('--schedule-scale', '360')),
  latencyScale: 10,
  fromMs: 0,
  durationMs,
  sample,
  concurrency: 64,
  timeoutMs: 30_000,
  strategies: false,
  onServing: (server) => {
    readLog = () => server.callLog.since(0);
    gateway.setTargets([{ baseUrl: server.baseUrls[provider]!, model }]);
  },
});
await gateway.close();
const calls = readLog!();
const outcome = await simulate({
  scenario: copy,
  robustness: false,
  strategies: [strategy],
  wallClock: () => performance.now(),
});
const run = outcome.runs.find((candidate) => candidate.name === strategy)!;
let serveSum = 0;
let engineSum = 0;
const rows: { index: number; prompt: number; serve: number; engine: number }[] = [];
for (const call of calls) {
  const index = call.requestIndex;
  if (index === null || call.costUsd === null || run.columns!.status[index] !== 0) continue;
  serveSum += call.costUsd;
  engineSum += run.columns!.cost[index]!;
  rows.push({ index, prompt: call.tokens!.prompt, serve: call.costUsd, engine: run.columns!.cost[index]! });
}
const differing = rows.filter((row) => row.serve !== row.engine);
console.log(
  JSON.stringify({
    calls: calls.length,
    unmatched: calls.filter((call) => call.requestIndex === null).length,
    bothAnswered: rows.length,
    differing: differing.length,
    serveMoreExpensive: differing.filter((row) => row.serve > row.engine).length,
    shortestDifferingPrompt: Math.min(...differing.map((row) => row.prompt)),
    gatewayPer1kUsd: (serveSum / rows.length) * 1000,
    strategyPer1kUsd: (engineSum / rows.length) * 1000,
  }),
);
for (const row of differing.slice(0, 5)) console.log(JSON.stringify(row));
