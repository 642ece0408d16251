import { describe, expect, it } from 'vitest';
import { rocAuc } from '../src/learn/auc.ts';
import type { SparseFeatures } from '../src/learn/features.ts';
import { buildDataset, rowLogit, sigmoid, trainLogistic } from '../src/learn/logistic.ts';
import { keyedNormal, keyedUniform } from '../src/world/random.ts';

function sparse(entries: [number, number][]): SparseFeatures {
  return {
    indices: Int32Array.from(entries.map(([index]) => index)),
    values: Float64Array.from(entries.map(([, value]) => value)),
    length: entries.length,
  };
}

const s = (z: number) => 1 / (1 + Math.exp(-z));

describe('trainLogistic', () => {
  it('matches SGD steps computed by hand (weight decay, bias, rate η₀/(1+e))', () => {
    const data = buildDataset([sparse([[0, 1]]), sparse([[1, 2]])], 2);
    const fit = trainLogistic(data, Float64Array.from([1, 0]), {
      epochs: 2,
      learningRate: 0.5,
      l2: 0.1,
      shuffle: false,
    });
    // Epoch 0, η = 0.5, decay 0.95.
    // Row 0: p = σ(0) = 0.5, g = −0.5 → w0 = 0.25, b = 0.25.
    let w0 = 0.25;
    let w1 = 0;
    let b = 0.25;
    // Row 1: p = σ(2·0 + 0.25), g = p → w0 = 0.95·0.25, w1 = −0.5·g·2, b = 0.25 − 0.5·g.
    let g = s(0.25);
    w0 *= 0.95;
    w1 = -0.5 * g * 2;
    b -= 0.5 * g;
    // Epoch 1, η = 0.25, decay 0.975.
    g = s(w0 + b) - 1;
    w0 = 0.975 * w0 - 0.25 * g;
    w1 *= 0.975;
    b -= 0.25 * g;
    g = s(2 * w1 + b);
    w0 *= 0.975;
    w1 = 0.975 * w1 - 0.25 * g * 2;
    b -= 0.25 * g;
    expect(fit.weights[0]).toBeCloseTo(w0, 12);
    expect(fit.weights[1]).toBeCloseTo(w1, 12);
    expect(fit.bias).toBeCloseTo(b, 12);
  });

  it('skips rows whose target is NaN', () => {
    const data = buildDataset([sparse([[0, 1]]), sparse([[0, 1]])], 1);
    const withNaN = trainLogistic(data, Float64Array.from([1, Number.NaN]), {
      epochs: 1,
      learningRate: 0.5,
      l2: 0,
      shuffle: false,
    });
    expect(withNaN.bias).toBeCloseTo(0.25, 12);
    expect(withNaN.weights[0]).toBeCloseTo(0.25, 12);
  });

  it('separates a linearly separable sparse problem (held-out accuracy > 95%, AUC > 0.98)', () => {
    const dimension = 200;
    const truth = Float64Array.from({ length: dimension }, (_, index) => keyedNormal(3, 1, index));
    const make = (offset: number, count: number) => {
      const vectors: SparseFeatures[] = [];
      const labels: number[] = [];
      for (let row = 0; row < count; row++) {
        const entries: [number, number][] = [];
        for (let k = 0; k < 12; k++) {
          const index = Math.floor(keyedUniform(3, 2, offset + row, k) * dimension);
          entries.push([index, keyedUniform(3, 3, offset + row, k) < 0.5 ? -1 : 1]);
        }
        const margin = entries.reduce((sum, [index, value]) => sum + truth[index]! * value, 0);
        vectors.push(sparse(entries));
        labels.push(margin > 0 ? 1 : 0);
      }
      return { data: buildDataset(vectors, dimension), labels };
    };
    const train = make(0, 4000);
    const test = make(100_000, 1000);
    const fit = trainLogistic(train.data, Float64Array.from(train.labels), {
      seed: 1,
      epochs: 20,
      learningRate: 0.5,
      l2: 1e-6,
    });
    let correct = 0;
    const predictions: number[] = [];
    for (let row = 0; row < test.data.count; row++) {
      const p = sigmoid(rowLogit(fit, test.data, row));
      predictions.push(p);
      if (p >= 0.5 === (test.labels[row] === 1)) correct++;
    }
    expect(correct / test.data.count).toBeGreaterThan(0.95);
    expect(
      rocAuc(
        predictions,
        test.labels.map((label) => label === 1),
      ),
    ).toBeGreaterThan(0.98);
  });

  it('is deterministic for a seed, and the seed changes the row order', () => {
    const data = buildDataset(
      Array.from({ length: 50 }, (_, row) =>
        sparse([
          [row % 7, 1],
          [7 + (row % 3), keyedNormal(9, 1, row)],
        ]),
      ),
      10,
    );
    const targets = Float64Array.from({ length: 50 }, (_, row) => (keyedUniform(9, 2, row) < 0.4 ? 1 : 0));
    const a = trainLogistic(data, targets, { seed: 5 });
    const b = trainLogistic(data, targets, { seed: 5 });
    const c = trainLogistic(data, targets, { seed: 6 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.weights)).not.toEqual(Array.from(c.weights));
  });
});

describe('rocAuc', () => {
  it('is the Mann–Whitney probability, ties counting one half', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ranked right.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(rocAuc([0.2, 0.9, 0.9], [false, true, false])).toBe(0.75);
    expect(rocAuc([0.2, 0.9], [true, true])).toBeNull();
  });
});
