/**
 * The learned router's default threshold, calibrated on its own training rows (src/learn/calibrate.ts):
 * the smallest α whose replayed quality reaches 95% of the best single model's (RouteLLM's CPT(50%)
 * operating point, ../shared/data/realism-anchors.md §1e). Checked three ways: against a brute-force
 * replay of a hand-made model, by recomputing the shipped file's value from its training rows, and
 * through the factory (the calibrated value is the default; an explicit threshold wins).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CalibrationRow, calibrateThreshold } from '../src/learn/calibrate.ts';
import { trainingRowsFromExplore } from '../src/learn/explore-log.ts';
import { exploreScenario } from '../src/learn/explore-scenario.ts';
import { featureDimension } from '../src/learn/features.ts';
import {
  MODEL_FILE_KIND,
  MODEL_TARGET,
  parseRouterModelText,
  type RouterModelFile,
  serializeRouterModel,
} from '../src/learn/model-file.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { createLearnedStrategy, learned } from '../src/strategies/learned.ts';
import type { CallOutcome, ModelInfo, RouteContext } from '../src/strategies/types.ts';
import { blendedPrice, loadCatalog } from '../src/world/catalog.ts';

const buckets = 16;
const logit = (p: number) => Math.log(p / (1 - p));
/** Longer prompts lower P for cheap and mid (dense length feature (ln tokens − 5)/2). */
const lengthWeight: Record<string, number> = { cheap: -3, mid: -1.5, strong: 0 };
const bias: Record<string, number> = { cheap: logit(0.6), mid: logit(0.75), strong: logit(0.9) };
const ids = ['strong', 'cheap', 'mid'];
const price: Record<string, number> = { cheap: 1, mid: 5, strong: 20 };

