import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/scenario/load.ts';
import { testCatalog } from './scenario-helpers.ts';

// A scenario directory with the user strategy module the scenario names (its existence is checked).
const directory = mkdtempSync(join(tmpdir(), 'routesim-scenario-'));
mkdirSync(join(directory, 'routers'));
writeFileSync(join(directory, 'routers', 'mine.ts'), 'export default {};\n');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const load = (text: string) => parseScenarioText(text, join(directory, 'x.yaml'), { catalog: testCatalog });

const BASE = `version: 1
name: n
duration: 1h30m
traffic:
  arrival: ARRIVAL
  mix: [{ domain: code, weight: 3 }, { template: legal-clause-rewrite }]
providers:
  openai:
    models: [gpt-4o-mini]
    prices: { gpt-4o-mini: { input_cost_per_token: 0.000001 } }
    faults:
      - { kind: error, start: 10m, duration: 20m }
      - { kind: rate_limit, start: 40m, duration: 15m, retryAfter: 2s }
      - { kind: partial, mtbf: 6h, mttr: 10m, probability: 0.3, model: gpt-4o-mini }
strategies: [always-cheapest, { name: cascade, options: { threshold: 0.7 } }, { module: ./routers/mine.ts }]
thresholds: { "cost{strategy:cascade}": "per1k < 2.5" }
`;

describe('normalising a scenario', () => {
  it('turns a constant rate per minute into one flat stage per second over the whole duration', () => {
    const scenario = load(BASE.replace('ARRIVAL', '{ rate: 90, timeUnit: 1m }'));
    expect(scenario.durationMs).toBe(5_400_000);
    expect(scenario.traffic.arrival).toEqual({
      process: 'poisson',
      startRate: 1.5,
      stages: [{ durationMs: 5_400_000, target: 1.5 }],
      diurnal: undefined,
      bursts: [],
    });
  });

  it('converts stages, diurnal and bursts to ms and per-second rates', () => {
    const arrival = `
    process: uniform
    startRate: 60
    timeUnit: 1m
    stages: [{ duration: 30m, target: 120 }, { duration: 1h, target: 30 }]
    diurnal: { amplitude: 0.5, peak: 14h }
    bursts: [{ at: 20m, duration: 5m, multiplier: 4 }]`;
    const scenario = load(BASE.replace(' ARRIVAL', arrival));
    expect(scenario.traffic.arrival).toEqual({
      process: 'uniform',
      startRate: 1,
      stages: [
        { durationMs: 1_800_000, target: 2 },
        { durationMs: 3_600_000, target: 0.5 },
      ],
      diurnal: { amplitude: 0.5, peakMs: 50_400_000 },
      bursts: [{ startMs: 1_200_000, durationMs: 300_000, multiplier: 4 }],
    });
  });

  it('fills defaults: seed 1, one tier "default", weight 1, reference always-strongest, 503 errors', () => {
    const scenario = load(BASE.replace('ARRIVAL', '{ rate: 1 }'));
    expect(scenario.seed).toBe(1);
    expect(scenario.description).toBe('');
    expect(scenario.windowMs).toBeUndefined();
    expect(scenario.catalog).toBeUndefined();
    expect(scenario.slo).toBeUndefined();
    expect(scenario.reference).toBe('always-strongest');
    expect(scenario.traffic.tiers).toEqual([{ name: 'default', weight: 1 }]);
    expect(scenario.traffic.mix).toEqual([
      { domain: 'code', weight: 3 },
      { template: 'legal-clause-rewrite', weight: 1 },
    ]);
    expect(scenario.thresholds).toEqual({ 'cost{strategy:cascade}': ['per1k < 2.5'] });
  });

  it('converts fault fields to ms and keeps price overrides', () => {
    const scenario = load(BASE.replace('ARRIVAL', '{ rate: 1 }'));
    expect(scenario.providers['openai']).toEqual({
      models: ['gpt-4o-mini'],
      prices: { 'gpt-4o-mini': { input_cost_per_token: 0.000001 } },
      faults: [
        { kind: 'error', startMs: 600_000, durationMs: 1_200_000, status: 503 },
        { kind: 'rate_limit', startMs: 2_400_000, durationMs: 900_000, retryAfterMs: 2000 },
        { kind: 'partial', mtbfMs: 21_600_000, mttrMs: 600_000, probability: 0.3, model: 'gpt-4o-mini' },
      ],
    });
  });

  it("defaults the candidates to the providers' models and resolves module paths", () => {
    const scenario = load(BASE.replace('ARRIVAL', '{ rate: 1 }'));
    expect(scenario.models).toEqual(['gpt-4o-mini']);
    expect(scenario.strategies).toEqual([
      { name: 'always-cheapest', options: {} },
      { name: 'cascade', options: { threshold: 0.7 } },
      { name: 'mine', module: join(directory, 'routers', 'mine.ts'), options: {} },
      // The default reference, not listed: run after them (scenario-reference-unlisted.test.ts).
      { name: 'always-strongest', options: {} },
    ]);
  });

  it('reports a strategy module that does not exist, with the path it looked at', () => {
    const text = BASE.replace('ARRIVAL', '{ rate: 1 }').replace('./routers/mine.ts', './routers/missing.ts');
    expect(() => load(text)).toThrow(
      `strategy module "./routers/missing.ts" not found (looked at ${join(directory, 'routers', 'missing.ts')})`,
    );
  });

  it('resolves the catalog path relative to the scenario file', () => {
    const scenario = load(`catalog: ../data/catalog.json\n${BASE.replace('ARRIVAL', '{ rate: 1 }')}`);
    expect(scenario.catalog).toBe(resolve(directory, '../data/catalog.json'));
  });
});
