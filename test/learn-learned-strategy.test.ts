import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RouteRequest } from '../src/contracts/index.ts';
import { featureDimension } from '../src/learn/features.ts';
import {
  MODEL_FILE_KIND,
  MODEL_TARGET,
  type RouterModelFile,
  serializeRouterModel,
} from '../src/learn/model-file.ts';
import { createLearnedStrategy, LEARNED_KNOB_VALUES, learned } from '../src/strategies/learned.ts';
import type { CallOutcome, CallPurpose, ModelInfo, RouteContext } from '../src/strategies/types.ts';

function info(id: string, inputPerMillion: number, outputPerMillion: number, standing?: number): ModelInfo {
  return {
    ...(standing === undefined ? {} : { leaderboardScore: standing }),
    id,
    provider: 'test',
    inputCostPerToken: inputPerMillion / 1e6,
    outputCostPerToken: outputPerMillion / 1e6,
    cacheReadCostPerToken: undefined,
    maxInputTokens: 100_000,
    maxOutputTokens: 4096,
    ttftMedianMs: 300,
    decodeTokensPerSecond: 100,
    typicalReasoningTokens: 0,
    benchmarks: {},
  };
}

// Listed out of price order on purpose: the router must sort by blended price (3:1).
const models = [info('strong', 3, 15, 0.9), info('cheap', 0.1, 0.4, 0.6), info('mid', 0.5, 1.5, 0.75)];
const buckets = 16;
const logit = (p: number) => Math.log(p / (1 - p));
/** Weight on the dense length feature (ln tokens − 5)/2: longer prompts lower P for cheap and mid. */
const lengthWeight: Record<string, number> = { cheap: -3, mid: -1.5, strong: 0 };
const bias: Record<string, number> = { cheap: logit(0.6), mid: logit(0.75), strong: logit(0.9) };

function modelFile(ids = ['cheap', 'mid', 'strong']): RouterModelFile {
  const features = { hashBuckets: buckets, systemWords: 0, tiers: [] };
  const dimension = featureDimension(features);
  const entries = ids.map((id) => {
    const weights = new Array<number>(dimension).fill(0);
    weights[buckets] = lengthWeight[id]!;
    return [
      id,
      { bias: bias[id]!, weights, heldOutAuc: null, trainRows: 0, heldOutRows: 0, meanScore: 0.5 },
    ] as const;
  });
  return {
    schemaVersion: 1,
    kind: MODEL_FILE_KIND,
    target: MODEL_TARGET,
    features,
    models: Object.fromEntries(entries),
    training: {
      source: 'hand-made',
      sourceHash: 'sha256:0',
      format: 'explore-jsonl',
      seed: 0,
      rows: 0,
      trainRows: 0,
      heldOutRows: 0,
      heldOut: { share: 0.2 },
      epochs: 1,
      learningRate: 0.1,
      l2: 0,
    },
  };
}

/** P of `id` for a request of `tokens` prompt tokens, from the definition (σ of bias + w·x). */
function expectedP(id: string, tokens: number): number {
  return 1 / (1 + Math.exp(-(bias[id]! + (lengthWeight[id]! * (Math.log(tokens) - 5)) / 2)));
}

function request(index: number, tokens: number): RouteRequest {
  return {
    id: `r${index}`,
    index,
    arrivalMs: index,
    messages: [{ role: 'user', content: 'the same words every time' }],
    tier: 'free',
    promptTokens: tokens,
    maxTokens: 256,
  };
}

function fakeContext(failing: ReadonlySet<string> = new Set()) {
  const calls: { model: string; purpose: CallPurpose | undefined }[] = [];
  const context: RouteContext = {
    now: () => 0,
    models,
    random: () => 0.5,
    sleep: async () => {},
    async call(model, options): Promise<CallOutcome> {
      calls.push({ model, purpose: options?.purpose });
      if (failing.has(model)) {
        return {
          ok: false,
          model,
          kind: 'server_error',
          status: 503,
          message: 'down',
          retryAfterMs: undefined,
          latencyMs: 5,
        };
      }
      return {
        ok: true,
        responseId: `${model}#${calls.length}`,
        model,
        text: 'ok',
        usage: {
          promptTokens: 1,
          completionTokens: 1,
          cachedTokens: 0,
          cacheCreationTokens: 0,
          reasoningTokens: 0,
        },
        costUsd: 0,
        latencyMs: 10,
        ttftMs: 5,
        logprobConfidence: 0.9,
        selfRatedCertainty: 0.9,
        finishReason: 'stop',
      };
    },
  };
  return { context, calls };
}

const TOKENS = [10, 30, 100, 300, 1000, 3000, 10_000];

