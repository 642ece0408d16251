/**
 * The scenario's `world.confidence` knob: the user states the AUROC they believe a signal has, the
 * world solves each model's slope for it, and the signal measured through the world hits it.
 */
import { describe, expect, it } from 'vitest';
import { DOMAINS, type ModelSpec } from '../src/contracts/index.ts';
import { InputError } from '../src/errors.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedNormal, Stream } from '../src/world/random.ts';
import { auroc, mean } from './support/confidence-measures.ts';
import { hiddenFor } from './world-quality-support.ts';

const catalog = loadCatalog();
const domains = loadDomainParams();
const SEED = 1618;
const PER_DOMAIN = 40_000;

const scenarioText = (world: string) => `version: 1
name: confidence what-if
duration: 1h
traffic:
  arrival: { rate: 1 }
  mix: [{ domain: code }]
providers:
  groq: {}
  google: {}
strategies: [cascade]
${world}
`;

/** Mean over the eight domains of each signal's AUROC for `model`, simulated through the quality model. */
function measuredAuroc(model: ModelSpec): { logprob: number; selfRated: number } {
  const quality = createQualityModel({ seed: SEED, domains });
  const perDomain = DOMAINS.map((domain) => {
    const logprob = new Float64Array(PER_DOMAIN);
    const selfRated = new Float64Array(PER_DOMAIN);
    const correct = new Uint8Array(PER_DOMAIN);
    for (let i = 0; i < PER_DOMAIN; i++) {
      const difficulty = domains[domain].mu + domains[domain].sigma * keyedNormal(SEED, Stream.difficulty, i);
      const outcome = quality.outcome(i, hiddenFor(domain, difficulty), model, 0);
      logprob[i] = outcome.logprobConfidence;
      selfRated[i] = outcome.selfRatedCertainty;
      correct[i] = outcome.correct ? 1 : 0;
    }
    return { logprob: auroc(logprob, correct), selfRated: auroc(selfRated, correct) };
  });
  return {
    logprob: mean(perDomain.map((cell) => cell.logprob)),
    selfRated: mean(perDomain.map((cell) => cell.selfRated)),
  };
}

describe('scenario world.confidence: "what if our confidence were better"', () => {
  const scenario = parseScenarioText(
    scenarioText('world:\n  confidence:\n    logprob: { auroc: 0.85 }\n    selfRated: { auroc: 0.7 }'),
    'what-if.yaml',
    { catalog },
  );
  const world = worldFromScenario(scenario, catalog, () => undefined);

  for (const id of ['llama-3.1-8b-instant', 'gemini-2.5-pro']) {
    it(`${id}: logprob AUROC 0.85 and self-rated 0.70 as stated, within ±0.02 (simulated)`, () => {
      const model = world.catalog.models.find((candidate) => candidate.id === id)!;
      const bundled = catalog.models.find((candidate) => candidate.id === id)!;
      expect(model.confidence.kappa).not.toBe(bundled.confidence.kappa);
      const measured = measuredAuroc(model);
      expect(Math.abs(measured.logprob - 0.85), `logprob ${measured.logprob}`).toBeLessThanOrEqual(0.02);
      expect(Math.abs(measured.selfRated - 0.7), `self-rated ${measured.selfRated}`).toBeLessThanOrEqual(
        0.02,
      );
      // Noise and bias of the profile are kept: only the slope moved.
      expect(model.confidence.sigmaEta).toBe(bundled.confidence.sigmaEta);
      expect(model.confidence.logprobBias).toBe(bundled.confidence.logprobBias);
    });
  }

  it('without a world block the catalog profile is used unchanged', () => {
    const plain = worldFromScenario(
      parseScenarioText(scenarioText(''), 'plain.yaml', { catalog }),
      catalog,
      () => undefined,
    );
    for (const model of plain.catalog.models) {
      expect(model.confidence).toEqual(
        catalog.models.find((candidate) => candidate.id === model.id)!.confidence,
      );
    }
  });

  it('reports an AUROC outside (0.5, 1) with its path', () => {
    let error: unknown;
    try {
      parseScenarioText(
        scenarioText('world:\n  confidence:\n    logprob: { auroc: 1.2 }\n    selfRated: { auroc: 0.4 }'),
        'bad.yaml',
        { catalog },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const paths = (error as InputError).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['world.confidence.logprob.auroc', 'world.confidence.selfRated.auroc']),
    );
  });
});
