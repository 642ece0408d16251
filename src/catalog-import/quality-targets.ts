/**
 * Target accuracy per (model, domain) from published benchmark scores. Pure.
 *
 * Domain ← benchmark: factual-qa ← mmlu; math ← gsm8k (else math, mapped onto gsm8k's scale);
 * code ← humaneval (else mbpp, likewise); reasoning ← gpqa; chit-chat and summarization ← arena-hard
 * (open-ended) with the gaps between models narrowed to Chatbot Arena's (CHIT_CHAT_GAP_SCALE);
 * legal and medical have no benchmark and derive from mmlu-pro (see LEGAL_PENALTY).
 *
 * A missing score is imputed: the model's standing is the mean z-value of the scores it
 * has (each against that benchmark's mean and sample standard deviation over a reference
 * population of models), mapped back onto the missing benchmark's distribution:
 * imputed = mean_B + z · sd_B. A model with no scores at all gets z = 0.
 */

import type { BenchmarkName, Domain, DomainTarget } from '../contracts/index.ts';
import { BENCHMARK_NAMES } from '../contracts/index.ts';
import { inverseNormalCdf, normalCdf } from '../world/random.ts';

/** Accuracies are clamped into this range so θ = Φ⁻¹(A) stays finite and no model is perfect. */
export const ACCURACY_RANGE = { min: 0.02, max: 0.98 } as const;

/**
 * Assumption: legal accuracy = mmlu-pro − 0.15. In the MMLU-Pro paper law is the
 * lowest-scoring category (GPT-4o ≈ 0.55 on law vs ≈ 0.73 overall).
 */
export const LEGAL_PENALTY = 0.15;
/** Assumption: medical accuracy = mmlu-pro − 0.0 (health scores close to the overall there). */
export const MEDICAL_PENALTY = 0;

/**
 * Chit-chat (and summarization): arena-hard's gaps between models, narrowed on the probit scale around arena-hard's
 * population mean: chit-chat = Φ(p̄ + k·(Φ⁻¹(arena-hard) − p̄)), p̄ = Φ⁻¹(mean arena-hard).
 * Arena-hard's 500 prompts are chosen to separate models (hard, technical); casual chat separates
 * them far less (realism-anchors.md §4). k is fitted to one published pair: Llama-3.1-8B-Instruct
 * (Arena Elo 1168) vs GPT-4o-2024-08-08 (1316), chatbot-arena snapshot 2024-09-05 (§4c): the 8B model
 * loses 70% of blind comparisons. In the quality model two models' open-ended scores compare as
 * their margins, P(A beats B) = Φ((θ_A − θ_B)/√(2(1 − a²))) (chit-chat a = 0.5, σ = 0.5 in
 * fixtures/domains.json), so a 70% win needs a θ gap of Φ⁻¹(0.70)·√1.5 = 0.642, a probit gap of
 * 0.642/√1.25 = 0.574; their arena-hard targets (0.820, 0.448, both imputed) are 1.045 probit
 * apart: k = 0.574/1.045 = 0.55. test/world-quality-chit-chat.test.ts checks the 70% through the world.
 * Summarization takes the same k (**assumption**: Arena's Elo is over its mixed crowd prompts, which
 * include summaries; unnarrowed, the 8B model lost 85% of summaries to GPT-4o and 97% to
 * gemini-2.5-pro — its worst domain, against MT-Bench's ordering writing < extraction < math/coding
 * gaps, realism-anchors.md §4a/§4b). With it the 8B model loses ≈ 72% of summaries to GPT-4o.
 */
export const CHIT_CHAT_GAP_SCALE = 0.55;

export interface BenchmarkStats {
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  count: number;
}

export type Scores = Partial<Record<BenchmarkName, number>>;
export type BenchmarkDistribution = Partial<Record<BenchmarkName, BenchmarkStats>>;

/**
 * Used for a benchmark the caller's population cannot describe (e.g. an import without a
 * facts table): mean and sample sd over the 98 distinct models with scores in
 * ../shared/data/model-facts.csv (2025-10-24), rounded to 4 decimals.
 */
export const DEFAULT_BENCHMARK_DISTRIBUTION: Readonly<Record<BenchmarkName, BenchmarkStats>> = {
  mmlu: { mean: 0.8178, sd: 0.0801, count: 55 },
  'mmlu-pro': { mean: 0.6939, sd: 0.1226, count: 45 },
  gsm8k: { mean: 0.912, sd: 0.0675, count: 28 },
  math: { mean: 0.6934, sd: 0.1628, count: 46 },
  humaneval: { mean: 0.8271, sd: 0.1126, count: 41 },
  mbpp: { mean: 0.7529, sd: 0.0908, count: 11 },
  gpqa: { mean: 0.6044, sd: 0.1846, count: 90 },
  'arena-hard': { mean: 0.7268, sd: 0.1927, count: 12 },
};

const NAMES: readonly BenchmarkName[] = BENCHMARK_NAMES;

/**
 * Mean and sample sd of each benchmark over a population; benchmarks with < 2 scores or no
 * spread are left out (DEFAULT_BENCHMARK_DISTRIBUTION stands in for them).
 */
export function benchmarkDistribution(population: readonly Scores[]): BenchmarkDistribution {
  const distribution: BenchmarkDistribution = {};
  for (const name of NAMES) {
    const values = population.map((scores) => scores[name]).filter((value) => value !== undefined);
    if (values.length < 2) continue;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
    if (variance <= 0) continue;
    distribution[name] = { mean, sd: Math.sqrt(variance), count: values.length };
  }
  return distribution;
}

