/**
 * `learned`: a per-model classifier, trained on an exploration log, predicts for each candidate
 * P(good answer | request) from hashed n-grams, token counts and tier (src/learn). The router
 * sends the request to the CHEAPEST candidate whose prediction reaches the threshold α, else to
 * the candidate with the highest prediction. Raising α buys quality with cost; sweeping it gives
 * the APGR curve (weak = the cheapest candidate, strong = the strongest by leaderboard standing —
 * the model always-strongest picks — never merely the most expensive: metrics.md).
 *
 * Default threshold: the one calibrated on the router's own training rows by `routesim train`
 * and stored in the model file (`calibration`, src/learn/calibrate.ts: the smallest α at which the
 * router, replayed on those rows, reaches a stated share of the best single model's quality — as
 * RouteLLM calibrates its threshold on a calibration set for a target). A file without one (older
 * files, per-prompt tables without costs) falls back to 0.5. An explicit `threshold` always wins.
 *
 * When the chosen call fails, it falls back to the remaining candidates in order of predicted P
 * (purpose 'fallback'), up to `fallbacks` times.
 */
import { InputError, type InputIssue } from '../errors.ts';
import { loadRouterModel, routerModelPath } from '../learn/load-model.ts';
import type { RouterModelFile } from '../learn/model-file.ts';
import { createRouterPredictor } from '../learn/predict.ts';
import { fitContext, withFitNote } from './context-fit.ts';
import { blendedPrice, knobStrong } from './model-order.ts';
import type { ModelInfo, Strategy, StrategyFactory } from './types.ts';

export interface LearnedOptions {
  /** Model file; a relative path resolves against the scenario's directory. @default the bundled fixtures/learned/assistant-day.json */
  model?: string;
  /** α in (0, 1): route to the cheapest candidate with predicted P ≥ α. @default the model file's calibrated threshold, else 0.5 */
  threshold?: number;
  /** Candidate model ids; those missing from the model file are ignored. @default the scenario's models */
  candidates?: string[];
  /** Further candidates tried, by predicted P, after a failed call. @default 2 */
  fallbacks?: number;
}

export const LEARNED_OPTIONS = ['model', 'threshold', 'candidates', 'fallbacks'] as const;
/** Thresholds the engine sweeps for APGR/CPT. */
export const LEARNED_KNOB_VALUES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] as const;
/** Threshold of a model file without a calibration. */
export const LEARNED_DEFAULT_THRESHOLD = 0.5;
export const LEARNED_DEFAULT_FALLBACKS = 2;

export interface LearnedConfig {
  file: RouterModelFile;
  /** Path of the file, for messages. */
  fileLabel: string;
  models: readonly ModelInfo[];
  threshold: number;
  candidates?: readonly string[];
  fallbacks?: number;
  /** @default "learned" */
  name?: string;
  /** The scenario's reference model: the knob's strong model when it is a candidate. @default the strongest */
  referenceModel?: string;
}

