/**
 * The robustness step's reasoning-effort move, wired to the world's reasoning model: a model
 * reasons with a settable effort when its ReasoningSpec is OpenAI-style or Gemini-dynamic (Claude
 * thinks only with a budget, which effort does not set), and moving it to low or high is the
 * scenario knob applied to it (tokens, caps and, where published, accuracy).
 */
import type { ReasoningEffortHook } from '../robustness/reasoning-moves.ts';
import { withReasoningKnob } from '../scenario/reasoning-knob.ts';

export const reasoningEffortHook: ReasoningEffortHook = {
  reasons: (model) => model.reasoning !== undefined && model.reasoning.control !== 'budget',
  withEffort: (model, side) => withReasoningKnob(model, { effort: side }, [], []),
  band: 'o3-mini ≈ 1.1k hidden tokens a coding request at medium, ≈ 3.7k at high (Artificial Analysis, realism-anchors.md §2b), low ≈ 0.3× (assumption); Gemini 2.5 Pro low/high cap thinking at 1,024/24,576 (Google OpenAI-compatible mapping); accuracy moves only where OpenAI published per-effort scores (o3-mini GPQA, AIME, SWE-bench)',
};
