/**
 * The domain classifier is honest: its accuracy on generated traffic of the default scenario's
 * mix (≥ 20k requests, graded against the generator's hidden labels — here, in a test, never at
 * run time) lies inside the band its fixture states, well above chance (1/8) and well below 1.
 * The fixture's weights are exactly what the builder makes from the templates.
 */
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/classifier/keywords.json' with { type: 'json' };
import { loadScenarioFile } from '../src/scenario/load.ts';
import { buildClassifierWeights } from '../src/strategies/classifier-build.ts';
import { CLASSIFIER_EXPECTED_ACCURACY, classifyDomain } from '../src/strategies/domain-classifier.ts';
import { lastUserMessage } from '../src/strategies/words.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { DOMAIN_FILES } from '../src/traffic/templates.ts';

const SAMPLE = 20_000;

describe('domain classifier', () => {
  it('reaches the accuracy band its fixture states on the default scenario’s traffic', () => {
    const scenario = loadScenarioFile(new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname);
    const stream = requestStreamFromScenario(scenario);
    // Every k-th request, spread over the whole day.
    const stride = Math.floor(stream.count / SAMPLE);
    let correct = 0;
    for (let sample = 0; sample < SAMPLE; sample++) {
      const { request, hidden } = stream.get(sample * stride);
      if (classifyDomain(lastUserMessage(request.messages)).domain === hidden.domain) correct++;
    }
    const accuracy = correct / SAMPLE;
    console.log(`domain classifier accuracy over ${SAMPLE} requests: ${accuracy.toFixed(4)}`);
    expect(CLASSIFIER_EXPECTED_ACCURACY.min).toBeGreaterThan(0.5);
    expect(CLASSIFIER_EXPECTED_ACCURACY.max).toBeLessThan(0.95);
    expect(accuracy).toBeGreaterThanOrEqual(CLASSIFIER_EXPECTED_ACCURACY.min);
    expect(accuracy).toBeLessThanOrEqual(CLASSIFIER_EXPECTED_ACCURACY.max);
  });

  it('classifies obvious single-domain messages and falls back to chit-chat on unknown words', () => {
    expect(classifyDomain('qwxz zzyq').domain).toBe('chit-chat');
    expect(classifyDomain('qwxz zzyq').confidence).toBeCloseTo(1 / 8, 12);
    const guess = classifyDomain('Write a SQL query that joins the orders table to customers');
    expect(guess.domain).toBe('code');
    expect(guess.confidence).toBeGreaterThan(0.5);
    expect(guess.confidence).toBeLessThanOrEqual(1);
  });

  it('its weights are rebuilt exactly from the templates (no hidden labels involved)', () => {
    const weights = buildClassifierWeights(DOMAIN_FILES);
    expect(weights).toEqual(fixture.weights);
  });
});
