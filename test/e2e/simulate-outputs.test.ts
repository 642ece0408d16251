import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import packageJson from '../../package.json' with { type: 'json' };
import { readColumnsFile } from '../../src/report/columns-file.ts';
import { readDecisions } from '../decisions-file.ts';
import { DETERMINISTIC_FILES, root, routesim, SMALL } from './simulate-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-simulate-'));
const first = join(directory, 'first');
const second = join(directory, 'second');
let firstRun: ReturnType<typeof routesim>;
let secondRun: ReturnType<typeof routesim>;

beforeAll(() => {
  firstRun = routesim('simulate', SMALL, '--out', first);
  // Same seed, on worker threads: must give the same bytes as the in-process run.
  secondRun = routesim('simulate', SMALL, '--out', second, '--workers', '2', '--quiet');
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const scenarioText = readFileSync(resolve(root, SMALL), 'utf8');
const scenarioStrategies = (parse(scenarioText) as { strategies: (string | { name: string })[] }).strategies
  .map((entry) => (typeof entry === 'string' ? entry : entry.name))
  .filter((name) => name !== 'oracle');

const results = () => JSON.parse(readFileSync(join(first, 'results.json'), 'utf8'));

describe('routesim simulate (real binary, small scenario)', () => {
  it('exits 0 and prints the summary table with every scenario strategy', () => {
    expect(firstRun.stderr).toBe('');
    expect(firstRun.status).toBe(0);
    const header = firstRun.stdout.split('\n').find((line) => line.startsWith('strategy'));
    expect(header).toMatch(
      /^strategy\s+cost\/1k\s+savings\s+quality\s+Δ quality pts \(95% CI\)\s+p50\s+p95\s+answered\s+in SLO\s+escalated\s+fallback$/,
    );
    for (const name of scenarioStrategies) expect(firstRun.stdout).toMatch(new RegExp(`\\n${name} +\\$`));
    expect(firstRun.stdout).toContain('oracle bound (faults off)');
    expect(firstRun.stdout).toContain('✓ answered{strategy:always-strongest}: rate > 0.5');
  });

  it('writes exactly its seven files, atomically (no temp files left behind)', () => {
    expect(readdirSync(first).sort()).toEqual([
      'columns.bin',
      'decisions.csv.gz',
      'report.html',
      'results.json',
      'summary.csv',
      'summary.md',
      'timings.json',
    ]);
    expect(readdirSync(second).sort()).toEqual(readdirSync(first).sort());
  });

  it('results.json has schemaVersion, provenance with real hashes, and every metric per strategy', () => {
    const json = results();
    expect(json.schemaVersion).toBe(1);
    expect(json.provenance).toEqual({
      routesim: packageJson.version,
      node: process.version,
      seed: 7,
      scenarioFile: 'small.yaml',
      scenarioSha256: createHash('sha256')
        .update(readFileSync(resolve(root, SMALL)))
        .digest('hex'),
      catalogSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      requestStreamSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      // The learned strategy reads the bundled model file; a scenario inside routesim's tree
      // names it relative to itself.
      inputs: [
        {
          path: '../../../fixtures/learned/assistant-day.json',
          sha256: createHash('sha256')
            .update(readFileSync(resolve(root, 'fixtures/learned/assistant-day.json')))
            .digest('hex'),
        },
      ],
    });
    // 10 minutes at 2 requests/s, poisson: within 5 standard deviations of 1,200.
    expect(Math.abs(json.requestCount - 1200)).toBeLessThan(5 * Math.sqrt(1200));
    expect(json.scenario.seed).toBe(7);
    expect(json.scenario.traffic.tiers.map((tier: { name: string }) => tier.name)).toEqual([
      'free',
      '=cmd()',
    ]);
    const byName = new Map(json.strategies.map((entry: { name: string }) => [entry.name, entry]));
    for (const name of scenarioStrategies) {
      const metrics = byName.get(name) as Record<string, unknown>;
      expect(metrics, name).toBeDefined();
      expect(metrics['kind']).toBe('strategy');
      for (const key of [
        'family',
        'cost',
        'savings',
        'quality',
        'answeredRate',
        'goodput',
        'latency',
        'failures',
        'escalationRate',
        'fallbackRate',
        'modelShare',
        'slices',
        'difference',
        'series',
      ]) {
        expect(metrics, `${name}.${key}`).toHaveProperty(key);
      }
    }
    const families = new Set(json.strategies.map((entry: { family: string }) => entry.family));
    for (const family of ['baseline', 'rules', 'cascade', 'domain', 'availability', 'learned']) {
      expect(families).toContain(family);
    }
    expect(json.strategies.some((entry: { kind: string }) => entry.kind === 'sweep')).toBe(true);
    expect(json.strategies.map((entry: { name: string }) => entry.name)).toContain('always-gpt-4o');
    expect(json.research.knobbed.length).toBeGreaterThan(0);
    expect(json.research).toHaveProperty('aiq');
    expect(json.research).toHaveProperty('zeroRouter');
    // The scenario's outage: openai answers 503 from 4m to 5m.
    expect(json.faults).toEqual([
      { kind: 'error', provider: 'openai', startMs: 240_000, endMs: 300_000, status: 503 },
    ]);
    expect(json.thresholds).toEqual([
      expect.objectContaining({
        key: 'answered{strategy:always-strongest}',
        expression: 'rate > 0.5',
        pass: true,
      }),
    ]);
  });

  it('writes no number with more than 6 significant digits unless it is an integer', () => {
    const text = readFileSync(join(first, 'results.json'), 'utf8');
    const numbers = text.match(/(?<=[:[,]\s*)-?\d+\.\d+(?:e-?\d+)?(?=\s*[,\]}\n])/g) ?? [];
    expect(numbers.length).toBeGreaterThan(100);
    for (const number of numbers) {
      const digits = number.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '');
      expect(digits.length, number).toBeLessThanOrEqual(6);
    }
  });

  it('decisions.csv has one row per request and scenario strategy, formula cells neutralised', () => {
    const json = results();
    const lines = readDecisions(first).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'strategy,request_index,request_id,arrival_ms,tier,model,status,latency_ms,cost_usd,score,attempts,trail,reason',
    );
    const rows = lines.slice(1);
    expect(rows).toHaveLength(json.requestCount * scenarioStrategies.length);
    const strategiesInLog = new Set(rows.map((line) => line.slice(0, line.indexOf(','))));
    expect([...strategiesInLog]).toEqual(scenarioStrategies);
    expect(rows.some((line) => line.includes(",'=cmd(),"))).toBe(true);
    expect(rows.some((line) => /(^|,)=cmd\(\)/.test(line))).toBe(false);
  });

  it('summary.csv has one row per run; columns.bin carries every scenario strategy per request', () => {
    const json = results();
    const summary = readFileSync(join(first, 'summary.csv'), 'utf8').trimEnd().split('\n');
    expect(summary).toHaveLength(1 + json.strategies.length);
    expect(summary[1]).toMatch(/^always-cheapest,baseline,strategy,/);
    const { header, data } = readColumnsFile(join(first, 'columns.bin'));
    expect(header.requests).toBe(json.requestCount);
    expect(header.requestStreamSha256).toBe(json.provenance.requestStreamSha256);
    expect(header.strategies).toEqual(scenarioStrategies);
    expect(header.tiers).toEqual(['free', '=cmd()']);
    expect(data.requestIds[0]).toBe('r0000000');
    const cheapest = json.strategies.find((entry: { name: string }) => entry.name === 'always-cheapest');
    const cost = data.strategies.get('always-cheapest')?.cost ?? new Float64Array();
    const total = cost.reduce((sum, value) => sum + value, 0);
    expect(total).toBeCloseTo(cheapest.cost.totalUsd, 4);
  });

  it('the same seed gives byte-identical files (all but timings.json), in-process or on workers', () => {
    expect(secondRun.stderr).toBe('');
    expect(secondRun.status).toBe(0);
    expect(secondRun.stdout).toBe('');
    for (const file of DETERMINISTIC_FILES) {
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
    }
  });
});
