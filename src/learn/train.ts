/**
 * Fit the learned router: features of every row, one logistic regression per candidate model
 * on the training rows, AUC per model on the held-out rows, and — when the rows carry observed
 * outcomes — the default threshold calibrated on the training rows (calibrate.ts), all into a
 * model file. Pure and
 * deterministic: the same rows and options give the same file, byte for byte.
 */
import { keyedUniform, stringKey } from '../world/random.ts';
import { rocAuc } from './auc.ts';
import { calibrateThreshold } from './calibrate.ts';
import {
  createFeatureExtractor,
  DEFAULT_FEATURE_CONFIG,
  type FeatureConfig,
  featureDimension,
  type SparseFeatures,
} from './features.ts';
import type { LabelRule } from './labels.ts';
import { buildDataset, type LogisticOptions, rowLogit, sigmoid, trainLogistic } from './logistic.ts';
import {
  MODEL_FILE_KIND,
  MODEL_FILE_SCHEMA_VERSION,
  MODEL_TARGET,
  MODEL_TARGET_BEST,
  type ModelWeights,
  type RouterModelFile,
  roundTo,
  type TrainingProvenance,
  WEIGHT_DECIMALS,
} from './model-file.ts';
import { conversationText } from './prompt-key.ts';
import type { TrainingRow } from './training-row.ts';

export interface TrainRouterOptions extends LogisticOptions {
  /** Candidate models to fit. @default every model with a score, in first-seen order */
  models?: readonly string[];
  /** Templates whose rows are held out of training (the AUC is measured on them). */
  heldOutTemplates?: readonly string[];
  /** Without held-out templates: the keyed share of rows held out instead. @default 0.2 */
  heldOutShare?: number;
  /**
   * A prompt split (src/learn/split.ts): rows whose id is in `heldOutIds` are held out, every
   * other row trains; recorded with both id lists so an evaluation can prove it never saw them.
   * Takes precedence over templates and share.
   */
  split?: { share: number; seed: number; strata: 'category' | 'none'; heldOutIds: readonly string[] };
  /** The label rule the scores were made with (labels.ts), recorded in the file. @default 'score' */
  label?: LabelRule;
  /** Hashed buckets. @default 4096 */
  hashBuckets?: number;
  /** System-prompt words hashed. @default 16 */
  systemWords?: number;
  /** Tier names for the one-hot. @default the tiers seen in the rows, sorted */
  tiers?: readonly string[];
  /**
   * Share of the best single model's quality the calibrated default threshold must reach on the
   * training rows (calibrate.ts); used only when the rows carry `observed` outcomes. @default 0.95
   */
  qualityShare?: number;
  /** Blended USD per token per model, to order candidates as the strategy does (calibrate.ts). */
  pricePerToken?: Readonly<Record<string, number>>;
  /** Provenance for the file: source name, hash and format. */
  source: Pick<TrainingProvenance, 'source' | 'sourceHash' | 'format'>;
}

/** Defaults of the SGD fit (see logistic.ts), recorded in every file. */
export const TRAIN_DEFAULTS = { epochs: 10, learningRate: 0.1, l2: 1e-5, heldOutShare: 0.2 } as const;

const HOLDOUT_STREAM = stringKey('learn-holdout');

