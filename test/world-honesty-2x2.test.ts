/**
 * Honesty check of the quality model against real per-prompt data: two models calibrated to
 * Mixtral-8x7B's and GPT-4's accuracies must reproduce RouteLLM's 2×2 (both / only A / only B /
 * neither) tables within 0.5 point per cell over ≥ 200,000 requests — and must NOT with a_d = 0.
 */

import { describe, expect, it } from 'vitest';
import type { Domain, DomainParams, HiddenLabels } from '../src/contracts/index.ts';
import type { Traffic } from '../src/scenario/types.ts';
import { createRequestStream } from '../src/traffic/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { modelWith } from './world-quality-support.ts';

const SEED = 4242;
const REQUESTS = 200_000;
const TOLERANCE = 0.005;

interface Table {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

/** RouteLLM per-prompt tables, A = Mixtral-8x7B-Instruct, B = GPT-4 (fractions). */
const ROUTELLM: Record<'math' | 'factual-qa', { accuracyA: number; accuracyB: number; table: Table }> = {
  // GSM8K, n = 1,307: Mixtral 63.7%, GPT-4 85.8%, both 56.5%, only Mixtral 7.2%, either 93.0%.
  math: {
    accuracyA: 0.637,
    accuracyB: 0.858,
    table: { both: 0.565, onlyA: 0.072, onlyB: 0.858 - 0.565, neither: 1 - 0.93 },
  },
  // MMLU, n = 14,037: 68.1% / 80.6% / both 62.8% / only Mixtral 5.3% / either 85.9%.
  'factual-qa': {
    accuracyA: 0.681,
    accuracyB: 0.806,
    table: { both: 0.628, onlyA: 0.053, onlyB: 0.806 - 0.628, neither: 1 - 0.859 },
  },
};

/**
 * The hidden labels of ≥ `count` requests of one domain, through the real traffic generator:
 * a uniform arrival at 1,000 requests/s for just over count/1,000 seconds.
 */
function requestsOf(domain: Domain, domains: Record<Domain, DomainParams>, count: number): HiddenLabels[] {
  const rate = 1000;
  const durationMs = Math.ceil(count / rate) * 1000 + 1000;
  const traffic: Traffic = {
    arrival: {
      process: 'uniform',
      startRate: rate,
      stages: [{ durationMs, target: rate }],
      diurnal: undefined,
      bursts: [],
    },
    mix: [{ domain, weight: 1 }],
    tiers: [{ name: 'free', weight: 1 }],
  };
  const stream = createRequestStream({ seed: SEED, durationMs, traffic, domains });
  const hidden: HiddenLabels[] = [];
  for (const generated of stream) hidden.push(generated.hidden);
  return hidden;
}

/** First-sample outcomes of both models on every request, tallied in one pass. */
function measure(
  domain: 'math' | 'factual-qa',
  domains: Record<Domain, DomainParams>,
  requests: HiddenLabels[],
) {
  const reference = ROUTELLM[domain];
  const quality = createQualityModel({ seed: SEED, domains });
  const mixtral = modelWith('mixtral-8x7b-instruct', 0.5, undefined, { [domain]: reference.accuracyA });
  const gpt4 = modelWith('gpt-4', 0.5, undefined, { [domain]: reference.accuracyB });
  const counts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  requests.forEach((hidden, index) => {
    const a = quality.outcome(index, hidden, mixtral, 0).correct;
    const b = quality.outcome(index, hidden, gpt4, 0).correct;
    if (a && b) counts.both++;
    else if (a) counts.onlyA++;
    else if (b) counts.onlyB++;
    else counts.neither++;
  });
  const n = requests.length;
  return {
    both: counts.both / n,
    onlyA: counts.onlyA / n,
    onlyB: counts.onlyB / n,
    neither: counts.neither / n,
  };
}

function cellErrors(measured: Table, expected: Table): number[] {
  return (['both', 'onlyA', 'onlyB', 'neither'] as const).map((cell) =>
    Math.abs(measured[cell] - expected[cell]),
  );
}

describe('the quality model reproduces RouteLLM 2×2 tables (Mixtral-8x7B vs GPT-4)', () => {
  const domains = loadDomainParams();
  for (const domain of ['math', 'factual-qa'] as const) {
    it(`${domain}: every cell within 0.5 point over ${REQUESTS} requests; with a_d = 0 at least one cell is off`, () => {
      const requests = requestsOf(domain, domains, REQUESTS);
      expect(requests.length).toBeGreaterThanOrEqual(200_000);
      expect(requests.every((hidden) => hidden.domain === domain)).toBe(true);

      const measured = measure(domain, domains, requests);
      const errors = cellErrors(measured, ROUTELLM[domain].table);
      for (const error of errors) expect(error, JSON.stringify(measured)).toBeLessThanOrEqual(TOLERANCE);

      // Negative control: without the hidden shared hardness the models agree too little.
      const withoutHardness = { ...domains, [domain]: { ...domains[domain], a: 0 } };
      const control = measure(domain, withoutHardness, requests);
      expect(
        Math.max(...cellErrors(control, ROUTELLM[domain].table)),
        JSON.stringify(control),
      ).toBeGreaterThan(TOLERANCE);
    });
  }
});
