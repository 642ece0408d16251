/**
 * A scenario's reasoning knob applied to a catalog model: the setting every call of the run gets
 * (ReasoningSpec.setting) and, where a published per-effort figure exists, the quality targets
 * at that effort (src/world/reasoning-quality.ts), so every part of routesim — strategies choosing the
 * strongest model, reports, the world — sees the model as configured.
 */

import type { ModelSpec, ReasoningSetting } from '../contracts/index.ts';
import type { InputIssue } from '../errors.ts';
import { shiftAt } from '../world/reasoning.ts';
import { specWithAccuracyShift } from '../world/reasoning-quality.ts';
import { reasoningKnobProblems } from './check-reasoning.ts';
import type { ReasoningKnob } from './types.ts';

export function withReasoningKnob(
  model: ModelSpec,
  knob: ReasoningKnob,
  path: (string | number)[],
  issues: InputIssue[],
): ModelSpec {
  const problems = reasoningKnobProblems({ source: '', providers: {}, models: [model] }, model.id, knob);
  for (const problem of problems) issues.push({ path: [...path, problem.field], message: problem.message });
  const spec = model.reasoning;
  if (problems.length > 0 || spec === undefined) return model;
  const setting: ReasoningSetting =
    spec.control === 'budget'
      ? { budgetTokens: knob.budget ?? 0 }
      : knob.effort === undefined || knob.effort === 'none'
        ? {}
        : { effort: knob.effort };
  const label =
    spec.control === 'budget' ? `thinking budget ${setting.budgetTokens}` : `${setting.effort} effort`;
  const shifted = specWithAccuracyShift(
    model,
    (domain) => shiftAt(spec, domain, setting),
    `${label} (scenario)`,
  );
  return { ...shifted, reasoning: { ...spec, setting } };
}
