/**
 * A month at production volume (issue 14 item 5): the default scenario (scenarios/assistant-day.yaml)
 * at PER_DAY requests a day for `--days` days — its arrival rate × (PER_DAY / the default day's
 * 113,362 requests), every provider's RPM, TPM and capacity × the same factor (a team at this
 * volume has the limits for it: bench/scale.bench.ts "raised") — run as `--shards` shard
 * processes started together (`simulate --shard i/n --no-research`: the scenario's strategies,
 * its reference and the oracle), then `routesim merge`. Each process: wall, CPU seconds, peak RSS
 * (bench/peak-rss.ts) and the bytes it wrote. `--compare` also runs the unsharded
 * `simulate --no-research` and compares every output file but timings.json byte for byte.
 *
 * Run: `node bench/month-scenario.ts --days 1 [--shards 2] [--per-day 1000000] [--compare]
 *       [--decisions gz|csv|none] [--research] [--merge-workers 1,2] [--out <dir>] [--keep]`
 * (`--merge-workers 1,2` merges once per value and compares the merged folders byte for byte.)
 * (`--research` keeps the sweeps, singles and robustness re-runs: the whole default plan.)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { scaledYaml } from './scale.bench.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/assistant-day.yaml', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli/bin.ts', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./peak-rss.ts', import.meta.url));
/** Requests of the default day (scenarios/assistant-day.yaml, seed 42), as issue 14 measured it. */
const DEFAULT_DAY_REQUESTS = 113_362;

export interface ProcessMeasurement {
  name: string;
  wallSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  /** Bytes under the folder it wrote. */
  wroteBytes: number;
}

/** The month scenario's YAML: `days` × 24 h at `perDay` requests a day, provider limits raised. */
export function monthYaml(days: number, perDay: number): string {
  const factor = perDay / DEFAULT_DAY_REQUESTS;
  const document = parse(scaledYaml(readFileSync(SCENARIO, 'utf8'), { factor, raised: true })) as {
    name: string;
    duration: string;
  };
  document.name = `${document.name} × ${days} days at ${perDay.toLocaleString('en-US')} requests a day`;
  document.duration = `${24 * days}h`;
  return stringify(document);
}

function bytesUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, entry) => total + bytesUnder(join(path, entry)), 0);
}

/** Start `routesim <args>` with the peak-RSS preload; resolves with its measurement. */
function measured(name: string, args: readonly string[], outDir: string, usageDir: string) {
  const usageFile = join(usageDir, `${name.replace(/\W+/g, '-')}.usage.json`);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', PRELOAD, CLI, ...args], {
    env: { ...process.env, ROUTESIM_PEAK_RSS_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise<ProcessMeasurement>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (status !== 0 && status !== 99) {
        reject(new Error(`${name} (routesim ${args.join(' ')}) exited with ${status}`));
        return;
      }
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
        maxRssBytes: number;
        cpuSeconds: number;
      };
      const measurement = { name, wallSeconds, ...usage, wroteBytes: bytesUnder(outDir) };
      console.error(
        `${name}: ${wallSeconds.toFixed(1)} s wall, ${usage.cpuSeconds.toFixed(1)} CPU-s, ` +
          `peak RSS ${(usage.maxRssBytes / 1e9).toFixed(2)} GB, wrote ${(measurement.wroteBytes / 1e9).toFixed(2)} GB`,
      );
      resolve(measurement);
    });
  });
}

/** Files of run folder `a` whose bytes differ from `b`'s (timings.json is expected to differ). */
function differingFiles(a: string, b: string): string[] {
  const names = new Set([...readdirSync(a), ...readdirSync(b)]);
  names.delete('timings.json');
  return [...names].filter((name) => {
    // cmp, not readFileSync: a month's columns.bin is past readFileSync's 2 GiB.
    return spawnSync('cmp', ['-s', join(a, name), join(b, name)]).status !== 0;
  });
}

export async function runMonth(options: {
  days: number;
  perDay: number;
  shards: number;
  decisions: string;
  compare: boolean;
  /** Run the research units too (sweeps, singles, robustness): drop `--no-research`. */
  research: boolean;
  /** `merge --workers` values: one merge each (the first is compared with the unsharded run). */
  mergeWorkers: readonly number[];
  dir: string;
}): Promise<ProcessMeasurement[]> {
  const { days, perDay, shards, decisions, dir } = options;
  mkdirSync(dir, { recursive: true });
  const scenario = join(dir, `month-${days}d.yaml`);
  writeFileSync(scenario, monthYaml(days, perDay));
  const common = [...(options.research ? [] : ['--no-research']), '--decisions', decisions, '--quiet'];
  const shardDirs = Array.from({ length: shards }, (_, i) => join(dir, `shard-${i + 1}`));
  const results = await Promise.all(
    shardDirs.map((out, i) =>
      measured(
        `shard ${i + 1}/${shards}`,
        ['simulate', scenario, '--shard', `${i + 1}/${shards}`, '--out', out, ...common],
        out,
        dir,
      ),
    ),
  );
  const merges: string[] = [];
  for (const workers of options.mergeWorkers) {
    const out = join(dir, `merged-w${workers}`);
    merges.push(out);
    results.push(
      await measured(
        `merge --workers ${workers}`,
        ['merge', ...shardDirs, '--out', out, '--workers', String(workers), '--quiet'],
        out,
        dir,
      ),
    );
  }
  const merged = merges[0]!;
  for (const other of merges.slice(1)) {
    const differing = differingFiles(merged, other);
    console.error(
      differing.length === 0
        ? `${other} == ${merged}: every file but timings.json is byte-identical`
        : `${other} and ${merged} differ in: ${differing.join(', ')}`,
    );
  }
  if (options.compare) {
    for (const out of shardDirs) rmSync(out, { recursive: true, force: true });
    const whole = join(dir, 'unsharded');
    results.push(await measured('unsharded', ['simulate', scenario, '--out', whole, ...common], whole, dir));
    const differing = differingFiles(merged, whole);
    console.error(
      differing.length === 0
        ? 'merged == unsharded: every file but timings.json is byte-identical'
        : `merged and unsharded differ in: ${differing.join(', ')}`,
    );
  }
  const requests = (JSON.parse(readFileSync(join(merged, 'timings.json'), 'utf8')) as { requests: number })
    .requests;
  console.log(
    `month bench: ${days} day(s) × ${perDay.toLocaleString('en-US')} requests/day → ${requests} requests`,
  );
  console.table(
    results.map((result) => ({
      process: result.name,
      'wall s': result.wallSeconds.toFixed(1),
      'CPU s': result.cpuSeconds.toFixed(1),
      'peak RSS GB': (result.maxRssBytes / 1e9).toFixed(2),
      'wrote GB': (result.wroteBytes / 1e9).toFixed(2),
    })),
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '1' },
      'per-day': { type: 'string', default: '1000000' },
      shards: { type: 'string', default: '2' },
      decisions: { type: 'string', default: 'gz' },
      compare: { type: 'boolean', default: false },
      research: { type: 'boolean', default: false },
      'merge-workers': { type: 'string', default: '1' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const dir = values.out ?? mkdtempSync(join(tmpdir(), 'routesim-month-'));
  try {
    await runMonth({
      days: Number(values.days),
      perDay: Number(values['per-day']),
      shards: Number(values.shards),
      decisions: values.decisions,
      compare: values.compare,
      research: values.research,
      mergeWorkers: values['merge-workers'].split(',').map(Number),
      dir,
    });
  } finally {
    if (!values.keep && values.out === undefined) rmSync(dir, { recursive: true, force: true });
  }
}
