/**
 * Checks of a scenario's per-model reasoning knob against the catalog: the model reasons at all,
 * the knob is the kind its provider takes (an effort for OpenAI/Gemini, a thinking budget for
 * Anthropic), a budget that turns thinking on is at least 1,024 (Anthropic's minimum), and no
 * knob tries to switch off reasoning a model cannot stop (o-series, Gemini 2.5 Pro).
 */

import type { Catalog } from '../contracts/index.ts';
import { MIN_THINKING_BUDGET } from '../world/reasoning.ts';
import type { ReasoningKnob } from './types.ts';

export interface KnobProblem {
  /** The knob's field the message is about. */
  field: 'effort' | 'budget';
  message: string;
}

/** Every problem of one model's knob (empty when it is valid). */
export function reasoningKnobProblems(catalog: Catalog, id: string, knob: ReasoningKnob): KnobProblem[] {
  const spec = catalog.models.find((model) => model.id === id)?.reasoning;
  const problems: KnobProblem[] = [];
  const field = knob.effort !== undefined ? 'effort' : 'budget';
  if (spec === undefined) {
    problems.push({
      field,
      message: `"${id}" is not a reasoning model: it takes no ${field === 'effort' ? 'reasoning effort' : 'thinking budget'}`,
    });
    return problems;
  }
  if (spec.control === 'budget') {
    if (knob.effort !== undefined) {
      problems.push({
        field: 'effort',
        message: `"${id}" takes a thinking budget (budget: 1024 or more), not an effort`,
      });
    }
    if (knob.budget !== undefined && knob.budget > 0 && knob.budget < MIN_THINKING_BUDGET) {
      problems.push({
        field: 'budget',
        message: `thinking budget ${knob.budget} is below Anthropic's minimum of ${MIN_THINKING_BUDGET} tokens (0 keeps thinking off)`,
      });
    }
    return problems;
  }
  if (knob.budget !== undefined) {
    problems.push({
      field: 'budget',
      message:
        knob.budget === 0
          ? cannotDisable(id, spec.control)
          : `"${id}" takes a reasoning effort (low, medium, high), not a thinking budget`,
    });
  }
  if (knob.effort === 'none') problems.push({ field: 'effort', message: cannotDisable(id, spec.control) });
  return problems;
}

function cannotDisable(id: string, control: 'effort' | 'dynamic'): string {
  return control === 'dynamic'
    ? `thinking cannot be disabled on "${id}" (Gemini 2.5 Pro always thinks; choose low, medium or high)`
    : `"${id}" always reasons: its reasoning cannot be disabled (choose low, medium or high)`;
}
