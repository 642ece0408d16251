/**
 * Calibrate the learned router's default threshold α on its own training rows, the way RouteLLM
 * calibrates: RouteLLM picks the threshold that gives a target share of strong-model calls on a
 * calibration set. Our router is multi-model ("the cheapest candidate with predicted P ≥ α"), so a
 * strong-call share says little; the target is a share of quality instead:
 *
 *   the smallest α (in steps of 0.01) at which the router, replayed on the training rows where
 *   every candidate answered, reaches `qualityShare` (@default 0.95) of the mean score of the best
 *   single model on those rows.
 *
 * 0.95 is RouteLLM's own operating point: at CPT(50%) its best router keeps 95% of GPT-4's
 * MT-Bench score (8.8 vs 9.3; ../shared/data/realism-anchors.md §1e). The replay uses the rounded
 * weights the router loads, and the router's own rule: candidates ordered cheapest first — by
 * blended catalog price per token (3 input : 1 output), exactly as src/strategies/learned.ts
 * orders them, when the caller gives the prices, else by the mean billed cost of a call on these
 * rows — the first with P ≥ α, else the one with the highest P. The file records the order used.
 * In-sample by design (the calibration set is the training set, as RouteLLM calibrates on data
 * it has); the held-out AUCs say how well the router generalises. Pure and deterministic.
 */
import type { FeatureInput } from './features.ts';
import type { RouterCalibration, RouterModelFile } from './model-file.ts';
import { createRouterPredictor } from './predict.ts';

/** RouteLLM's operating point: 95% of the strong model's quality (see the file comment). */
export const DEFAULT_QUALITY_SHARE = 0.95;
/** α is searched on this grid: 0.01, 0.02, …, 0.99. */
const STEPS = 100;

/** A training row as calibration sees it: the request and what every candidate scored and cost. */
export interface CalibrationRow {
  request: FeatureInput;
  /** Observed score in [0, 1] per model that answered. */
  scores: Record<string, number>;
  /** Billed USD per model that answered. */
  costs: Record<string, number>;
}

export const CALIBRATION_TARGET =
  'the smallest α (step 0.01) at which the router, replayed on its training rows where every candidate answered, reaches qualityShare of the best single model’s mean score there (RouteLLM calibrates its threshold on a calibration set for a target; 0.95 is its CPT(50%) operating point on MT-Bench)';

/** The calibration of `file` on `rows` (its training rows); undefined when no row has every candidate. */
export interface CalibrationOptions {
  /** Share of the best single model's quality to reach, (0, 1]. @default 0.95 */
  qualityShare?: number;
  /**
   * Blended USD per token of each model (as the strategy orders candidates). @default none: order
   * by the mean billed cost per call on the rows (also when a model has no price here)
   */
  pricePerToken?: Readonly<Record<string, number>>;
}

export function calibrateThreshold(
  file: RouterModelFile,
  rows: readonly CalibrationRow[],
  options: CalibrationOptions = {},
): RouterCalibration | undefined {
  const qualityShare = options.qualityShare ?? DEFAULT_QUALITY_SHARE;
  const prices = options.pricePerToken;
  const models = Object.keys(file.models);
  const complete = rows.filter((row) =>
    models.every((model) => row.scores[model] !== undefined && row.costs[model] !== undefined),
  );
  if (complete.length === 0 || models.length === 0) return undefined;
  const meanOf = (model: string, of: 'scores' | 'costs') =>
    complete.reduce((sum, row) => sum + row[of][model]!, 0) / complete.length;
  const byPrice = prices !== undefined && models.every((model) => prices[model] !== undefined);
  const order = models
    .map((model, index) => ({ model, index, cost: byPrice ? prices[model]! : meanOf(model, 'costs') }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index)
    .map((entry) => entry.model);
  let reference = order[0]!;
  for (const model of models) if (meanOf(model, 'scores') > meanOf(reference, 'scores')) reference = model;
  const referenceQuality = meanOf(reference, 'scores');
  const referenceCost = meanOf(reference, 'costs');
  const target = qualityShare * referenceQuality;

  const predictor = createRouterPredictor(file, order);
  const count = order.length;
  const predictions = complete.map((row) => {
    const out = new Float64Array(count);
    predictor.predict(row.request, out);
    return out;
  });
  const scores = complete.map((row) => Float64Array.from(order, (model) => row.scores[model]!));
  const costs = complete.map((row) => Float64Array.from(order, (model) => row.costs[model]!));

  let best: { threshold: number; quality: number; cost: number } | undefined;
  for (let step = 1; step < STEPS; step++) {
    const threshold = step / STEPS;
    let quality = 0;
    let cost = 0;
    predictions.forEach((probabilities, row) => {
      const chosen = choose(probabilities, threshold);
      quality += scores[row]![chosen]!;
      cost += costs[row]![chosen]!;
    });
    const point = { threshold, quality: quality / complete.length, cost: cost / complete.length };
    if (point.quality >= target) {
      best = point;
      break;
    }
    if (best === undefined || point.quality > best.quality) best = point;
  }
  const chosen = best!;
  return {
    target: CALIBRATION_TARGET,
    qualityShare,
    reference,
    referenceQuality: round(referenceQuality),
    threshold: chosen.threshold,
    reached: chosen.quality >= target,
    quality: round(chosen.quality),
    costShare: referenceCost > 0 ? round(chosen.cost / referenceCost) : null,
    rows: complete.length,
    orderBy: byPrice ? 'blended catalog price' : 'mean billed cost per call',
    order,
  };
}

/** The router's rule (src/strategies/learned.ts): the first with P ≥ α, else the highest P. */
function choose(probabilities: Float64Array, threshold: number): number {
  let best = 0;
  for (let candidate = 0; candidate < probabilities.length; candidate++) {
    if (probabilities[candidate]! >= threshold) return candidate;
    if (probabilities[candidate]! > probabilities[best]!) best = candidate;
  }
  return best;
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;
