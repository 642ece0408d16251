import { describe, expect, it } from 'vitest';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { testCatalog, testHidden } from './support/world-fixtures.ts';

function scenario(): Scenario {
  return {
    version: 1,
    name: 'world-from-scenario',
    description: '',
    seed: 77,
    durationMs: 3_600_000,
    windowMs: undefined,
    catalog: undefined,
    traffic: {
      arrival: { process: 'poisson', startRate: 1, stages: [], diurnal: undefined, bursts: [] },
      mix: [{ domain: 'factual-qa', weight: 1 }],
      tiers: [{ name: 'free', weight: 1 }],
    },
    providers: {
      openai: {
        capacity: 1,
        rpm: 2,
        prices: { 'gpt-4o-mini': { input_cost_per_token: 1e-6 } },
        faults: [{ kind: 'error', startMs: 600_000, durationMs: 60_000 }],
      },
    },
    models: ['gpt-4o-mini'],
    slo: undefined,
    reference: 'always-strongest',
    strategies: [],
    thresholds: {},
  };
}

describe('worldFromScenario', () => {
  it('applies the scenario’s providers, overrides, seed and fault schedule', () => {
    const world = worldFromScenario(scenario(), testCatalog(), () => testHidden());
    expect(world.seed).toBe(77);
    expect(Object.keys(world.catalog.providers)).toEqual(['openai']);
    expect(world.model('claude-sonnet-4')).toBeUndefined();
    expect(world.faults).toEqual([
      { kind: 'error', provider: 'openai', startMs: 600_000, endMs: 660_000, status: 503 },
    ]);
    const base = { model: 'gpt-4o-mini', attempt: 0, promptTokens: 1000, maxTokens: 100 };
    const first = world.call({ ...base, requestIndex: 0, startMs: 0 });
    if (!first.ok) throw new Error(first.error.message);
    // Overridden input price: 1,000 × $1 + 100 × $0.60 per M.
    expect(first.call.costUsd).toBeCloseTo(1.06e-3, 15);
    const second = world.call({ ...base, requestIndex: 1, startMs: 0 });
    if (!second.ok) throw new Error(second.error.message);
    // capacity 1: waits for the first call, 500·(1 + 1000/4000) + 100 tokens at 100 tok/s
    expect(second.call.timing.queueMs).toBe(1625);
    expect(world.call({ ...base, requestIndex: 2, startMs: 1 })).toMatchObject({
      ok: false,
      error: { status: 429 },
    }); // rpm 2
    expect(world.call({ ...base, requestIndex: 3, startMs: 600_000 })).toMatchObject({
      ok: false,
      error: { status: 503 },
    });
  });
});