function handFile(): RouterModelFile {
  const features = { hashBuckets: buckets, systemWords: 0, tiers: [] };
  const dimension = featureDimension(features);
  const models = Object.fromEntries(
    ids.map((id) => {
      const weights = new Array<number>(dimension).fill(0);
      weights[buckets] = lengthWeight[id]!;
      return [
        id,
        { bias: bias[id]!, weights, heldOutAuc: null, trainRows: 0, heldOutRows: 0, meanScore: 0.5 },
      ];
    }),
  );
  return {
    schemaVersion: 1,
    kind: MODEL_FILE_KIND,
    target: MODEL_TARGET,
    features,
    models,
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

const P = (id: string, tokens: number) =>
  1 / (1 + Math.exp(-(bias[id]! + (lengthWeight[id]! * (Math.log(tokens) - 5)) / 2)));

/** Rows whose observed scores follow the predictions' ordering loosely: long prompts need strong. */
function handRows(): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (let index = 0; index < 60; index++) {
    const tokens = Math.round(10 * 1.12 ** index);
    const hard = Math.log(tokens) / Math.log(10 * 1.12 ** 59);
    rows.push({
      request: { messages: [{ role: 'user', content: 'same words' }], tier: 'free', promptTokens: tokens },
      scores: { cheap: hard < 0.5 ? 1 : 0, mid: hard < 0.8 ? 1 : 0, strong: index % 10 === 9 ? 0 : 1 },
      costs: { cheap: price['cheap']!, mid: price['mid']!, strong: price['strong']! },
    });
  }
  return rows;
}

describe('calibrated default threshold', () => {
  it('is the smallest α (step 0.01) whose replay reaches 95% of the best model’s quality (RouteLLM CPT(50%) point, realism-anchors §1e)', () => {
    const rows = handRows();
    const calibration = calibrateThreshold(handFile(), rows, { pricePerToken: price });
    // Brute force, from the closed-form predictions and the router's rule written out again.
    const best = Math.max(
      ...ids.map((id) => rows.reduce((sum, row) => sum + row.scores[id]!, 0) / rows.length),
    );
    const order = ['cheap', 'mid', 'strong'];
    const qualityAt = (alpha: number) =>
      rows.reduce((sum, row) => {
        const tokens = row.request.promptTokens;
        const chosen =
          order.find((id) => P(id, tokens) >= alpha) ??
          order.reduce((top, id) => (P(id, tokens) > P(top, tokens) ? id : top));
        return sum + row.scores[chosen]!;
      }, 0) / rows.length;
    let expected = 0;
    for (let step = 1; step < 100 && expected === 0; step++)
      if (qualityAt(step / 100) >= 0.95 * best) expected = step / 100;
    expect(expected).toBeGreaterThan(0.01);
    expect(calibration).toMatchObject({
      reference: 'strong',
      threshold: expected,
      reached: true,
      orderBy: 'blended catalog price',
      order,
      rows: 60,
    });
    expect(calibration!.quality).toBeGreaterThanOrEqual(0.95 * best - 1e-4);
    // One step lower misses the target: the smallest α, not any α that reaches it.
    expect(qualityAt(expected - 0.01)).toBeLessThan(0.95 * best);
  });

  it('a higher quality share asks for a higher α; an unreachable one is flagged, not hidden', () => {
    const rows = handRows();
    const at = (qualityShare: number) =>
      calibrateThreshold(handFile(), rows, { qualityShare, pricePerToken: price })!;
    expect(at(0.99).threshold).toBeGreaterThanOrEqual(at(0.9).threshold);
    expect(at(0.9).reached).toBe(true);
    // Only strong ever answers well, but short prompts always go to cheap (its P is the highest
    // there at every α): 100% of strong's quality is out of reach.
    const onlyStrong = rows.map((row) => ({ ...row, scores: { cheap: 0, mid: 0, strong: 1 } }));
    const unreachable = calibrateThreshold(handFile(), onlyStrong, {
      qualityShare: 1,
      pricePerToken: price,
    })!;
    expect(unreachable.reached).toBe(false);
    expect(unreachable.quality).toBeLessThan(1);
    // The α it falls back to is the one of the best quality on the grid.
    const atBest = calibrateThreshold(handFile(), onlyStrong, {
      qualityShare: unreachable.quality,
      pricePerToken: price,
    })!;
    expect(atBest.threshold).toBe(unreachable.threshold);
  });

  it('recomputing the shipped file’s threshold from its training rows gives the stored value', () => {
    const path = new URL('../fixtures/learned/assistant-day.json', import.meta.url);
    const shipped = parseRouterModelText(readFileSync(path, 'utf8'), 'assistant-day.json');
    expect(shipped.calibration).toBeDefined();
    // The rows the README's command trains on: the seed-7 day, 15% explored, held-out templates removed.
    const scenario = loadScenarioFile(new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname);
    const catalog = loadCatalog();
    const held = new Set((shipped.training.heldOut as { templates: string[] }).templates);
    const rows = trainingRowsFromExplore([
      ...exploreScenario({ ...scenario, seed: shipped.training.seed }, { catalog, share: 0.15 }),
    ])
      .filter((row) => !held.has(row.template ?? ''))
      .map((row) => ({ request: row.request, ...row.observed! }));
    expect(rows.length).toBe(shipped.training.trainRows);
    const prices = Object.fromEntries(catalog.models.map((model) => [model.id, blendedPrice(model)]));
    const recomputed = calibrateThreshold(shipped, rows, { pricePerToken: prices });
    expect(recomputed).toEqual(shipped.calibration);
  }, 60_000);
});

describe('learned factory default threshold', () => {
  const models: ModelInfo[] = ['strong', 'cheap', 'mid'].map((id) => ({
    id,
    provider: 'test',
    inputCostPerToken: price[id]! / 1e6,
    outputCostPerToken: price[id]! / 1e6,
    cacheReadCostPerToken: undefined,
    maxInputTokens: 1e6,
    maxOutputTokens: 4096,
    ttftMedianMs: 300,
    decodeTokensPerSecond: 100,
    typicalReasoningTokens: 0,
    benchmarks: {},
    leaderboardScore: { strong: 0.9, mid: 0.75, cheap: 0.6 }[id]!,
  }));

  async function choices(strategyFor: () => ReturnType<typeof createLearnedStrategy>): Promise<string[]> {
    const strategy = strategyFor();
    const chosen: string[] = [];
    for (let index = 0; index < 40; index++) {
      const context: RouteContext = {
        now: () => 0,
        models,
        random: () => 0.5,
        sleep: async () => {},
        call: async (model): Promise<CallOutcome> => {
          chosen.push(model);
          return {
            ok: false,
            model,
            kind: 'server_error',
            status: 500,
            message: '',
            retryAfterMs: undefined,
            latencyMs: 1,
          };
        },
      };
      const tokens = Math.round(10 * 1.2 ** index);
      await strategy.route(
        {
          id: `r${index}`,
          index,
          arrivalMs: 0,
          messages: [{ role: 'user', content: 'x' }],
          tier: 'free',
          promptTokens: tokens,
          maxTokens: 10,
        },
        context,
      );
      chosen.push('|');
    }
    return chosen;
  }

  it('uses the file’s calibrated threshold by default; an explicit threshold wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrated-'));
    const file = {
      ...handFile(),
      calibration: calibrateThreshold(handFile(), handRows(), { pricePerToken: price })!,
    };
    writeFileSync(join(dir, 'router.json'), serializeRouterModel(file));
    const context = { models, seed: 1, baseDir: dir };
    const calibrated = file.calibration.threshold;
    const at = (threshold: number) => () =>
      createLearnedStrategy({ file, fileLabel: 'x', models, threshold, fallbacks: 0 });
    const byDefault = await choices(() => learned({ model: 'router.json', fallbacks: 0 }, context));
    expect(byDefault).toEqual(await choices(at(calibrated)));
    // The calibrated α routes differently from the uncalibrated 0.5, so the check above has teeth.
    expect(byDefault).not.toEqual(await choices(at(0.5)));
    const explicit = await choices(() =>
      learned({ model: 'router.json', threshold: 0.5, fallbacks: 0 }, context),
    );
    expect(explicit).toEqual(await choices(at(0.5)));
  });
});
