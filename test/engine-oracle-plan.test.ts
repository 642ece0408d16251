import { describe, expect, it } from 'vitest';
import { runOracle } from '../src/engine/oracle.ts';
import { Status } from '../src/engine/types.ts';
import { planUnits } from '../src/run/plan.ts';
import type { Knob, Strategy } from '../src/strategies/types.ts';
import { always, fakeStream, type Scripted, scriptedWorld, TEST_MODELS } from './engine-support.ts';

describe('runOracle', () => {
  // [cheap, mid, strong] per request: score and actual cost, or an error.
  const table: Record<number, Scripted[]> = {
    0: [
      { ok: true, latencyMs: 100, score: 0, costUsd: 0.001 },
      { ok: true, latencyMs: 200, score: 1, costUsd: 0.01 },
      { ok: true, latencyMs: 300, score: 1, costUsd: 0.1 },
    ],
    // Nobody right: the cheapest by this request's actual cost (mid: cheap answered verbosely).
    1: [
      { ok: true, latencyMs: 100, score: 0, costUsd: 0.02 },
      { ok: true, latencyMs: 200, score: 0, costUsd: 0.01 },
      { ok: true, latencyMs: 300, score: 0, costUsd: 0.1 },
    ],
    // Open-ended scores; cheap is rate-limited and left out.
    2: [
      { ok: false, kind: 'rate_limit' },
      { ok: true, latencyMs: 200, score: 0.6, costUsd: 0.01 },
      { ok: true, latencyMs: 300, score: 0.9, costUsd: 0.1 },
    ],
    3: [
      { ok: false, kind: 'server_error' },
      { ok: false, kind: 'server_error' },
      { ok: false, kind: 'rate_limit' },
    ],
  };
  const order = ['cheap', 'mid', 'strong'];

  it('picks the cheapest model with the best first-sample score', () => {
    const world = scriptedWorld((input) => table[input.requestIndex!]![order.indexOf(input.model)]!);
    const oracle = runOracle({ stream: fakeStream([0, 10, 20, 30]), world, models: TEST_MODELS });
    expect(oracle.name).toBe('oracle');
    expect(oracle.family).toBe('oracle');
    expect([...oracle.columns.model]).toEqual([1, 1, 2, 255]);
    expect([...oracle.columns.cost]).toEqual([0.01, 0.01, 0.1, 0]);
    expect([...oracle.columns.score]).toEqual([1, 0, Math.fround(0.9), 0]);
    expect([...oracle.columns.latency].slice(0, 3)).toEqual([200, 200, 300]);
    expect([...oracle.columns.status]).toEqual([
      Status.answered,
      Status.answered,
      Status.answered,
      Status.rateLimited,
    ]);
    // Every candidate once, at arrival, attempt 0.
    expect(
      world.inputs.filter((input) => input.requestIndex === 2).map((input) => [input.startMs, input.attempt]),
    ).toEqual([
      [20, 0],
      [20, 0],
      [20, 0],
    ]);
    expect(world.ledger.size).toBe(0);
  });
});

describe('planUnits', () => {
  function knobbed(threshold: number): Strategy {
    const knob: Knob = {
      name: 'threshold',
      values: [0.2, 0.8],
      weak: 'cheap',
      strong: 'strong',
      at: (value) => ({ ...knobbed(value), name: `knobbed@${value}` }),
    };
    return {
      name: 'knobbed',
      family: 'cascade',
      knob,
      route: always(threshold > 0.5 ? 'strong' : 'cheap').route,
    };
  }
  const oracleMarker: Strategy = {
    name: 'oracle',
    family: 'oracle',
    route: () => {
      throw new Error('not routed');
    },
  };

  it('plans scenario strategies, knob sweeps and the missing single-model baselines', () => {
    const units = planUnits(
      [
        { label: 'always-mid', build: () => always('mid') },
        { label: 'oracle', build: () => oracleMarker },
        { label: 'knobbed', build: () => knobbed(0.5) },
      ],
      TEST_MODELS,
    );
    expect(units.map((unit) => [unit.label, unit.kind, unit.knobValue])).toEqual([
      ['always-mid', 'strategy', undefined],
      ['knobbed', 'strategy', undefined],
      ['knobbed@0.2', 'sweep', 0.2],
      ['knobbed@0.8', 'sweep', 0.8],
      ['always-cheap', 'single', undefined],
      ['always-strong', 'single', undefined],
    ]);
    const sweep = units[3]!;
    expect(sweep.build().name).toBe('knobbed@0.8');
    expect(sweep.build()).not.toBe(sweep.build());
    const single = units[5]!.build();
    expect([single.name, single.family]).toEqual(['always-strong', 'baseline']);
  });
});
