/**
 * `simulate --no-research` plans the scenario strategies, the reference when the scenario does not
 * run it (the one single model the metrics pair with), their --seeds copies, and nothing else: no
 * sweep points, no other single models; the shard work list drops the judge-ε study and the
 * robustness re-runs with them. Without the flag the plan is what it always was.
 */
import { describe, expect, it } from 'vitest';
import { type PlannedUnit, planUnits, unitKey } from '../src/run/plan.ts';
import { shardedRun } from '../src/run/shard-work.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import type { Knob, Strategy } from '../src/strategies/types.ts';
import { always, TEST_MODELS } from './engine-support.ts';

function knobbed(): Strategy {
  const knob: Knob = {
    name: 'threshold',
    values: [0.2, 0.8],
    weak: 'cheap',
    strong: 'strong',
    at: (value) => ({ ...knobbed(), name: `knobbed@${value}` }),
  };
  return { name: 'knobbed', family: 'cascade', knob, route: always('cheap').route };
}

const builders = [
  { label: 'always-mid', build: () => always('mid') },
  { label: 'knobbed', build: knobbed },
];
const keys = (units: readonly PlannedUnit[]) => units.map((unit) => `${unitKey(unit)} ${unit.kind}`);

describe('planUnits without research', () => {
  it('keeps the scenario strategies and the single model the reference names, nothing else', () => {
    const units = planUnits(builders, TEST_MODELS, 1, 'always-strong', { research: false });
    expect(keys(units)).toEqual(['always-mid strategy', 'knobbed strategy', 'always-strong single']);
  });

  it('adds no single model when the reference is a scenario strategy', () => {
    const units = planUnits(builders, TEST_MODELS, 1, 'always-mid', { research: false });
    expect(keys(units)).toEqual(['always-mid strategy', 'knobbed strategy']);
  });

  it('copies the strategies and the reference into every other world seed', () => {
    const units = planUnits(builders, TEST_MODELS, 3, 'always-strong', { research: false });
    expect(keys(units)).toEqual([
      'always-mid strategy',
      'knobbed strategy',
      'always-strong single',
      'always-mid#s1 strategy',
      'knobbed#s1 strategy',
      'always-strong#s1 single',
      'always-mid#s2 strategy',
      'knobbed#s2 strategy',
      'always-strong#s2 single',
    ]);
  });

  it('without the option (or with research: true) plans every sweep point and single model', () => {
    const plain = keys(planUnits(builders, TEST_MODELS, 1, 'always-strong'));
    expect(plain).toEqual([
      'always-mid strategy',
      'knobbed strategy',
      'knobbed@0.2 sweep',
      'knobbed@0.8 sweep',
      'always-cheap single',
      'always-strong single',
    ]);
    expect(keys(planUnits(builders, TEST_MODELS, 1, 'always-strong', { research: true }))).toEqual(plain);
  });
});

describe('the shard work list without research', () => {
  // A judge cascade (the judge-ε study) and robustness moves: both are research.
  const loaded = loadSimulationScenario('test/fixtures/simulate/robustness.yaml');

  it('holds the scenario strategies and the oracle only', async () => {
    const full = await shardedRun({ loaded });
    const reduced = await shardedRun({ loaded, research: false });
    const ids = (run: typeof full) => run.work.map((item) => item.id);
    expect(ids(full)).toContain('judge-epsilon');
    expect(ids(full).some((id) => id.startsWith('robustness:'))).toBe(true);
    expect(ids(full).some((id) => id.includes('@'))).toBe(true);
    const strategies = loaded.scenario.strategies
      .map((config) => config.name)
      .filter((name) => name !== 'oracle');
    expect(ids(reduced)).toEqual([...strategies.map((name) => `unit:${name}`), 'oracle']);
    // The reduced list is the full one's scenario strategies, at the same weights.
    const weights = new Map(full.work.map((item) => [item.id, item.weight]));
    for (const item of reduced.work) expect(item.weight).toBe(weights.get(item.id));
  });
});
