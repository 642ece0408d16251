/**
 * The latent-variable quality model (simulation-model.md, "Quality model"):
 *
 *   margin(i, m, s) = θ(m, d) − b_i + a_d·z_i + c_d·u(i, m) + sqrt(1 − a_d² − c_d²)·e(i, m, s)
 *
 * correct ⇔ margin > 0. Every draw is keyed by (seed, stream, request, model, sample), never by
 * call order, so two strategies that send request i to model m get the same answer.
 */

import {
  DOMAINS,
  type Domain,
  type DomainParams,
  type HiddenLabels,
  type ModelSpec,
  type Outcome,
} from '../contracts/index.ts';
import { abilityForAccuracy } from './calibration.ts';
import { logprobConfidenceOf, selfRatedCertaintyOf } from './confidence-signals.ts';
import { keyedNormal, keyedUniform, normalCdf, Stream, stringKey } from './random.ts';

export interface QualityModelOptions {
  /** Scenario seed; keys every draw. */
  seed: number;
  /** Per-domain parameters, e.g. loadDomainParams(). */
  domains: Record<Domain, DomainParams>;
}

export interface QualityModel {
  /**
   * The verdict on model `model` answering request `requestIndex` for the `sample`-th time
   * (0-based; a transport retry is not a new sample).
   */
  outcome(requestIndex: number, hidden: HiddenLabels, model: ModelSpec, sample: number): Outcome;
  /** θ(model, domain), calibrated to model.quality[domain].accuracy. */
  ability(model: ModelSpec, domain: Domain): number;
}

/** Domain constants precomputed once so outcome() does no lookups beyond an index. */
interface DomainConstants {
  params: DomainParams;
  residual: number;
}

/** Per-model cache: θ per domain (NaN = not yet computed) and the accuracy it was computed for. */
interface ModelEntry {
  key: number;
  accuracy: Float64Array;
  theta: Float64Array;
}

const DOMAIN_INDEX = Object.fromEntries(DOMAINS.map((domain, index) => [domain, index])) as Record<
  Domain,
  number
>;

export function createQualityModel(options: QualityModelOptions): QualityModel {
  const { seed } = options;
  const constants: DomainConstants[] = DOMAINS.map((domain) => {
    const params = options.domains[domain];
    return { params, residual: Math.sqrt(Math.max(0, 1 - params.a * params.a - params.c * params.c)) };
  });
  const models = new Map<string, ModelEntry>();

  function entryFor(model: ModelSpec): ModelEntry {
    let entry = models.get(model.id);
    if (entry === undefined) {
      entry = {
        key: stringKey(model.id),
        accuracy: new Float64Array(DOMAINS.length).fill(Number.NaN),
        theta: new Float64Array(DOMAINS.length),
      };
      models.set(model.id, entry);
    }
    return entry;
  }

  function thetaOf(entry: ModelEntry, model: ModelSpec, domainIndex: number, domain: Domain): number {
    const accuracy = model.quality[domain].accuracy;
    // Re-calibrate when a spec with the same id carries another target (e.g. an override).
    if (entry.accuracy[domainIndex] !== accuracy) {
      entry.theta[domainIndex] = abilityForAccuracy(accuracy, constants[domainIndex]!.params);
      entry.accuracy[domainIndex] = accuracy;
    }
    return entry.theta[domainIndex]!;
  }

  function ability(model: ModelSpec, domain: Domain): number {
    const index = DOMAIN_INDEX[domain];
    return thetaOf(entryFor(model), model, index, domain);
  }

  function outcome(requestIndex: number, hidden: HiddenLabels, model: ModelSpec, sample: number): Outcome {
    const domainIndex = DOMAIN_INDEX[hidden.domain];
    const { params, residual } = constants[domainIndex]!;
    const entry = entryFor(model);
    const modelKey = entry.key;
    const theta = thetaOf(entry, model, domainIndex, hidden.domain);

    const hardness = keyedNormal(seed, Stream.hardness, requestIndex);
    const knowledge = keyedNormal(seed, Stream.knowledge, requestIndex, modelKey);
    const noise = keyedNormal(seed, Stream.sample, requestIndex, modelKey, sample);
    const margin = theta - hidden.difficulty + params.a * hardness + params.c * knowledge + residual * noise;
    const correct = margin > 0;

    // Logprob confidence and self-rated certainty (confidence-signals.ts); how well each ranks
    // right above wrong per profile: fixtures/confidence-profiles.json.
    return {
      margin,
      correct,
      score: params.grading === 'open' ? normalCdf(margin / params.tau) : correct ? 1 : 0,
      answerId: correct ? 0 : wrongAnswer(seed, requestIndex, modelKey, sample, params),
      // Written out rather than spread from one object: this literal is built on every answered call.
      logprobConfidence: logprobConfidenceOf(model.confidence, margin, seed, requestIndex, modelKey, sample),
      selfRatedCertainty: selfRatedCertaintyOf(
        model.confidence,
        margin,
        seed,
        requestIndex,
        modelKey,
        sample,
      ),
    };
  }

  return { outcome, ability };
}

/**
 * One of the request's K plausible wrong answers: answer 1 (the common mistake) with
 * probability commonMistakeWeight, answers 2..K uniformly otherwise. The ids are per request,
 * so wrong samples of any model can agree on the same wrong answer.
 */
export function wrongAnswer(
  seed: number,
  requestIndex: number,
  modelKey: number,
  sample: number,
  params: DomainParams,
): number {
  const draw = keyedUniform(seed, Stream.wrongAnswer, requestIndex, modelKey, sample);
  const weight = params.commonMistakeWeight;
  const others = params.wrongAnswers - 1;
  if (others <= 0 || draw < weight) return 1;
  return 2 + Math.min(others - 1, Math.floor(((draw - weight) / (1 - weight)) * others));
}

export { logistic, SELF_RATED_SHARPNESS, selfRatedSharpnessOf } from './confidence-signals.ts';