export function trainRouter(rows: readonly TrainingRow[], options: TrainRouterOptions): RouterModelFile {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? TRAIN_DEFAULTS.epochs;
  const learningRate = options.learningRate ?? TRAIN_DEFAULTS.learningRate;
  const l2 = options.l2 ?? TRAIN_DEFAULTS.l2;
  const models = options.models ?? modelsSeen(rows);
  const tiers = options.tiers ?? [...new Set(rows.map((row) => row.request.tier))].sort();
  const features: FeatureConfig = {
    hashBuckets: options.hashBuckets ?? DEFAULT_FEATURE_CONFIG.hashBuckets,
    systemWords: options.systemWords ?? DEFAULT_FEATURE_CONFIG.systemWords,
    tiers: [...tiers],
  };
  const heldOutTemplates = options.heldOutTemplates ?? [];
  const heldOutShare = options.heldOutShare ?? TRAIN_DEFAULTS.heldOutShare;
  const heldOutSet = new Set(heldOutTemplates);
  const split = options.split;
  const splitIds = new Set(split?.heldOutIds ?? []);
  const isHeldOut = (row: TrainingRow): boolean =>
    split !== undefined
      ? row.id !== undefined && splitIds.has(row.id)
      : heldOutTemplates.length > 0
        ? row.template !== undefined && heldOutSet.has(row.template)
        : // Keyed by the prompt's text, not its row: duplicates share a side, and removing a row
          // moves no other prompt across.
          keyedUniform(seed, HOLDOUT_STREAM, stringKey(conversationText(row.request.messages))) <
          heldOutShare;

  const extract = createFeatureExtractor(features);
  const trainVectors: SparseFeatures[] = [];
  const testVectors: SparseFeatures[] = [];
  const trainRows: TrainingRow[] = [];
  const testRows: TrainingRow[] = [];
  for (const row of rows) {
    const vector = copy(extract(row.request));
    if (isHeldOut(row)) {
      testVectors.push(vector);
      testRows.push(row);
    } else {
      trainVectors.push(vector);
      trainRows.push(row);
    }
  }
  const dimension = featureDimension(features);
  const train = buildDataset(trainVectors, dimension);
  const test = buildDataset(testVectors, dimension);

  const fitted: Record<string, ModelWeights> = {};
  for (const model of models) {
    const targets = scoresOf(trainRows, model);
    const fit = trainLogistic(train, targets, {
      epochs,
      learningRate,
      l2,
      seed,
      shuffle: options.shuffle ?? true,
    });
    const rounded = {
      bias: roundTo(fit.bias, WEIGHT_DECIMALS),
      weights: Float64Array.from(fit.weights, (value) => roundTo(value, WEIGHT_DECIMALS)),
    };
    // The AUC is measured with the rounded weights: those are what the router will use.
    const testTargets = scoresOf(testRows, model);
    const predictions: number[] = [];
    const labels: boolean[] = [];
    for (let row = 0; row < test.count; row++) {
      const target = testTargets[row]!;
      if (Number.isNaN(target)) continue;
      predictions.push(sigmoid(rowLogit(rounded, test, row)));
      labels.push(target >= 0.5);
    }
    const auc = rocAuc(predictions, labels);
    let sum = 0;
    let count = 0;
    for (const target of targets) {
      if (Number.isNaN(target)) continue;
      sum += target;
      count++;
    }
    fitted[model] = {
      bias: rounded.bias,
      heldOutAuc: auc === null ? null : roundTo(auc, 4),
      trainRows: count,
      heldOutRows: predictions.length,
      meanScore: count === 0 ? 0 : roundTo(sum / count, 4),
      weights: Array.from(rounded.weights),
    };
  }

  const file: RouterModelFile = {
    schemaVersion: MODEL_FILE_SCHEMA_VERSION,
    kind: MODEL_FILE_KIND,
    target: options.label === 'best' ? MODEL_TARGET_BEST : MODEL_TARGET,
    features,
    training: {
      ...options.source,
      seed,
      rows: rows.length,
      trainRows: trainRows.length,
      heldOutRows: testRows.length,
      heldOut: heldOutRecord(options, trainRows, testRows),
      ...(options.label === undefined ? {} : { label: options.label }),
      epochs,
      learningRate,
      l2,
    },
    models: fitted,
  };
  const calibrationRows = trainRows.flatMap((row) =>
    row.observed === undefined ? [] : [{ request: row.request, ...row.observed }],
  );
  const calibration = calibrateThreshold(file, calibrationRows, {
    ...(options.qualityShare === undefined ? {} : { qualityShare: options.qualityShare }),
    ...(options.pricePerToken === undefined ? {} : { pricePerToken: options.pricePerToken }),
  });
  return calibration === undefined ? file : { ...file, calibration };
}

function heldOutRecord(
  options: TrainRouterOptions,
  trainRows: readonly TrainingRow[],
  testRows: readonly TrainingRow[],
): TrainingProvenance['heldOut'] {
  const { split } = options;
  if (split !== undefined) {
    return {
      split: { share: split.share, seed: split.seed, strata: split.strata },
      trainIds: trainRows.map((row) => row.id ?? ''),
      heldOutIds: testRows.map((row) => row.id ?? ''),
    };
  }
  const templates = options.heldOutTemplates ?? [];
  if (templates.length > 0) return { templates: [...templates] };
  return { share: options.heldOutShare ?? TRAIN_DEFAULTS.heldOutShare };
}

function modelsSeen(rows: readonly TrainingRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const model of Object.keys(row.scores)) seen.add(model);
  return [...seen];
}

function scoresOf(rows: readonly TrainingRow[], model: string): Float64Array {
  return Float64Array.from(rows, (row) => row.scores[model] ?? Number.NaN);
}

function copy(vector: SparseFeatures): SparseFeatures {
  return {
    indices: vector.indices.slice(0, vector.length),
    values: vector.values.slice(0, vector.length),
    length: vector.length,
  };
}
