/**
 * L2-regularised logistic regression on sparse rows, fitted by plain SGD — deterministic: a fixed
 * number of epochs, each over the rows in an order drawn from keyed uniforms of (seed, epoch).
 *
 * Objective: (1/n) Σ ℓ(yᵢ, σ(w·xᵢ + b)) + (λ/2)‖w‖², with ℓ the cross-entropy. Targets may be
 * soft (y ∈ [0, 1]): for 0/1 targets the fit is P(y = 1 | x); for graded scores it is the
 * expected score. The bias is not regularised.
 *
 * One step on row x with rate η: p = σ(w·x + b), g = p − y; w ← (1 − ηλ)·w − η·g·x; b ← b − η·g.
 * The weight decay touches every weight, so w is stored as s·v (Bottou's trick): the decay only
 * multiplies the scalar s, and a step costs O(non-zeros of x). Rate of epoch e: η₀ / (1 + e).
 */
import { keyedUniform, stringKey } from '../world/random.ts';
import type { SparseFeatures } from './features.ts';

/** Rows in compressed sparse row form. */
export interface SparseDataset {
  dimension: number;
  count: number;
  /** Row r holds entries [rowStart[r], rowStart[r + 1]). */
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

export interface LogisticOptions {
  /** Passes over the data. @default 10 */
  epochs?: number;
  /** Initial SGD rate η₀; epoch e uses η₀ / (1 + e). @default 0.1 */
  learningRate?: number;
  /** L2 strength λ (per the mean loss). @default 1e-5 */
  l2?: number;
  /** Keys the row order of each epoch. @default 0 */
  seed?: number;
  /** Visit rows in a keyed random order; false = row order (tests, hand-computed steps). @default true */
  shuffle?: boolean;
}

export interface LogisticWeights {
  bias: number;
  weights: Float64Array;
}

const SHUFFLE_STREAM = stringKey('learn-shuffle');

/** Pack sparse vectors (each copied) into a dataset. */
export function buildDataset(vectors: readonly SparseFeatures[], dimension: number): SparseDataset {
  let total = 0;
  for (const vector of vectors) total += vector.length;
  const rowStart = new Int32Array(vectors.length + 1);
  const indices = new Int32Array(total);
  const values = new Float64Array(total);
  let at = 0;
  vectors.forEach((vector, row) => {
    for (let entry = 0; entry < vector.length; entry++) {
      const index = vector.indices[entry]!;
      if (index < 0 || index >= dimension) throw new RangeError(`feature ${index} outside [0, ${dimension})`);
      indices[at] = index;
      values[at] = vector.values[entry]!;
      at++;
    }
    rowStart[row + 1] = at;
  });
  return { dimension, count: vectors.length, rowStart, indices, values };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** w·x + b of one dataset row. */
export function rowLogit(model: LogisticWeights, data: SparseDataset, row: number): number {
  let sum = model.bias;
  for (let entry = data.rowStart[row]!; entry < data.rowStart[row + 1]!; entry++) {
    sum += model.weights[data.indices[entry]!]! * data.values[entry]!;
  }
  return sum;
}

/**
 * Fit one logistic regression. `targets[r]` in [0, 1]; NaN skips row r (e.g. the model's call
 * failed, so there is no outcome to learn from).
 */
export function trainLogistic(
  data: SparseDataset,
  targets: Float64Array,
  options: LogisticOptions = {},
): LogisticWeights {
  const epochs = options.epochs ?? 10;
  const rate0 = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 1e-5;
  const seed = options.seed ?? 0;
  const rows: number[] = [];
  for (let row = 0; row < data.count; row++) if (!Number.isNaN(targets[row]!)) rows.push(row);
  const v = new Float64Array(data.dimension);
  let scale = 1;
  let bias = 0;
  const { rowStart, indices, values } = data;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = options.shuffle === false ? rows : keyedShuffle(rows, seed, epoch);
    const rate = rate0 / (1 + epoch);
    const decay = 1 - rate * l2;
    for (const row of order) {
      const start = rowStart[row]!;
      const end = rowStart[row + 1]!;
      let dot = 0;
      for (let entry = start; entry < end; entry++) dot += v[indices[entry]!]! * values[entry]!;
      const gradient = sigmoid(scale * dot + bias) - targets[row]!;
      scale *= decay;
      const step = (rate * gradient) / scale;
      for (let entry = start; entry < end; entry++) v[indices[entry]!]! -= step * values[entry]!;
      bias -= rate * gradient;
      if (scale < 1e-6) {
        for (let index = 0; index < v.length; index++) v[index]! *= scale;
        scale = 1;
      }
    }
  }
  for (let index = 0; index < v.length; index++) v[index]! *= scale;
  return { bias, weights: v };
}

/** Fisher–Yates with keyed uniforms of (seed, epoch, k): the same order on every machine. */
function keyedShuffle(rows: readonly number[], seed: number, epoch: number): number[] {
  const order = rows.slice();
  for (let k = order.length - 1; k > 0; k--) {
    const pick = Math.floor(keyedUniform(seed, SHUFFLE_STREAM, epoch, k) * (k + 1));
    const held = order[k]!;
    order[k] = order[pick]!;
    order[pick] = held;
  }
  return order;
}
