/**
 * The run plan: which units (one strategy over the whole stream, each with a fresh world) a
 * simulation runs, in the order they are reported. Scenario strategies first, then every knob
 * value of the knobbed ones (the APGR/CPT sweep), then `always-<model>` for every candidate
 * the scenario does not already run (the single-model points of the zero router). The oracle
 * is not a unit: runOracle computes it.
 *
 * With k world seeds (`--seeds k`), the scenario strategies run k − 1 more times, each in the
 * world of seed j (contracts/world-seed.ts) — and so does the reference when it is a single
 * model (the intervals compare against it in each world) — after everything above: one work item per (unit,
 * seed), so a plan splits into shards without a special case. Sweep points, single models and the
 * oracle stay in the plain run's world (seed 0): they draw the hull and the knob curves, not the
 * intervals.
 *
 * Without research (`simulate --no-research`, for production-volume runs) the plan keeps the
 * scenario strategies, the single model the reference names when it is not one of them (the one
 * unit the metrics pair every strategy with), and their seed copies: no sweep points, no other
 * single models. The oracle is computed either way.
 */
import { alwaysModel } from '../strategies/baselines.ts';
import type { ModelInfo, Strategy } from '../strategies/types.ts';

export interface PlannedUnit {
  /** e.g. "cascade", "cascade@0.7", "always-gpt-4o". */
  label: string;
  kind: 'strategy' | 'sweep' | 'single';
  /** The knob value of a sweep point. */
  knobValue?: number;
  /** Runs a user's module (its code may call providers through an SDK: it needs the wire engine). */
  userCode?: boolean;
  /**
   * The world seed index j (contracts/world-seed.ts) this unit runs in; absent for the plain run's
   * world (j = 0). A (label, seedIndex) pair names one work item.
   */
  seedIndex?: number;
  /** A fresh strategy (strategies keep state in closures; every run starts clean). */
  build(): Strategy;
}

/** The work-item key of a unit: its label, and `#s<j>` for a world seed j ≥ 1. */
export function unitKey(unit: { label: string; seedIndex?: number }): string {
  return unit.seedIndex === undefined ? unit.label : `${unit.label}#s${unit.seedIndex}`;
}

export interface StrategyBuilder {
  label: string;
  /** The strategy is a user's module (scenario `module:`). @default false */
  userCode?: boolean;
  build(): Strategy;
  /**
   * An instance already built (e.g. by buildStrategiesAsync, which validates every option): its
   * family and knob are read from it instead of building one more. @default one built here
   */
  probe?: Strategy;
}

export interface PlanOptions {
  /**
   * Plan the research units: every knob value of a knobbed strategy (sweep points) and
   * `always-<model>` for every candidate (single models). false keeps only the single model the
   * reference names, when the scenario does not run it itself (`simulate --no-research`).
   * @default true
   */
  research?: boolean;
}

export function planUnits(
  builders: readonly StrategyBuilder[],
  models: readonly ModelInfo[],
  seeds = 1,
  reference?: string,
  options: PlanOptions = {},
): PlannedUnit[] {
  const research = options.research !== false;
  const units: PlannedUnit[] = [];
  const sweeps: PlannedUnit[] = [];
  for (const builder of builders) {
    const probe = builder.probe ?? builder.build();
    if (probe.family === 'oracle') continue;
    const userCode = builder.userCode === true ? { userCode: true } : {};
    units.push({ label: builder.label, kind: 'strategy', ...userCode, build: builder.build });
    const knob = probe.knob;
    if (knob === undefined || !research) continue;
    for (const value of knob.values) {
      sweeps.push({
        label: `${builder.label}@${value}`,
        kind: 'sweep',
        knobValue: value,
        ...userCode,
        build: () => {
          const fresh = builder.build().knob;
          if (fresh === undefined) throw new Error(`strategy ${builder.label} lost its knob between builds`);
          return fresh.at(value);
        },
      });
    }
  }
  const taken = new Set(units.map((unit) => unit.label));
  const singles: PlannedUnit[] = [];
  for (const model of models) {
    const label = `always-${model.id}`;
    if (taken.has(label) || (!research && label !== reference)) continue;
    taken.add(label);
    singles.push({ label, kind: 'single', build: () => alwaysModel(model.id) });
  }
  const reseeded: PlannedUnit[] = [];
  for (let seedIndex = 1; seedIndex < seeds; seedIndex++)
    for (const unit of [...units, ...singles])
      if (unit.kind === 'strategy' || unit.label === reference) reseeded.push({ ...unit, seedIndex });
  return [...units, ...sweeps, ...singles, ...reseeded];
}