/** The strategy over an already loaded model file (pure; the factory below reads the file). */
export function createLearnedStrategy(config: LearnedConfig): Strategy {
  const { file, threshold } = config;
  const fallbacks = config.fallbacks ?? LEARNED_DEFAULT_FALLBACKS;
  const wanted = config.candidates ?? config.models.map((model) => model.id);
  const byId = new Map(config.models.map((model) => [model.id, model]));
  const usable = wanted.filter((id) => byId.has(id) && file.models[id] !== undefined);
  if (usable.length === 0) {
    throw new InputError(config.fileLabel, [
      {
        path: ['models'],
        message: `none of the candidates (${wanted.join(', ')}) is in the model file, which has ${Object.keys(file.models).join(', ')}; retrain with these models`,
      },
    ]);
  }
  // Cheapest first (stable for equal prices), so "the first candidate with P ≥ α" is the cheapest.
  const ordered = usable
    .map((id, index) => ({ id, index, price: blendedPrice(byId.get(id)!) }))
    .sort((a, b) => a.price - b.price || a.index - b.index)
    .map((entry) => entry.id);
  const predictor = createRouterPredictor(file, ordered);
  const probabilities = new Float64Array(ordered.length);
  const count = ordered.length;

  const strategy: Strategy = {
    name: config.name ?? 'learned',
    family: 'learned',
    knob: {
      name: 'threshold',
      values: LEARNED_KNOB_VALUES,
      weak: ordered[0]!,
      strong: knobStrong(
        ordered.map((id) => byId.get(id)!),
        config.referenceModel,
      ).id,
      at: (value) => createLearnedStrategy({ ...config, threshold: value, name: `learned@${value}` }),
    },
    async route(request, context) {
      predictor.predict(request, probabilities);
      let chosen = -1;
      let best = 0;
      for (let candidate = 0; candidate < count; candidate++) {
        if (chosen < 0 && probabilities[candidate]! >= threshold) chosen = candidate;
        if (probabilities[candidate]! > probabilities[best]!) best = candidate;
      }
      const above = chosen >= 0;
      if (!above) chosen = best;
      const why = above
        ? `P=${probabilities[chosen]!.toFixed(2)} ≥ ${threshold}, cheapest such → ${ordered[chosen]}`
        : `no P ≥ ${threshold}; best P=${probabilities[chosen]!.toFixed(2)} → ${ordered[chosen]}`;
      const fit = fitContext(request, ordered[chosen]!, context.models);
      const reason = withFitNote(why, fit);
      let outcome = await context.call(fit.model, { purpose: 'primary' });
      if (outcome.ok) return { responseId: outcome.responseId, reason };
      // Rare path: the shared buffer was reused while we awaited, so predict again (same input,
      // same numbers) and walk the rest by predicted P.
      const attempted = new Uint8Array(count);
      attempted[chosen] = 1;
      let model = chosen;
      for (let fallback = 0; !outcome.ok && fallback < fallbacks; fallback++) {
        predictor.predict(request, probabilities);
        let next = -1;
        for (let candidate = 0; candidate < count; candidate++) {
          if (attempted[candidate] === 0 && (next < 0 || probabilities[candidate]! > probabilities[next]!)) {
            next = candidate;
          }
        }
        if (next < 0) break;
        attempted[next] = 1;
        model = next;
        outcome = await context.call(ordered[next]!, { purpose: 'fallback' });
      }
      if (outcome.ok)
        return { responseId: outcome.responseId, reason: `${reason}; failed, fallback → ${ordered[model]}` };
      return { responseId: undefined, reason: `${reason}; failed (${outcome.kind}) after fallbacks` };
    },
  };
  return strategy;
}

/** The registry factory: validates options, loads the model file (cached per file version). */
export const learned: StrategyFactory = (options, context) => {
  const label = 'strategy "learned" options';
  const issues: InputIssue[] = [];
  for (const key of Object.keys(options)) {
    if (!(LEARNED_OPTIONS as readonly string[]).includes(key)) {
      issues.push({
        path: [key],
        message: `unknown option "${key}"; learned takes ${LEARNED_OPTIONS.join(', ')}`,
      });
    }
  }
  const { model, threshold, candidates, fallbacks } = options;
  if (model !== undefined && typeof model !== 'string')
    issues.push({ path: ['model'], message: 'expected a file path' });
  if (threshold !== undefined && !(typeof threshold === 'number' && threshold > 0 && threshold < 1)) {
    issues.push({ path: ['threshold'], message: 'expected a number in (0, 1)' });
  }
  if (
    candidates !== undefined &&
    !(Array.isArray(candidates) && candidates.length > 0 && candidates.every((id) => typeof id === 'string'))
  ) {
    issues.push({ path: ['candidates'], message: 'expected a non-empty list of model ids' });
  }
  if (fallbacks !== undefined && !(Number.isInteger(fallbacks) && (fallbacks as number) >= 0)) {
    issues.push({ path: ['fallbacks'], message: 'expected a whole number ≥ 0' });
  }
  if (Array.isArray(candidates)) {
    const known = new Set(context.models.map((entry) => entry.id));
    candidates.forEach((id, index) => {
      if (typeof id === 'string' && !known.has(id)) {
        issues.push({
          path: ['candidates', index],
          message: `"${id}" is not a candidate model of the scenario`,
        });
      }
    });
  }
  if (issues.length > 0) throw new InputError(label, issues);
  const path = routerModelPath(model, context.baseDir);
  const file = loadRouterModel(path);
  return createLearnedStrategy({
    file,
    fileLabel: path,
    models: context.models,
    threshold: typeof threshold === 'number' ? threshold : defaultThreshold(file),
    ...(Array.isArray(candidates) ? { candidates: candidates as string[] } : {}),
    ...(typeof fallbacks === 'number' ? { fallbacks } : {}),
    ...(context.referenceModel === undefined ? {} : { referenceModel: context.referenceModel }),
  });
};

/** The model file's calibrated threshold (see the file comment), else LEARNED_DEFAULT_THRESHOLD. */
export function defaultThreshold(file: RouterModelFile): number {
  return file.calibration?.threshold ?? LEARNED_DEFAULT_THRESHOLD;
}
