/**
 * An outcome the world looks up (replay) instead of drawing. The score is the table's, exactly;
 * correct ⇔ score ≥ 0.5. The confidence signals keep the quality model's formulas
 * (quality.ts) with a margin consistent with the recorded score:
 *
 * - a graded score s in (0, 1): margin = τ_d·Φ⁻¹(s), the margin at which the open-ended grade
 *   Φ(margin / τ_d) equals s (s = 0.5 gets a tiny positive margin: it counts as correct);
 * - a 0/1 score (a True/False table, or a judge's top or bottom grade): the table gives the sign,
 *   the quality model's draw for this (request, model, sample) gives the size,
 *   margin = ±|drawn margin| — so how sure a model sounds still varies from request to request
 *   the way the model's confidence profile says, but always on the side the table records.
 *
 * The noise terms η and ν are the same keyed draws as in quality.ts, so a recorded outcome that
 * agrees with the drawn one reproduces it exactly. A wrong recorded answer gets the request's
 * wrong-answer draw, as a drawn one would.
 */

import type { DomainParams, ModelSpec, Outcome } from '../contracts/index.ts';
import { confidenceSignals } from './confidence-signals.ts';
import { wrongAnswer } from './quality.ts';
import { inverseNormalCdf } from './random.ts';

/** Smallest |margin| given to a recorded outcome, so its sign always says right or wrong. */
export const MIN_RECORDED_MARGIN = 1e-6;

export interface RecordedOutcomeContext {
  seed: number;
  requestIndex: number;
  /** stringKey(model.id). */
  modelKey: number;
  sample: number;
  model: ModelSpec;
  /** Parameters of the request's domain (τ for graded scores, K for wrong answers). */
  params: DomainParams;
}

/** The margin consistent with recorded `score`, given the quality model's `drawnMargin`. */
export function recordedMargin(score: number, drawnMargin: number, tau: number): number {
  const correct = score >= 0.5;
  if (score > 0 && score < 1) {
    const margin = tau * inverseNormalCdf(score);
    return correct ? Math.max(margin, MIN_RECORDED_MARGIN) : Math.min(margin, -MIN_RECORDED_MARGIN);
  }
  const size = Math.max(Math.abs(drawnMargin), MIN_RECORDED_MARGIN);
  return correct ? size : -size;
}

/** The outcome with the recorded score; `drawn` is the quality model's outcome for the same call. */
export function recordedOutcome(drawn: Outcome, score: number, context: RecordedOutcomeContext): Outcome {
  const { seed, requestIndex, modelKey, sample, model, params } = context;
  const margin = recordedMargin(score, drawn.margin, params.tau);
  const correct = score >= 0.5;
  return {
    margin,
    correct,
    score,
    answerId: correct ? 0 : wrongAnswer(seed, requestIndex, modelKey, sample, params),
    ...confidenceSignals(model.confidence, margin, { seed, requestIndex, modelKey, sample }),
  };
}
