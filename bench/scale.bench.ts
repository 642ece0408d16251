/**
 * Does cost grow linearly with traffic? The default scenario (scenarios/assistant-day.yaml) run
 * whole by the CLI at its arrival rate × 1, 3, 10 — and at × 10 with every provider's RPM, TPM
 * and capacity raised by the same factor, so the world answers as it does at 1× instead of with
 * the 429s and queues it correctly adds at 10× the load: that row separates the engine's own
 * cost from the extra traffic. Each case is one `routesim simulate` process: wall time, CPU
 * seconds and peak RSS (all threads, bench/peak-rss.ts), requests, and wall µs per request-run.
 *
 * Run: `node bench/scale.bench.ts [--factors 1,3] [--raised 10] [--no-robustness]`
 * (also `npm run bench:scale`). 10× takes tens of minutes: give it explicitly
 * (`--factors 1,3,10 --raised 10`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { loadCatalog } from '../src/world/catalog.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/assistant-day.yaml', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli/bin.ts', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./peak-rss.ts', import.meta.url));

export interface ScaleCase {
  factor: number;
  /** Provider RPM, TPM and capacity × factor too. */
  raised: boolean;
}

export interface ScaleMeasurement extends ScaleCase {
  requests: number;
  requestRuns: number;
  wallSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
}

/** The default scenario's YAML with its arrival rate (and, when raised, provider limits) × factor. */
export function scaledYaml(scenarioText: string, { factor, raised }: ScaleCase): string {
  const document = parse(scenarioText) as {
    traffic: { arrival: { rate: number } };
    providers: Record<string, Record<string, unknown> | null>;
  };
  document.traffic.arrival.rate *= factor;
  if (raised) {
    const catalog = loadCatalog();
    for (const [key, config] of Object.entries(document.providers)) {
      const spec = catalog.providers[key];
      if (spec === undefined) continue;
      document.providers[key] = {
        ...(config ?? {}),
        rpm: Math.ceil(spec.rpm * factor),
        tpm: Math.ceil(spec.tpm * factor),
        capacity: Math.ceil(spec.capacity * factor),
      };
    }
  }
  return stringify(document);
}

export function measureScale(scale: ScaleCase, extraArgs: readonly string[] = []): ScaleMeasurement {
  const dir = mkdtempSync(join(tmpdir(), 'routesim-scale-'));
  try {
    const file = join(dir, `assistant-day-x${scale.factor}${scale.raised ? '-raised' : ''}.yaml`);
    writeFileSync(file, scaledYaml(readFileSync(SCENARIO, 'utf8'), scale));
    const usageFile = join(dir, 'usage.json');
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--import', PRELOAD, CLI, 'simulate', file, '--out', join(dir, 'out'), '--quiet', ...extraArgs],
      { env: { ...process.env, ROUTESIM_PEAK_RSS_FILE: usageFile }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const wallSeconds = (performance.now() - started) / 1000;
    if (child.status !== 0 && child.status !== 99) throw new Error(`simulate exited with ${child.status}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssBytes: number; cpuSeconds: number };
    const timings = JSON.parse(readFileSync(join(dir, 'out', 'timings.json'), 'utf8')) as {
      requests: number;
      requestsSimulated: number;
    };
    return {
      ...scale,
      requests: timings.requests,
      requestRuns: timings.requestsSimulated,
      wallSeconds,
      cpuSeconds: usage.cpuSeconds,
      maxRssBytes: usage.maxRssBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runScaleBench(
  cases: readonly ScaleCase[],
  extraArgs: readonly string[] = [],
): ScaleMeasurement[] {
  const results: ScaleMeasurement[] = [];
  for (const scale of cases) {
    const result = measureScale(scale, extraArgs);
    results.push(result);
    // Each case as it ends (a long series can be stopped without losing the cases already run).
    console.error(
      `scale ${scale.factor}×${scale.raised ? ' (limits raised)' : ''}: ${result.requests} requests, ` +
        `${result.wallSeconds.toFixed(1)} s wall, ${result.cpuSeconds.toFixed(1)} CPU-s, ` +
        `peak RSS ${(result.maxRssBytes / 1e6).toFixed(0)} MB`,
    );
  }
  const base = results[0];
  console.log(`scale bench: default scenario${extraArgs.length > 0 ? ` (${extraArgs.join(' ')})` : ''}`);
  console.table(
    results.map((result) => ({
      rate: `${result.factor}×${result.raised ? ` limits ×${result.factor}` : ''}`,
      requests: result.requests,
      'request-runs': result.requestRuns,
      'wall s': result.wallSeconds.toFixed(1),
      'CPU s': result.cpuSeconds.toFixed(1),
      'peak RSS MB': (result.maxRssBytes / 1e6).toFixed(0),
      'wall µs / request-run': ((result.wallSeconds * 1e6) / result.requestRuns).toFixed(2),
      'wall ÷ 1× ÷ factor':
        base === undefined
          ? ''
          : (result.wallSeconds / base.wallSeconds / (result.factor / base.factor)).toFixed(2),
    })),
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      factors: { type: 'string', default: '1,3' },
      raised: { type: 'string', default: '' },
      'no-robustness': { type: 'boolean', default: false },
    },
  });
  const numbers = (text: string) =>
    text
      .split(',')
      .filter((part) => part !== '')
      .map(Number);
  const cases: ScaleCase[] = [
    ...numbers(values.factors).map((factor) => ({ factor, raised: false })),
    ...numbers(values.raised).map((factor) => ({ factor, raised: true })),
  ];
  runScaleBench(cases, values['no-robustness'] ? ['--no-robustness'] : []);
}