describe('learned strategy', () => {
  it('routes to the cheapest candidate whose predicted P reaches α, else to the highest P', async () => {
    for (const threshold of [0.3, 0.5, 0.7, 0.85, 0.95]) {
      const strategy = createLearnedStrategy({ file: modelFile(), fileLabel: 'hand', models, threshold });
      for (const [index, tokens] of TOKENS.entries()) {
        const { context, calls } = fakeContext();
        const result = await strategy.route(request(index, tokens), context);
        const byPrice = ['cheap', 'mid', 'strong'];
        const expected =
          byPrice.find((id) => expectedP(id, tokens) >= threshold) ??
          byPrice.reduce((best, id) => (expectedP(id, tokens) > expectedP(best, tokens) ? id : best));
        expect(calls, `α ${threshold}, ${tokens} tokens`).toEqual([{ model: expected, purpose: 'primary' }]);
        expect(result.responseId).toBe(`${expected}#1`);
      }
    }
  });

  it('exposes the threshold knob: weak = cheapest, strong = strongest; strong share rises with α', async () => {
    const strategy = createLearnedStrategy({ file: modelFile(), fileLabel: 'hand', models, threshold: 0.5 });
    expect(strategy.knob?.weak).toBe('cheap');
    expect(strategy.knob?.strong).toBe('strong');
    expect(strategy.knob?.values).toEqual(LEARNED_KNOB_VALUES);
    const shares: number[] = [];
    for (const value of strategy.knob!.values) {
      const point = strategy.knob!.at(value);
      expect(point.name).toBe(`learned@${value}`);
      let strong = 0;
      const count = 200;
      for (let index = 0; index < count; index++) {
        const { context, calls } = fakeContext();
        await point.route(request(index, Math.round(10 * 1.035 ** index)), context);
        if (calls[0]!.model === 'strong') strong++;
      }
      shares.push(strong / count);
    }
    for (let index = 1; index < shares.length; index++)
      expect(shares[index]).toBeGreaterThanOrEqual(shares[index - 1]!);
    // α = 0.1: mid (P ≥ 0.1 up to ~10k tokens) always suffices; α = 0.95: only short prompts stay cheap.
    expect(shares[0]).toBe(0);
    expect(shares.at(-1)).toBeGreaterThan(0.5);
  });

  it('falls back to the next-best prediction when the chosen call fails', async () => {
    const strategy = createLearnedStrategy({ file: modelFile(), fileLabel: 'hand', models, threshold: 0.5 });
    // 10 tokens: P(cheap) ≈ 0.97 is chosen; P(mid) ≈ 0.95 > P(strong) = 0.9 is next.
    const { context, calls } = fakeContext(new Set(['cheap']));
    const result = await strategy.route(request(0, 10), context);
    expect(calls).toEqual([
      { model: 'cheap', purpose: 'primary' },
      { model: 'mid', purpose: 'fallback' },
    ]);
    expect(result.responseId).toBe('mid#2');
    const down = fakeContext(new Set(['cheap', 'mid', 'strong']));
    const failed = await strategy.route(request(1, 10), down.context);
    expect(failed.responseId).toBeUndefined();
    expect(down.calls).toHaveLength(3);
  });

  it('names the strongest candidate as the knob’s strong model, not the most expensive (metrics.md)', () => {
    // "dear" costs most but stands below "strong": APGR's r_strong must be the best model's quality.
    const withDear = [...models, info('dear', 10, 40, 0.8)];
    const file = modelFile();
    file.models['dear'] = file.models['strong']!;
    const strategy = createLearnedStrategy({ file, fileLabel: 'hand', models: withDear, threshold: 0.5 });
    expect(strategy.knob?.weak).toBe('cheap');
    expect(strategy.knob?.strong).toBe('strong');
  });

  it('ignores candidates missing from the model file, and fails when none is left', () => {
    const partial = createLearnedStrategy({
      file: modelFile(['cheap', 'strong']),
      fileLabel: 'hand',
      models,
      threshold: 0.5,
    });
    expect(partial.knob?.strong).toBe('strong');
    expect(() =>
      createLearnedStrategy({
        file: modelFile(['cheap']),
        fileLabel: 'hand',
        models,
        threshold: 0.5,
        candidates: ['mid'],
      }),
    ).toThrow(/none of the candidates/);
  });
});

describe('learned factory', () => {
  const context = { models, seed: 1, baseDir: '/' };

  it('loads a model file relative to the scenario directory and validates options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'learned-'));
    writeFileSync(join(dir, 'router.json'), serializeRouterModel(modelFile()));
    const strategy = learned({ model: 'router.json', threshold: 0.7 }, { ...context, baseDir: dir });
    expect(strategy.family).toBe('learned');
    const { context: route, calls } = fakeContext();
    await strategy.route(request(0, 10), route);
    expect(calls[0]!.model).toBe('cheap');
    expect(() => learned({ treshold: 0.5 }, { ...context, baseDir: dir })).toThrow(
      /unknown option "treshold"/,
    );
    expect(() => learned({ threshold: 1.5 }, { ...context, baseDir: dir })).toThrow(/threshold/);
    expect(() => learned({ model: 'missing.json' }, { ...context, baseDir: dir })).toThrow(/missing\.json/);
  });

  it('loads the bundled model by default and uses the scenario models it knows', () => {
    const scenarioModels = [
      info('gpt-4o-mini', 0.15, 0.6, 0.7),
      info('gpt-4o', 2.5, 10, 0.8),
      info('not-in-file', 0.01, 0.01, 0.9),
    ];
    const strategy = learned({}, { models: scenarioModels, seed: 42, baseDir: '/' });
    expect(strategy.knob?.weak).toBe('gpt-4o-mini');
    expect(strategy.knob?.strong).toBe('gpt-4o');
  });
});
