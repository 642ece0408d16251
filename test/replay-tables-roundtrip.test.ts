/**
 * RouteLLM's CSV shape and the {prompt, model, score} JSONL replay what they say: prompts as the
 * requests, recorded scores as the world's outcomes (samples in order), other columns ignored.
 */
import { describe, expect, it } from 'vitest';
import type { Domain, Outcome } from '../src/contracts/index.ts';
import type { ReplayConfig } from '../src/scenario/types.ts';
import { readReplaySource } from '../src/traffic/replay/load.ts';
import { createReplayStream } from '../src/traffic/replay/stream.ts';
import type { ReplayRequestStream } from '../src/traffic/replay/types.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { inverseNormalCdf, keyedNormal, Stream, stringKey } from '../src/world/random.ts';
import { recordedOutcome } from '../src/world/recorded-outcome.ts';
import { createWorld } from '../src/world/world.ts';

const MODELS = ['gpt-4o-mini', 'gpt-4o'];

function replay(config: Omit<ReplayConfig, 'times' | 'models'> & Partial<ReplayConfig>): ReplayRequestStream {
  const full: ReplayConfig = { models: {}, times: 'arrival', ...config };
  return createReplayStream({
    source: readReplaySource(full),
    config: full,
    seed: 5,
    durationMs: 60_000,
    arrival: { process: 'uniform', startRate: 1, stages: [], diurnal: undefined, bursts: [] },
    tiers: [{ name: 'default', weight: 1 }],
    domains: loadDomainParams(),
    candidates: MODELS,
    classify: () => ({ domain: 'chit-chat' }),
  });
}

/** Sample `sample` of `model` on every request, answered by a world that looks outcomes up. */
function answers(stream: ReplayRequestStream, model: string, samples = 1): Outcome[][] {
  const world = createWorld({
    seed: 5,
    catalog: loadCatalog(),
    domains: loadDomainParams(),
    faults: [],
    hidden: (index) => stream.get(index).hidden,
    outcomes: stream.outcomes,
  });
  return Array.from(stream, ({ request }) =>
    Array.from({ length: samples }, () => {
      const result = world.call({
        requestIndex: request.index,
        model,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        maxTokens: request.maxTokens,
      });
      if (!result.ok) throw new Error(result.error.message);
      return result.call.outcome;
    }),
  );
}

describe('RouteLLM CSV replay', () => {
  const stream = replay({ format: 'routellm-csv', path: 'fixtures/replay/routellm-sample.csv' });

  it('takes the prompts as single-message requests, quoting and newlines intact', () => {
    expect(stream.count).toBe(4);
    expect(Array.from(stream, ({ request }) => request.messages)).toEqual([
      [{ role: 'user', content: 'What is 7 times 8?' }],
      [{ role: 'user', content: 'Name the capital of Australia, please.' }],
      [{ role: 'user', content: 'Write a haiku about "rain".' }],
      [{ role: 'user', content: 'A multi-line\nprompt about sorting' }],
    ]);
    // The index column "" and the `category` column are not models.
    expect(stream.replay.models).toEqual({ 'gpt-4o-mini': 'gpt-4o-mini', 'gpt-4o': 'gpt-4o' });
    // uniform 1/s: arrivals at 0.5 s, 1.5 s, …
    expect(Array.from(stream.arrivals)).toEqual([500, 1500, 2500, 3500]);
  });

  it('answers each prompt as the True/False columns say', () => {
    const mini = answers(stream, 'gpt-4o-mini').map(([outcome]) => [outcome!.score, outcome!.correct]);
    const strong = answers(stream, 'gpt-4o').map(([outcome]) => [outcome!.score, outcome!.correct]);
    expect(mini).toEqual([
      [1, true],
      [0, false],
      [1, true],
      [0, false],
    ]);
    expect(strong).toEqual([
      [1, true],
      [1, true],
      [0, false],
      [0, false],
    ]);
  });

  it('a mapping renames table columns to catalog models and leaves unmapped ones out', () => {
    const renamed = replay({
      format: 'routellm-csv',
      path: 'fixtures/replay/routellm-sample.csv',
      models: { 'GPT-4O': 'gpt-4o', 'gpt-4o-mini': 'gpt-4o-mini' },
    });
    expect(renamed.replay.models).toEqual({ 'gpt-4o': 'gpt-4o', 'gpt-4o-mini': 'gpt-4o-mini' });
  });
});

describe('outcomes JSONL replay', () => {
  const stream = replay({
    format: 'outcomes-jsonl',
    path: 'fixtures/replay/outcomes-sample.jsonl',
    domain: 'summarization',
  });

  it('groups rows by prompt, in first-seen order', () => {
    expect(Array.from(stream, ({ request }) => request.messages[0]!.content)).toEqual([
      'What is 7 times 8?',
      'Summarise the plot of Hamlet in one line.',
      'Is 221 prime?',
    ]);
    expect(stream.replay.domains).toEqual({ labelled: 0, classified: 0, fixed: 3 });
  });

  it('returns the recorded scores, and successive samples in order, cycling', () => {
    const mini = answers(stream, 'gpt-4o-mini', 3).map((samples) => samples.map((outcome) => outcome.score));
    expect(mini).toEqual([
      [1, 1, 1],
      [0.35, 0.35, 0.35],
      [0, 1, 0],
    ]);
    expect(answers(stream, 'gpt-4o').map(([outcome]) => outcome!.score)).toEqual([1, 0.8, 1]);
  });

  it('a graded score gets the margin τ·Φ⁻¹(s) of the open-ended grade (summarization τ = 0.6)', () => {
    const outcome = answers(stream, 'gpt-4o-mini')[1]?.[0];
    // Φ⁻¹(0.35) = −0.385320 (standard normal tables): margin = 0.6 × −0.385320.
    expect(outcome!.margin).toBeCloseTo(-0.231192, 5);
    expect(outcome!.correct).toBe(false);
    expect(outcome!.answerId).toBeGreaterThan(0);
  });
});

describe('recordedOutcome', () => {
  const domains = loadDomainParams();
  const catalog = loadCatalog();
  const model = catalog.models.find((spec) => spec.id === 'gpt-4o')!;
  const quality = createQualityModel({ seed: 9, domains });

  it('reproduces the drawn outcome exactly when the record agrees with it (same noise draws)', () => {
    let checked = 0;
    for (let request = 0; request < 200; request++) {
      const domain: Domain = request % 2 === 0 ? 'math' : 'chit-chat';
      const hidden = {
        domain,
        difficulty: keyedNormal(9, Stream.difficulty, request),
        template: 't',
        expectedOutputTokens: 100,
        cacheablePrefixTokens: 0,
        prefixId: 0,
      };
      const drawn = quality.outcome(request, hidden, model, 0);
      const context = { seed: 9, requestIndex: request, modelKey: stringKey(model.id), sample: 0, model };
      // A verifiable 0/1 record equal to the draw keeps the drawn margin's size and sign.
      if (domain === 'math') {
        expect(recordedOutcome(drawn, drawn.score, { ...context, params: domains.math })).toEqual(drawn);
      } else {
        // An open grade s = Φ(margin/τ) inverts to the same margin.
        const again = recordedOutcome(drawn, drawn.score, { ...context, params: domains['chit-chat'] });
        expect(again.margin).toBeCloseTo(drawn.margin, 6);
        expect(again.logprobConfidence).toBeCloseTo(drawn.logprobConfidence, 6);
      }
      checked++;
    }
    expect(checked).toBe(200);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
  });
});
