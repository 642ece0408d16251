/**
 * The run plan: which units (one strategy over the whole stream, each with a fresh world) a
 * simulation runs, in the order they are reported. Scenario strategies first, then every knob
 * value of the knobbed ones (the APGR/CPT sweep), then `always-<model>` for every candidate
 * the scenario does not already run (the single-model points of the zero router). The oracle
 * is not a unit: runOracle computes it.
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
  /** A fresh strategy (strategies keep state in closures; every run starts clean). */
  build(): Strategy;
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

export function planUnits(builders: readonly StrategyBuilder[], models: readonly ModelInfo[]): PlannedUnit[] {
  const units: PlannedUnit[] = [];
  const sweeps: PlannedUnit[] = [];
  for (const builder of builders) {
    const probe = builder.probe ?? builder.build();
    if (probe.family === 'oracle') continue;
    const userCode = builder.userCode === true ? { userCode: true } : {};
    units.push({ label: builder.label, kind: 'strategy', ...userCode, build: builder.build });
    const knob = probe.knob;
    if (knob === undefined) continue;
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
    if (taken.has(label)) continue;
    taken.add(label);
    singles.push({ label, kind: 'single', build: () => alwaysModel(model.id) });
  }
  return [...units, ...sweeps, ...singles];
}
