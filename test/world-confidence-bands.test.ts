/**
 * The default catalog's confidence signals inside the published bands of
 * ../shared/data/realism-anchors.md §1, measured by simulating the quality model over each
 * domain's traffic (difficulty drawn as the generator draws it) for every default model.
 */
import { describe, expect, it } from 'vitest';
import catalogFile from '../fixtures/catalog.json' with { type: 'json' };
import { CONFIDENCE_PROFILES, type Tier } from '../src/catalog-import/catalog-tiers.ts';
import { DOMAINS, type Domain, type ModelSpec } from '../src/contracts/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedNormal, Stream } from '../src/world/random.ts';
import { auroc, expectedCalibrationError, mean } from './support/confidence-measures.ts';
import { hiddenFor, modelWith } from './world-quality-support.ts';

const domains = loadDomainParams();
const SEED = 2718;
const REQUESTS = 8_000;
const models = catalogFile.models as unknown as ModelSpec[];

function tierOf(model: ModelSpec): Tier {
  const tier = (Object.keys(CONFIDENCE_PROFILES) as Tier[]).find(
    (name) => JSON.stringify(CONFIDENCE_PROFILES[name]) === JSON.stringify(model.confidence),
  );
  if (tier === undefined) throw new Error(`${model.id} has no catalog confidence profile`);
  return tier;
}

interface Measured {
  logprob: number;
  selfRated: number;
  selfRatedOverconfidence: number;
  selfRatedShareAbove80: number;
  agreement: number;
}

/** Signals of `model` over `count` requests of `domain`; agreement over 5 samples (majority share). */
function measure(model: ModelSpec, domain: Domain, count = REQUESTS): Measured {
  const quality = createQualityModel({ seed: SEED, domains });
  const logprob = new Float64Array(count);
  const selfRated = new Float64Array(count);
  const correct = new Uint8Array(count);
  const agreement = new Float64Array(count);
  const majorityCorrect = new Uint8Array(count);
  const { mu, sigma } = domains[domain];
  for (let i = 0; i < count; i++) {
    const hidden = hiddenFor(domain, mu + sigma * keyedNormal(SEED, Stream.difficulty, i));
    const first = quality.outcome(i, hidden, model, 0);
    logprob[i] = first.logprobConfidence;
    selfRated[i] = first.selfRatedCertainty;
    correct[i] = first.correct ? 1 : 0;
    // strategies/confidence-signals.ts agreementOf: the majority label (ties: reached first).
    const votes = new Map<number, number>();
    let best = first.answerId;
    for (let sample = 0; sample < 5; sample++) {
      const answer = sample === 0 ? first.answerId : quality.outcome(i, hidden, model, sample).answerId;
      votes.set(answer, (votes.get(answer) ?? 0) + 1);
      if (votes.get(answer)! > votes.get(best)!) best = answer;
    }
    agreement[i] = votes.get(best)! / 5;
    majorityCorrect[i] = best === 0 ? 1 : 0;
  }
  let above80 = 0;
  for (const value of selfRated) if (value >= 0.8) above80++;
  return {
    logprob: auroc(logprob, correct),
    selfRated: auroc(selfRated, correct),
    selfRatedOverconfidence: mean(selfRated) - mean(correct),
    selfRatedShareAbove80: above80 / count,
    agreement: auroc(agreement, majorityCorrect),
  };
}

// Cells with accuracy ≥ 0.97 have too few wrong answers in 8,000 requests for a stable AUROC.
const cells = models.flatMap((model) =>
  DOMAINS.filter((domain) => model.quality[domain].accuracy < 0.97).map((domain) => ({ model, domain })),
);
const measured = cells.map((cell) => ({
  ...cell,
  tier: tierOf(cell.model),
  ...measure(cell.model, cell.domain),
}));
const byTier = (tier: Tier) => measured.filter((cell) => cell.tier === tier);
const describeCell = (cell: (typeof measured)[number]) => `${cell.model.id} on ${cell.domain}`;

