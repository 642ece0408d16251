/**
 * A recording fake World for handler-shape tests: scripted results, every CallInput kept.
 * Not a test file itself (no .test.ts); imported by test/mock-*.test.ts.
 */

import { afterEach } from 'vitest';
import type {
  AnsweredCall,
  CallInput,
  CallResult,
  Catalog,
  ModelSpec,
  World,
} from '../src/contracts/index.ts';
import { instantClock } from '../src/mock/clock.ts';
import { type InProcessMocks, startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';

export function fakeModel(id: string, provider: string): ModelSpec {
  const quality = { accuracy: 0.7, source: 'test' };
  return {
    id,
    provider,
    displayName: id,
    input_cost_per_token: 1e-6,
    output_cost_per_token: 2e-6,
    max_input_tokens: 1000,
    max_output_tokens: 500,
    ttftMedianMs: 100,
    ttftSigma: 0.35,
    decodeTokensPerSecond: 50,
    decodeSigma: 0.2,
    verbosity: 1,
    benchmarks: {},
    quality: {
      'chit-chat': quality,
      'factual-qa': quality,
      summarization: quality,
      code: quality,
      math: quality,
      reasoning: quality,
      legal: quality,
      medical: quality,
    },
    confidence: { kappa: 1.2, sigmaEta: 0.8, selfRatedBias: 1.5 },
  };
}

export const fakeCatalog: Catalog = {
  source: 'test',
  providers: {
    openai: {
      wire: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      capacity: 4,
      rpm: 100,
      tpm: 10000,
      cacheMinTokens: 1024,
      cacheTtlMs: 300000,
    },
    anthropic: {
      wire: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      capacity: 4,
      rpm: 50,
      tpm: 20000,
      cacheMinTokens: 1024,
      cacheTtlMs: 300000,
    },
  },
  models: [fakeModel('gpt-test', 'openai'), fakeModel('claude-test', 'anthropic')],
};

/** An answered call with hand-picked numbers, timed from `input.startMs`. */
export function answered(input: CallInput, overrides: Partial<AnsweredCall> = {}): AnsweredCall {
  return {
    id: `resp-${input.requestIndex ?? 'u'}-${input.attempt}`,
    requestIndex: input.requestIndex,
    model: input.model,
    provider: input.provider ?? 'openai',
    sample: 0,
    outcome: {
      margin: 1,
      correct: true,
      score: 1,
      answerId: 0,
      logprobConfidence: 0.8,
      selfRatedCertainty: 0.9,
    },
    text: 'The answer is forty two, as computed above.',
    usage: {
      promptTokens: input.promptTokens,
      completionTokens: 9,
      cachedTokens: 0,
      cacheCreationTokens: 0,
      reasoningTokens: 0,
    },
    costUsd: 0.001,
    timing: {
      startMs: input.startMs,
      queueMs: 10,
      ttftMs: 100,
      decodeMs: 200,
      endMs: input.startMs + 310,
    },
    finishReason: 'stop',
    rateLimit: {
      limitRequests: 100,
      remainingRequests: 99,
      resetRequestsMs: 600,
      limitTokens: 10000,
      remainingTokens: 9000,
      resetTokensMs: 1574,
    },
    ungraded: input.requestIndex === undefined,
    ...overrides,
  };
}

export interface FakeWorld extends World {
  inputs: CallInput[];
}

/** `script(input, n)` answers the n-th call (0-based); default: always answered(). */
export function createFakeWorld(
  script: (input: CallInput, n: number) => CallResult = (input) => ({ ok: true, call: answered(input) }),
): FakeWorld {
  const inputs: CallInput[] = [];
  return {
    seed: 7,
    catalog: fakeCatalog,
    inputs,
    ledger: {
      get: () => undefined,
      size: 0,
      entries: () => [][Symbol.iterator](),
      forgetRequest: () => {},
    },
    faults: [],
    model: (id) => fakeCatalog.models.find((model) => model.id === id),
    call(input) {
      inputs.push(input);
      return script(input, inputs.length - 1);
    },
    judge: () => {
      throw new Error('not used');
    },
    release: () => {},
  };
}

/**
 * In-process mocks (msw, instant clock, no request directory) over a fake world, closed after
 * each test of the file that calls this at its top level:
 *
 *   const mocks = useFakeWorldMocks();
 *   it('…', () => { const world = mocks.start(); … });
 *
 * `start(script)` builds the fake world from a script; `startWith(world)` serves a world built
 * by the test (a second start in one test replaces the first). Every prompt counts
 * `promptTokens` tokens.
 */
export function useFakeWorldMocks(promptTokens = 37): {
  start(script?: (input: CallInput, n: number) => CallResult): FakeWorld;
  startWith<W extends World>(world: W): W;
} {
  let mocks: InProcessMocks | undefined;
  afterEach(() => {
    mocks?.close();
    mocks = undefined;
  });
  const startWith = <W extends World>(world: W): W => {
    mocks?.close(); // a test may start a second world: the first one's handlers go
    mocks = startInProcessMocks({
      world,
      clock: instantClock(),
      directory: emptyDirectory,
      countMessageTokens: () => promptTokens,
    });
    return world;
  };
  return { start: (script) => startWith(createFakeWorld(script)), startWith };
}
