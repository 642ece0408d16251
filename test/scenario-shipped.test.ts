import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/contracts/index.ts';
import { expectedRequestCount } from '../src/scenario/expected-load.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { BUILT_IN_STRATEGIES } from '../src/scenario/strategy-names.ts';

describe('shipped scenarios', () => {
  it('assistant-day is the realistic default: ≥ 100k requests/day, ≥ 10 models from ≥ 5 providers, every family', () => {
    const scenario = loadScenarioFile('scenarios/assistant-day.yaml');
    expect(scenario.durationMs).toBe(86_400_000);
    // 1.3 req/s × 86,400 s = 112,320, plus the 10-minute 2× newsletter burst.
    expect(expectedRequestCount(scenario.traffic.arrival, scenario.durationMs)).toBeGreaterThan(112_320);
    expect(scenario.traffic.arrival.diurnal).toBeDefined();
    expect(new Set(scenario.traffic.mix.map((entry) => entry.domain))).toEqual(new Set(DOMAINS));
    expect(scenario.traffic.tiers).toHaveLength(2);
    expect(scenario.models.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(scenario.providers).length).toBeGreaterThanOrEqual(5);
    expect(scenario.strategies.map((strategy) => strategy.name).sort()).toEqual(
      [...BUILT_IN_STRATEGIES].sort(),
    );
    expect(scenario.slo?.latencyMs).toBe(8_000);
  });

  it('outage-drill has a 20-minute error outage, a 429 storm and an MTBF/MTTR process', () => {
    const scenario = loadScenarioFile('scenarios/outage-drill.yaml');
    const faults = Object.entries(scenario.providers).flatMap(([provider, config]) =>
      config.faults.map((fault) => ({ provider, ...fault })),
    );
    expect(faults).toContainEqual({
      provider: 'openai',
      kind: 'error',
      startMs: 3_600_000,
      durationMs: 1_200_000,
      status: 503,
    });
    expect(faults.find((fault) => fault.kind === 'rate_limit')).toMatchObject({
      provider: 'anthropic',
      durationMs: 900_000,
      retryAfterMs: 2_000,
    });
    expect(faults.find((fault) => fault.mtbfMs !== undefined)).toMatchObject({
      mtbfMs: 7_200_000,
      mttrMs: 600_000,
    });
  });

  it('domain-heavy is mostly code and legal', () => {
    const scenario = loadScenarioFile('scenarios/domain-heavy.yaml');
    const total = scenario.traffic.mix.reduce((sum, entry) => sum + entry.weight, 0);
    const codeAndLegal = scenario.traffic.mix
      .filter(
        (entry) =>
          entry.domain === 'code' ||
          entry.domain === 'legal' ||
          entry.template?.startsWith('legal-') === true,
      )
      .reduce((sum, entry) => sum + entry.weight, 0);
    expect(codeAndLegal / total).toBeGreaterThanOrEqual(0.7);
    // 30 → 90/min over 2h, 90/min for 7h, 90 → 40/min over 3h: 7,200 + 37,800 + 11,700.
    expect(expectedRequestCount(scenario.traffic.arrival, scenario.durationMs)).toBeCloseTo(56_700, 6);
  });

  it('every shipped YAML scenario points editors at the JSON Schema', () => {
    for (const name of ['assistant-day', 'outage-drill', 'domain-heavy']) {
      const text = readFileSync(`scenarios/${name}.yaml`, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    }
  });
});