/** The model's standing: mean z-value of its scores (0 when it has none usable), and which scores. */
export function standing(
  scores: Scores,
  distribution: BenchmarkDistribution,
): { z: number; used: BenchmarkName[] } {
  const used: BenchmarkName[] = [];
  let sum = 0;
  for (const name of NAMES) {
    const score = scores[name];
    const stats = distribution[name] ?? DEFAULT_BENCHMARK_DISTRIBUTION[name];
    if (score === undefined) continue;
    sum += (score - stats.mean) / stats.sd;
    used.push(name);
  }
  return { z: used.length === 0 ? 0 : sum / used.length, used };
}

export function clampAccuracy(value: number): number {
  return Math.min(ACCURACY_RANGE.max, Math.max(ACCURACY_RANGE.min, value));
}

/** The model's score on `name`, published or imputed, with where it came from. */
export function benchmarkScore(
  scores: Scores,
  name: BenchmarkName,
  distribution: BenchmarkDistribution,
): { value: number; source: string } {
  const published = scores[name];
  if (published !== undefined) return { value: published, source: `${name} ${fixed(published)}` };
  const stats = distribution[name] ?? DEFAULT_BENCHMARK_DISTRIBUTION[name];
  const { z, used } = standing(scores, distribution);
  const value = stats.mean + z * stats.sd;
  const basis =
    used.length === 0
      ? 'the model has no scores, so z = 0'
      : `z = ${fixed(z)}, the mean z-value of its ${used.join(', ')}`;
  return {
    value,
    source: `imputed ${name} ${fixed(value)} = mean ${fixed(stats.mean)} + z × sd ${fixed(stats.sd)} over ${stats.count} models (${basis})`,
  };
}

/**
 * The fallback benchmark's score carried onto the preferred benchmark's scale through its
 * z-value: one scale per domain, so a model scored on MATH is not compared raw with one
 * scored on GSM8K (MATH is far harder: mean 0.69 vs 0.91 in model-facts.csv).
 */
export function mappedScore(
  scores: Scores,
  from: BenchmarkName,
  to: BenchmarkName,
  distribution: BenchmarkDistribution,
): { value: number; source: string } {
  const score = scores[from];
  if (score === undefined) return benchmarkScore(scores, to, distribution);
  const fromStats = distribution[from] ?? DEFAULT_BENCHMARK_DISTRIBUTION[from];
  const toStats = distribution[to] ?? DEFAULT_BENCHMARK_DISTRIBUTION[to];
  const z = (score - fromStats.mean) / fromStats.sd;
  const value = toStats.mean + z * toStats.sd;
  return {
    value,
    source: `${to} ${fixed(value)} from ${from} ${fixed(score)}: z = ${fixed(z)} on ${from} (mean ${fixed(fromStats.mean)}, sd ${fixed(fromStats.sd)}) mapped onto ${to} (mean ${fixed(toStats.mean)}, sd ${fixed(toStats.sd)})`,
  };
}

/**
 * Target accuracy of every domain. math ← gsm8k, else the model's MATH score mapped onto
 * the gsm8k scale; code ← humaneval, else mbpp mapped onto humaneval; else imputed.
 */
export function qualityTargets(
  scores: Scores,
  distribution: BenchmarkDistribution,
): Record<Domain, DomainTarget> {
  const pick = (preferred: BenchmarkName, fallback?: BenchmarkName) =>
    scores[preferred] === undefined && fallback !== undefined && scores[fallback] !== undefined
      ? mappedScore(scores, fallback, preferred, distribution)
      : benchmarkScore(scores, preferred, distribution);
  const target = (score: { value: number; source: string }): DomainTarget => ({
    accuracy: round(clampAccuracy(score.value)),
    source: score.source,
  });
  const professional = benchmarkScore(scores, 'mmlu-pro', distribution);
  const openEnded = pick('arena-hard');
  return {
    'chit-chat': target(arenaNarrowed(openEnded, distribution)),
    'factual-qa': target(pick('mmlu')),
    summarization: target(arenaNarrowed(openEnded, distribution)),
    code: target(pick('humaneval', 'mbpp')),
    math: target(pick('gsm8k', 'math')),
    reasoning: target(pick('gpqa')),
    legal: target({
      value: professional.value - LEGAL_PENALTY,
      source: `assumption: ${professional.source} − ${LEGAL_PENALTY} (law is MMLU-Pro's hardest category)`,
    }),
    medical: target({
      value: professional.value - MEDICAL_PENALTY,
      source: `assumption: ${professional.source} − ${MEDICAL_PENALTY} (health scores near MMLU-Pro's overall)`,
    }),
  };
}

/** The arena-hard score with its distance from the population mean narrowed (CHIT_CHAT_GAP_SCALE). */
function arenaNarrowed(
  arenaHard: { value: number; source: string },
  distribution: BenchmarkDistribution,
): { value: number; source: string } {
  const mean = (distribution['arena-hard'] ?? DEFAULT_BENCHMARK_DISTRIBUTION['arena-hard']).mean;
  const center = inverseNormalCdf(clampAccuracy(mean));
  const value = normalCdf(
    center + CHIT_CHAT_GAP_SCALE * (inverseNormalCdf(clampAccuracy(arenaHard.value)) - center),
  );
  return {
    value,
    source: `${fixed(value)} = Φ(p̄ + ${CHIT_CHAT_GAP_SCALE}·(Φ⁻¹(arena-hard) − p̄)), p̄ = Φ⁻¹(mean arena-hard ${fixed(mean)}): arena-hard's gaps narrowed to Chatbot Arena's (Llama-3.1-8B loses 70% to GPT-4o, Elo 1168 vs 1316, realism-anchors.md §4c); arena-hard: ${arenaHard.source}`,
  };
}

function fixed(value: number): string {
  return value.toFixed(3);
}

/** Four decimals: enough for θ, stable in JSON. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