describe('default catalog confidence signals inside published bands (realism-anchors.md §1)', () => {
  it('logprob AUROC within 0.51–0.71 on every model × domain (Xiong et al. 2024, arXiv 2306.13063, Table 5)', () => {
    for (const cell of measured) {
      expect(cell.logprob, describeCell(cell)).toBeGreaterThanOrEqual(0.51);
      expect(cell.logprob, describeCell(cell)).toBeLessThanOrEqual(0.71);
    }
  });

  it('logprob AUROC: frontier near the top of the band, small near the bottom (Xiong et al. 2024, Table 5)', () => {
    const tierMean = (tier: Tier) => mean(byTier(tier).map((cell) => cell.logprob));
    expect(tierMean('frontier')).toBeGreaterThan(0.64);
    expect(tierMean('frontier')).toBeGreaterThan(tierMean('mid'));
    expect(tierMean('mid')).toBeGreaterThan(tierMean('small'));
    expect(tierMean('small')).toBeLessThan(0.58);
  });

  it('self-rated AUROC within 0.51–0.63 on every model × domain (Xiong et al. 2024, Table 2)', () => {
    for (const cell of measured) {
      expect(cell.selfRated, describeCell(cell)).toBeGreaterThanOrEqual(0.5);
      expect(cell.selfRated, describeCell(cell)).toBeLessThanOrEqual(0.65);
    }
    const tierMean = (tier: Tier) => mean(byTier(tier).map((cell) => cell.selfRated));
    expect(tierMean('frontier')).toBeGreaterThan(0.6);
    expect(tierMean('small')).toBeLessThan(0.54);
  });

  it('self-rated certainty is overconfident and bunched at 0.8–1.0 (Xiong et al. 2024, §5.1, Fig. 2)', () => {
    for (const tier of ['frontier', 'mid', 'small'] as const) {
      expect(mean(byTier(tier).map((cell) => cell.selfRatedOverconfidence)), tier).toBeGreaterThan(0);
    }
    for (const cell of measured) expect(cell.selfRatedShareAbove80, describeCell(cell)).toBeGreaterThan(0.85);
  });

  it('5-sample agreement AUROC within 0.67–0.93 on verifiable domains, highest on math (Xiong et al. 2024, Tables 3–4)', () => {
    const verifiable = measured.filter((cell) => domains[cell.domain].grading === 'verifiable');
    const perDomain = (domain: Domain) =>
      mean(verifiable.filter((cell) => cell.domain === domain).map((cell) => cell.agreement));
    const means = Object.fromEntries(
      DOMAINS.filter((domain) => domains[domain].grading === 'verifiable').map((domain) => [
        domain,
        perDomain(domain),
      ]),
    );
    console.log('agreement AUROC per domain', means);
    for (const value of Object.values(means)) {
      expect(value).toBeGreaterThanOrEqual(0.67);
      expect(value).toBeLessThanOrEqual(0.93);
    }
    expect(means.math).toBe(Math.max(...Object.values(means)));
  });

  it('self-rated ECE ≈ 0.18 for a frontier model at accuracy 0.75 and ≈ 0.45 for a small one at 0.48 (Xiong et al. 2024, Table 2: GPT-4 0.18, Vicuna-13B 0.46)', () => {
    const ece = (tier: Tier, accuracy: number) => {
      const quality = createQualityModel({ seed: SEED, domains });
      const model = modelWith(`${tier}-ece`, accuracy, CONFIDENCE_PROFILES[tier]);
      const certainty = new Float64Array(REQUESTS * 4);
      const correct = new Uint8Array(REQUESTS * 4);
      for (let i = 0; i < certainty.length; i++) {
        const hidden = hiddenFor(
          'factual-qa',
          domains['factual-qa'].sigma * keyedNormal(SEED, Stream.difficulty, i),
        );
        const outcome = quality.outcome(i, hidden, model, 0);
        certainty[i] = outcome.selfRatedCertainty;
        correct[i] = outcome.correct ? 1 : 0;
      }
      return expectedCalibrationError(certainty, correct);
    };
    expect(Math.abs(ece('frontier', 0.75) - 0.18)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(ece('small', 0.48) - 0.45)).toBeLessThanOrEqual(0.05);
  });
});
