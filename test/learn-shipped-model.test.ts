/**
 * The shipped model on traffic it never saw: the default scenario's own seed (42; the model was
 * trained on seed 7) and only the templates held out of its training.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/contracts/index.ts';
import { modelInfo } from '../src/engine/model-info.ts';
import { rocAuc } from '../src/learn/auc.ts';
import type { ExploreRow } from '../src/learn/explore.ts';
import { exploreScenario } from '../src/learn/explore-scenario.ts';
import { BUNDLED_MODEL_PATH, loadRouterModel } from '../src/learn/load-model.ts';
import { createRouterPredictor } from '../src/learn/predict.ts';
import { knobMetrics } from '../src/metrics/apgr.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { createLearnedStrategy } from '../src/strategies/learned.ts';
import type { CallOutcome, ModelInfo, RouteContext } from '../src/strategies/types.ts';
import { templatesByDomain } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const scenario = loadScenarioFile(new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname);
const file = loadRouterModel(BUNDLED_MODEL_PATH);
const heldOut = 'templates' in file.training.heldOut ? file.training.heldOut.templates : [];
const catalog = loadCatalog();
// ≈ 2,400 requests of the held-out templates, every candidate's outcome on each.
const rows: ExploreRow[] = [
  ...exploreScenario(scenario, {
    catalog,
    share: 0.1,
    include: (generated) => heldOut.includes(generated.hidden.template),
  }),
];

describe('the shipped learned model (fixtures/learned/assistant-day.json)', () => {
  it('was trained on another seed, with at least one template per domain held out, and is small', () => {
    expect(file.training.seed).not.toBe(scenario.seed);
    expect(file.training.format).toBe('explore-jsonl');
    const byDomain = templatesByDomain();
    for (const domain of DOMAINS)
      expect(
        byDomain[domain].some((id) => heldOut.includes(id)),
        domain,
      ).toBe(true);
    expect(Object.keys(file.models).sort()).toEqual([...scenario.models].sort());
    expect(statSync(BUNDLED_MODEL_PATH).size).toBeLessThan(1_000_000);
    expect(rows.length).toBeGreaterThan(1500);
    expect(rows.every((row) => heldOut.includes(row.template))).toBe(true);
  });

  it('predicts held-out outcomes on fresh traffic: AUC clearly above 0.5 for most models', () => {
    const predictor = createRouterPredictor(file, scenario.models);
    const probabilities = new Float64Array(scenario.models.length);
    const predictions = scenario.models.map(() => [] as number[]);
    const labels = scenario.models.map(() => [] as boolean[]);
    for (const row of rows) {
      predictor.predict(row, probabilities);
      scenario.models.forEach((model, index) => {
        const outcome = row.outcomes[model]!;
        if (!outcome.ok || outcome.score === null) return;
        predictions[index]!.push(probabilities[index]!);
        labels[index]!.push(outcome.score >= 0.5);
      });
    }
    const aucs = scenario.models.map((_, index) => rocAuc(predictions[index]!, labels[index]!) ?? 0.5);
    expect(aucs.filter((auc) => auc > 0.58).length).toBeGreaterThanOrEqual(10);
    expect(aucs.every((auc) => auc > 0.5)).toBe(true);
  });

  it('routes better than random over its threshold sweep (APGR > 0.5) on these requests', async () => {
    const models: ModelInfo[] = scenario.models.map((id) => {
      return modelInfo(catalog.models.find((model) => model.id === id)!);
    });
    const sweep = async (candidates?: string[]) => {
      const strategy = createLearnedStrategy({
        file,
        fileLabel: BUNDLED_MODEL_PATH,
        models,
        threshold: 0.5,
        ...(candidates === undefined ? {} : { candidates }),
      });
      const { weak, strong } = strategy.knob!;
      const mean = (model: string) =>
        rows.reduce((sum, row) => sum + (row.outcomes[model]!.score ?? 0), 0) / rows.length;
      const points: { c: number; r: number }[] = [];
      for (const value of strategy.knob!.values) {
        const point = strategy.knob!.at(value);
        let strongCalls = 0;
        let quality = 0;
        for (const [index, row] of rows.entries()) {
          let chosen = '';
          let calls = 0;
          const context: RouteContext = {
            now: () => row.arrivalMs,
            models,
            random: () => 0.5,
            sleep: async () => {},
            call: async (model): Promise<CallOutcome> => {
              chosen = model;
              calls++;
              return {
                ok: true,
                responseId: model,
                model,
                text: '',
                usage: {
                  promptTokens: row.promptTokens,
                  completionTokens: 1,
                  cachedTokens: 0,
                  cacheCreationTokens: 0,
                  reasoningTokens: 0,
                },
                costUsd: 0,
                latencyMs: 1,
                ttftMs: 1,
                logprobConfidence: 0.5,
                selfRatedCertainty: 0.5,
                finishReason: 'stop',
              };
            },
          };
          await point.route({ ...row, id: row.requestId, index, maxTokens: 1024 }, context);
          expect(calls).toBe(1);
          // One call, no faults on this day: the logged score of that model is the answer's score.
          quality += row.outcomes[chosen]!.score ?? 0;
          if (chosen === strong) strongCalls++;
        }
        points.push({ c: strongCalls / rows.length, r: quality / rows.length });
      }
      return { points, result: knobMetrics(points, mean(weak), mean(strong)) };
    };
    // All 13 candidates: most sweep points reach the strong model's quality through cheaper models.
    const all = await sweep();
    expect(all.result.ok && all.result.apgr).toBeGreaterThan(0.55);
    expect(all.points.at(-1)!.r - all.points[0]!.r).toBeGreaterThan(0.2);
    // RouteLLM's setting, two candidates (cheapest and most expensive): a random router scores 0.5;
    // on unseen templates the cheap model's AUC is ≈ 0.62, so the margin is small (measured 0.52).
    const pair = await sweep(['llama-3.1-8b-instant', 'claude-sonnet-4-20250514']);
    expect(pair.result.ok && pair.result.apgr).toBeGreaterThan(0.5);
    if (process.env['LEARN_REPORT']) console.log(all, pair);
  });
});
