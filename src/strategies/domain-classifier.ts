/**
 * The domain classifier the `domain` strategy uses: naive Bayes over the distinct words of the
 * last user message, with weights built from template wording (fixtures/classifier/keywords.json,
 * see classifier-build.ts) — never from hidden labels. Words it has never seen are ignored; a
 * message with no known word falls back to 'chit-chat' (the most common, least specialised domain)
 * with confidence 1/8. The fixture states the accuracy band it reaches on generated traffic.
 */
import fixture from '../../fixtures/classifier/keywords.json' with { type: 'json' };
import { DOMAINS, type Domain } from '../contracts/index.ts';
import { distinctWords } from './words.ts';

export interface DomainGuess {
  domain: Domain;
  /** Softmax probability of the winning domain, (0, 1]. */
  confidence: number;
}

const weights = new Map<string, Float64Array>(
  Object.entries(fixture.weights as Record<string, number[]>).map(([word, values]) => [
    word,
    Float64Array.from(values),
  ]),
);

/** The accuracy band the fixture states for traffic of the default scenario's mix. */
export const CLASSIFIER_EXPECTED_ACCURACY: { min: number; max: number } = {
  min: fixture.expectedAccuracy.min,
  max: fixture.expectedAccuracy.max,
};

const FALLBACK: Domain = 'chit-chat';

/** Classify `text` (the last user message) into one of the eight domains. */
export function classifyDomain(text: string): DomainGuess {
  const scores = new Float64Array(DOMAINS.length);
  let known = 0;
  for (const word of distinctWords(text)) {
    const row = weights.get(word);
    if (row === undefined) continue;
    known++;
    for (let index = 0; index < scores.length; index++)
      scores[index] = (scores[index] ?? 0) + (row[index] ?? 0);
  }
  if (known === 0) return { domain: FALLBACK, confidence: 1 / DOMAINS.length };
  let best = 0;
  for (let index = 1; index < scores.length; index++)
    if ((scores[index] ?? 0) > (scores[best] ?? 0)) best = index;
  const top = scores[best] ?? 0;
  let total = 0;
  for (const score of scores) total += Math.exp(score - top);
  return { domain: DOMAINS[best] ?? FALLBACK, confidence: 1 / total };
}
