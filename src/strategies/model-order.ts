/**
 * Orderings of candidate models from public facts only (prices and published benchmarks) —
 * the defaults every strategy derives its models from.
 *
 * - cheapest: lowest blended price, input 3 : output 1 per token plus a reasoning model's typical
 *   hidden tokens at the output rate (contracts/blended-price.ts, also the rule of the world's
 *   cheapestModel); ties → the first listed.
 * - most expensive: highest blended price; ties → the first listed.
 * - strongest: highest leaderboard standing (ModelInfo.leaderboardScore: published benchmarks
 *   mapped to the eight domains, imputed where missing); without one, the mean of the published
 *   scores the model has (none → 0). A plain mean of whatever a model publishes would crown models
 *   that publish only easy benchmarks. Ties → the first listed. `always-strongest` takes a
 *   `model` option to override.
 * - capable ("a mid-price strong model"): the strongest among the middle third of the candidates
 *   ranked by blended price (ranks ⌊n/3⌋ … ⌈2n/3⌉ − 1, cheapest = rank 0).
 * - knob strong: the scenario's reference model when it is a candidate, else the strongest.
 */

import { type BenchmarkName, blendPrices, type Domain } from '../contracts/index.ts';
import { ALWAYS_PREFIX, builtInNameOf } from '../scenario/strategy-names.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import type { ModelInfo } from './types.ts';

/**
 * USD per token, input 3 : output 1, a reasoning model's hidden tokens at the output rate
 * (blendPrices, contracts/blended-price.ts: the same blend as the world's cheapestModel).
 */
export function blendedPrice(model: ModelInfo): number {
  return blendPrices(model.inputCostPerToken, model.outputCostPerToken, model.typicalReasoningTokens);
}

/** Mean published benchmark score, 0 when the model publishes none. */
export function meanBenchmark(model: ModelInfo): number {
  const scores = Object.values(model.benchmarks).filter((score): score is number => score !== undefined);
  return scores.length === 0 ? 0 : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

function pick(models: readonly ModelInfo[], better: (a: ModelInfo, b: ModelInfo) => boolean): ModelInfo {
  let best = models[0];
  if (best === undefined) throw new RangeError('no candidate models');
  for (const model of models) if (better(model, best)) best = model;
  return best;
}

export function cheapest(models: readonly ModelInfo[]): ModelInfo {
  return pick(models, (a, b) => blendedPrice(a) < blendedPrice(b));
}

export function mostExpensive(models: readonly ModelInfo[]): ModelInfo {
  return pick(models, (a, b) => blendedPrice(a) > blendedPrice(b));
}

/** Leaderboard standing, or the mean published benchmark when the catalog gives none. */
export function standing(model: ModelInfo): number {
  return model.leaderboardScore ?? meanBenchmark(model);
}

export function strongest(models: readonly ModelInfo[]): ModelInfo {
  return pick(models, (a, b) => standing(a) > standing(b));
}

/**
 * The model the scenario's reference strategy calls, when it is a single-model baseline:
 * always-strongest (its `model` option, else the strongest candidate) or always-<candidate>.
 * undefined for any other reference (a router has no one model).
 */
export function referenceModelOf(
  reference: string,
  strategies: readonly StrategyConfig[],
  models: readonly ModelInfo[],
): string | undefined {
  const config = strategies.find((entry) => entry.name === reference) ?? { name: reference, options: {} };
  if (config.module !== undefined || models.length === 0) return undefined;
  const builtIn = builtInNameOf(config);
  if (builtIn === 'always-strongest') {
    const chosen = config.options?.['model'];
    return typeof chosen === 'string' ? chosen : strongest(models).id;
  }
  if (builtIn.startsWith(ALWAYS_PREFIX)) {
    const id = builtIn.slice(ALWAYS_PREFIX.length);
    if (models.some((model) => model.id === id)) return id;
  }
  return undefined;
}

/** `{ referenceModel }` of a scenario for a StrategyBuildContext (nothing when it has none). */
export function referenceOf(
  scenario: { reference: string; strategies: readonly StrategyConfig[] },
  models: readonly ModelInfo[],
): { referenceModel?: string } {
  const referenceModel = referenceModelOf(scenario.reference, scenario.strategies, models);
  return referenceModel === undefined ? {} : { referenceModel };
}

/**
 * A knob's default strong model among `candidates` (metrics.md): the reference model when it is
 * one of them, else the strongest by leaderboard standing — never merely the most expensive.
 */
export function knobStrong(candidates: readonly ModelInfo[], referenceModel: string | undefined): ModelInfo {
  return candidates.find((model) => model.id === referenceModel) ?? strongest(candidates);
}

/** Models by blended price, cheapest first (stable: ties keep the given order). */
export function byPrice(models: readonly ModelInfo[]): ModelInfo[] {
  return [...models].sort((a, b) => blendedPrice(a) - blendedPrice(b));
}

/** The strongest model of the middle price third (see the file comment). */
export function capable(models: readonly ModelInfo[]): ModelInfo {
  const ranked = byPrice(models);
  const middle = ranked.slice(Math.floor(ranked.length / 3), Math.ceil((2 * ranked.length) / 3));
  return strongest(middle.length > 0 ? middle : ranked);
}

/** Published benchmarks that speak for each domain; domains without one use the mean. */
export const DOMAIN_BENCHMARKS: Partial<Record<Domain, readonly BenchmarkName[]>> = {
  'factual-qa': ['mmlu'],
  math: ['gsm8k', 'math'],
  code: ['humaneval', 'mbpp'],
  reasoning: ['gpqa'],
};

/**
 * A model's published score for a domain: the mean of the domain's benchmarks the model has
 * (undefined when it has none of them), or its mean benchmark for domains without one.
 */
export function domainScore(model: ModelInfo, domain: Domain): number | undefined {
  const names = DOMAIN_BENCHMARKS[domain];
  if (names === undefined) return meanBenchmark(model);
  const scores = names
    .map((name) => model.benchmarks[name])
    .filter((score): score is number => score !== undefined);
  return scores.length === 0 ? undefined : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

/**
 * The default model for a domain: the cheapest candidate whose published domain score is within
 * `margin` of the best candidate's. Candidates without the domain's benchmark are skipped; when
 * none has it, every candidate is judged by its mean benchmark.
 */
export function domainChoice(models: readonly ModelInfo[], domain: Domain, margin: number): ModelInfo {
  let scored = models.flatMap((model) => {
    const score = domainScore(model, domain);
    return score === undefined ? [] : [{ model, score }];
  });
  if (scored.length === 0) scored = models.map((model) => ({ model, score: meanBenchmark(model) }));
  const best = Math.max(...scored.map((entry) => entry.score));
  // 1e-9: benchmark figures have three decimals; keep "within 0.05" inclusive despite float error.
  return cheapest(scored.filter((entry) => entry.score >= best - margin - 1e-9).map((entry) => entry.model));
}
