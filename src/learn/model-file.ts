/**
 * The learned router's model file: the feature configuration, one logistic regression per
 * candidate model, and where the fit came from. Weights are rounded to fixed decimals so the
 * same training run writes the same bytes. Pure: parsing takes text, the loader reads files.
 */
import { z } from 'zod';
import { InputError, type InputIssue } from '../errors.ts';
import { featureDimension } from './features.ts';
import { LABEL_RULES } from './labels.ts';

export const MODEL_FILE_SCHEMA_VERSION = 1;
export const MODEL_FILE_KIND = 'routesim-learned-router';
/** Decimals kept for weights and biases in the file. */
export const WEIGHT_DECIMALS = 4;

/** What the regression predicts (stated in every file). */
export const MODEL_TARGET =
  'per model, σ(w·x + b) fitted by cross-entropy to the score in [0, 1]: P(correct) for 0/1 scores, the expected score for graded ones';
/** The target of files trained with label `best` (labels.ts). */
export const MODEL_TARGET_BEST =
  'per model, σ(w·x + b) fitted by cross-entropy to the label "best" (1 when no candidate scored higher on the prompt, ties included): P(this model is among the best)';

const featureConfigSchema = z.strictObject({
  hashBuckets: z
    .number()
    .int()
    .min(2)
    .refine((value) => (value & (value - 1)) === 0, 'expected a power of two'),
  systemWords: z.number().int().min(0),
  tiers: z.array(z.string()),
});

const modelWeightsSchema = z.strictObject({
  bias: z.number(),
  weights: z.array(z.number()),
  /** AUC on held-out rows (label: score ≥ 0.5); null when a class is missing there. */
  heldOutAuc: z.number().min(0).max(1).nullable(),
  trainRows: z.number().int().min(0),
  heldOutRows: z.number().int().min(0),
  /** Mean score on the training rows. */
  meanScore: z.number().min(0).max(1),
});

const trainingSchema = z.strictObject({
  /** File name the fit read (base name: paths differ between machines). */
  source: z.string(),
  /** "sha256:<hex>" of the source file's bytes. */
  sourceHash: z.string(),
  format: z.enum(['explore-jsonl', 'routellm-csv', 'mt-bench']),
  seed: z.number().int(),
  rows: z.number().int().min(0),
  trainRows: z.number().int().min(0),
  heldOutRows: z.number().int().min(0),
  heldOut: z.union([
    z.strictObject({ templates: z.array(z.string()) }),
    z.strictObject({ share: z.number().min(0).max(1) }),
    /** A prompt split (src/learn/split.ts): which prompts trained and which were held out. */
    z.strictObject({
      split: z.strictObject({
        share: z.number().gt(0).lt(1),
        seed: z.number().int(),
        strata: z.enum(['category', 'none']),
      }),
      trainIds: z.array(z.string()),
      heldOutIds: z.array(z.string()),
    }),
  ]),
  /** What the regressions were fitted to (src/learn/labels.ts); absent = 'score'. */
  label: z.enum(LABEL_RULES).optional(),
  epochs: z.number().int().min(1),
  learningRate: z.number().positive(),
  l2: z.number().min(0),
});

/** The default threshold calibrated on the training rows (src/learn/calibrate.ts). */
const calibrationSchema = z.strictObject({
  /** How the threshold was chosen, in words. */
  target: z.string(),
  /** Share of the reference's quality the threshold must reach, (0, 1]. */
  qualityShare: z.number().gt(0).max(1),
  /** The best single model on the calibration rows (highest mean score). */
  reference: z.string(),
  /** Its mean score there. */
  referenceQuality: z.number().min(0).max(1),
  /** The calibrated α: the learned strategy's default threshold. */
  threshold: z.number().gt(0).lt(1),
  /** False when no α reached the target (threshold is then the α of the best quality). */
  reached: z.boolean(),
  /** The router's mean score on the calibration rows at that α. */
  quality: z.number().min(0).max(1),
  /** Its mean cost per request over the reference's; null when the reference cost nothing. */
  costShare: z.number().min(0).nullable(),
  /** Calibration rows (training rows where every candidate answered). */
  rows: z.number().int().min(1),
  /** How the candidates were ordered cheapest first for the replay. */
  orderBy: z.enum(['blended catalog price', 'mean billed cost per call']),
  /** Candidate order the replay used, cheapest first. */
  order: z.array(z.string()),
});

const modelFileSchema = z.strictObject({
  schemaVersion: z.literal(MODEL_FILE_SCHEMA_VERSION),
  kind: z.literal(MODEL_FILE_KIND),
  target: z.string(),
  features: featureConfigSchema,
  models: z.record(z.string(), modelWeightsSchema),
  training: trainingSchema,
  /** Absent in files written before it existed and for sources without per-call costs. */
  calibration: calibrationSchema.optional(),
});

export type ModelWeights = z.infer<typeof modelWeightsSchema>;
export type TrainingProvenance = z.infer<typeof trainingSchema>;
export type RouterModelFile = z.infer<typeof modelFileSchema>;
export type RouterCalibration = z.infer<typeof calibrationSchema>;

/** Validate a parsed model file; one InputError (naming `file`) lists every problem. */
export function parseRouterModel(json: unknown, file: string): RouterModelFile {
  const result = modelFileSchema.safeParse(json);
  if (!result.success) {
    throw new InputError(
      file,
      result.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message: issue.message,
      })),
    );
  }
  const model = result.data;
  const issues: InputIssue[] = [];
  const dimension = featureDimension(model.features);
  for (const [id, weights] of Object.entries(model.models)) {
    if (weights.weights.length !== dimension) {
      issues.push({
        path: ['models', id, 'weights'],
        message: `expected ${dimension} weights (features.hashBuckets + 8 + tiers), got ${weights.weights.length}`,
      });
    }
  }
  if (Object.keys(model.models).length === 0)
    issues.push({ path: ['models'], message: 'expected at least one model' });
  if (issues.length > 0) throw new InputError(file, issues);
  return model;
}

/** Parse model file text (JSON); syntax errors become an InputError naming `file`. */
export function parseRouterModelText(text: string, file: string): RouterModelFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, [{ path: [], message: `expected JSON: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  return parseRouterModel(json, file);
}

/** Round to `decimals` places; -0 becomes 0 so files do not flip between "0" and "-0". */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** The file's text: one model per line block, stable key order, trailing newline. */
export function serializeRouterModel(model: RouterModelFile): string {
  const { models, ...rest } = model;
  const head = JSON.stringify(rest, null, 2).slice(0, -2);
  const blocks = Object.entries(models).map(([id, weights]) => {
    const { weights: values, ...facts } = weights;
    const factText = JSON.stringify(facts).slice(1, -1);
    return `    ${JSON.stringify(id)}: {${factText},\n      "weights": ${JSON.stringify(values)}}`;
  });
  return `${head},\n  "models": {\n${blocks.join(',\n')}\n  }\n}\n`;
}
