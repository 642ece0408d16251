/**
 * Predictions of a model file for a set of candidates: features once per request, then one
 * sparse dot product per candidate (a few hundred multiply-adds each).
 *
 * Predictions are a pure function of (model file, candidate order, request), and a simulation
 * asks for the same ones over and over (every `learned@α` sweep point replays the same stream
 * objects), so they are cached per request object (prediction-cache.ts): computed once per request,
 * and dropped with the request when the stream no longer holds it (memory follows the stream).
 */
import { createFeatureExtractor, type FeatureInput } from './features.ts';
import { sigmoid } from './logistic.ts';
import type { RouterModelFile } from './model-file.ts';
import { createPredictionCache, type PredictionCache } from './prediction-cache.ts';

export interface RouterPredictor {
  /** Candidates in the order predictions are written. */
  readonly models: readonly string[];
  /** Write P(good answer) of each candidate for `request` into `out` (length ≥ models.length). */
  predict(request: FeatureInput, out: Float64Array): void;
}

/** Cached predictions: model file → candidate order → request object → P per candidate. */
const predictionCache = new WeakMap<RouterModelFile, Map<string, PredictionCache>>();

function cacheFor(file: RouterModelFile, models: readonly string[]): PredictionCache {
  let byOrder = predictionCache.get(file);
  if (byOrder === undefined) {
    byOrder = new Map();
    predictionCache.set(file, byOrder);
  }
  const key = models.join('\n');
  let cache = byOrder.get(key);
  if (cache === undefined) {
    cache = createPredictionCache(models.length);
    byOrder.set(key, cache);
  }
  return cache;
}

/** A predictor over `models` (each must be in the file). */
export function createRouterPredictor(file: RouterModelFile, models: readonly string[]): RouterPredictor {
  const cache = cacheFor(file, models);
  const extract = createFeatureExtractor(file.features);
  const count = models.length;
  const entries = models.map((model) => {
    const entry = file.models[model];
    if (entry === undefined) throw new RangeError(`model ${model} is not in the model file`);
    return entry;
  });
  // Feature-major layout: the candidates' weights of one feature are adjacent, so each non-zero
  // feature costs one or two cache lines instead of one miss per candidate.
  const dimension = entries[0]?.weights.length ?? 0;
  const weights = new Float64Array(dimension * count);
  entries.forEach((entry, candidate) => {
    entry.weights.forEach((value, index) => {
      weights[index * count + candidate] = value;
    });
  });
  const biases = Float64Array.from(entries, (entry) => entry.bias);
  const sums = new Float64Array(count);
  return {
    models: [...models],
    predict(request, out) {
      if (cache.read(request, out)) return;
      const { indices, values, length } = extract(request);
      sums.set(biases);
      for (let entry = 0; entry < length; entry++) {
        const base = indices[entry]! * count;
        const value = values[entry]!;
        for (let candidate = 0; candidate < count; candidate++)
          sums[candidate]! += weights[base + candidate]! * value;
      }
      for (let candidate = 0; candidate < count; candidate++) out[candidate] = sigmoid(sums[candidate]!);
      cache.keep(request, out);
    },
  };
}
