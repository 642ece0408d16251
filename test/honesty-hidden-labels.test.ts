/**
 * A strategy sees only what a production router could: run through the real engine on the default
 * scenario, the request objects it gets carry no hidden label (domain, difficulty, template,
 * token expectations, prefix identity) and no outcome, anywhere in them; the ModelInfo it gets
 * carries no quality targets or confidence dials; the call outcomes it gets carry no score or
 * correctness. The key scanner is checked to catch exactly such keys on the generator's output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteRequest } from '../src/contracts/index.ts';
import type { CallOutcome, ModelInfo, Strategy } from '../src/strategies/types.ts';
import { type HonestyDay, honestyDay, runOn } from './honesty-support.ts';

const REQUESTS = 3_000;

/** Keys that would leak what the world knows: HiddenLabels, outcomes, catalog quality fields. */
const FORBIDDEN = [
  'hidden',
  'domain',
  'difficulty',
  'template',
  'expectedOutputTokens',
  'cacheablePrefixTokens',
  'prefixId',
  'outcome',
  'score',
  'correct',
  'margin',
  'answerId',
  'quality',
  'confidence',
  'verbosity',
  'ability',
  'theta',
];
const FORBIDDEN_LOWER = new Set(FORBIDDEN.map((key) => key.toLowerCase()));

/** Every own key (string or symbol, enumerable or not) at any depth whose name is forbidden, as paths. */
function forbiddenPaths(value: unknown, path = '$', seen = new Set<object>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const found: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    const name = typeof key === 'symbol' ? (key.description ?? '') : key;
    const child = `${path}.${name}`;
    if (FORBIDDEN_LOWER.has(name.toLowerCase())) found.push(child);
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor)
      found.push(...forbiddenPaths(descriptor.value, child, seen));
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== null && prototype !== Object.prototype && prototype !== Array.prototype) {
    found.push(...forbiddenPaths(prototype, `${path}.[[prototype]]`, seen));
  }
  return found;
}

interface Recorded {
  requests: RouteRequest[];
  models: (readonly ModelInfo[])[];
  outcomes: CallOutcome[];
}

/** Calls one model per request (cycling through the candidates) and keeps everything it is given. */
function recordingStrategy(recorded: Recorded): Strategy {
  return {
    name: 'recorder',
    family: 'custom',
    async route(request, context) {
      recorded.requests.push(request);
      recorded.models.push(context.models);
      const model = context.models[request.index % context.models.length]!;
      const outcome = await context.call(model.id);
      recorded.outcomes.push(outcome);
      return { responseId: outcome.ok ? outcome.responseId : undefined, reason: 'recording' };
    },
  };
}

let day: HonestyDay;
const recorded: Recorded = { requests: [], models: [], outcomes: [] };

beforeAll(async () => {
  day = honestyDay(REQUESTS);
  await runOn(day, recordingStrategy(recorded));
}, 30_000);

describe('what a strategy sees through the engine', () => {
  it('the scanner finds hidden labels where they are (the generator’s output)', () => {
    const generated = day.stream.get(0);
    const paths = forbiddenPaths(generated);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.hidden',
        '$.hidden.domain',
        '$.hidden.difficulty',
        '$.hidden.template',
        '$.hidden.prefixId',
      ]),
    );
    // And at depth, under a symbol key and a non-enumerable one.
    const sneaky = { messages: [{ meta: {} }] };
    Object.defineProperty(sneaky.messages[0]!.meta, 'difficulty', { value: 1, enumerable: false });
    expect(forbiddenPaths(sneaky)).toEqual(['$.messages.0.meta.difficulty']);
    expect(forbiddenPaths({ [Symbol('domain')]: 'legal' })).toEqual(['$.domain']);
  });

  it('every request the strategy received carries no hidden label or outcome', () => {
    expect(recorded.requests).toHaveLength(REQUESTS);
    const leaks = recorded.requests.flatMap((request) => forbiddenPaths(request));
    expect(leaks).toEqual([]);
    // Exactly the public fields of RouteRequest, on a plain object.
    const allowed = ['arrivalMs', 'id', 'index', 'maxTokens', 'messages', 'promptTokens', 'tier'];
    for (const request of recorded.requests.slice(0, 200)) {
      expect(Reflect.ownKeys(request).sort()).toEqual(allowed);
      expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
      for (const message of request.messages)
        expect(Object.keys(message).sort()).toEqual(['content', 'role']);
    }
  });

  it('the request id and fields do not encode the template or domain', () => {
    for (const request of recorded.requests.slice(0, 500)) {
      expect(request.id).toMatch(/^r\d+$/);
      const hidden = day.stream.hidden(request.index)!;
      expect(request.id).not.toContain(hidden.template);
      expect(request.tier).not.toBe(hidden.domain);
    }
  });

  it('ModelInfo carries public facts only: no quality targets or confidence dials', () => {
    const models = recorded.models[0]!;
    expect(models.map((model) => model.id)).toEqual(day.scenario.models);
    expect(recorded.models.every((list) => list === models || list.length === models.length)).toBe(true);
    expect(models.flatMap((model) => forbiddenPaths(model))).toEqual([]);
    const allowed = [
      'benchmarks',
      'cacheReadCostPerToken',
      'decodeTokensPerSecond',
      'id',
      'inputCostPerToken',
      'leaderboardScore',
      'maxInputTokens',
      'maxOutputTokens',
      'outputCostPerToken',
      'provider',
      'ttftMedianMs',
      'typicalReasoningTokens',
    ];
    for (const model of models) expect(Object.keys(model).every((key) => allowed.includes(key))).toBe(true);
  });

  it('call outcomes carry no score or correctness', () => {
    expect(recorded.outcomes.length).toBe(REQUESTS);
    expect(recorded.outcomes.some((outcome) => outcome.ok)).toBe(true);
    expect(recorded.outcomes.flatMap((outcome) => forbiddenPaths(outcome))).toEqual([]);
  });
});
