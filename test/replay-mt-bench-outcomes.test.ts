/**
 * Replay of real outcomes: on MT-Bench (faults off) the quality of always-weak, always-strong and
 * the oracle equals what RouteLLM's judgement table says, request by request. The expected
 * values are computed here straight from the fixture files, not by the replay code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { World } from '../src/contracts/index.ts';
import { modelInfos } from '../src/engine/model-info.ts';
import { runOracle } from '../src/engine/oracle.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { alwaysModel } from '../src/strategies/baselines.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const SCENARIO = 'scenarios/examples/mt-bench-replay.yaml';
const WEAK = 'mistral-small-latest';
const STRONG = 'gpt-4o';

/** The table, read by hand: first-turn judge scores (s − 1)/9 per question, question-file order. */
function expectedScores(): { weak: number[]; strong: number[] } {
  const questions = readFileSync('fixtures/replay/mt-bench/question.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question_id: number }).question_id);
  const scores = new Map<string, number>();
  for (const line of readFileSync('fixtures/replay/mt-bench/judgements.jsonl', 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { question_id: number; model: string; turn: number; score: number };
    if (row.turn === 1) scores.set(`${row.question_id}|${row.model}`, (row.score - 1) / 9);
  }
  return {
    weak: questions.map((id) => scores.get(`${id}|mistralai/Mixtral-8x7B-Instruct-v0.1`)!),
    strong: questions.map((id) => scores.get(`${id}|gpt-4-1106-preview`)!),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

describe('MT-Bench replay: outcomes are looked up, never drawn', () => {
  const scenario = loadScenarioFile(SCENARIO);
  const catalog = loadCatalog();
  const stream = requestStreamFromScenario(scenario);
  const expected = expectedScores();
  const hidden = (index: number) => stream.get(index).hidden;
  const world = (): World => worldFromScenario(scenario, catalog, hidden, stream.outcomes);

  function scoresOf(target: World, model: string): number[] {
    const scores: number[] = [];
    for (const { request } of stream) {
      const result = target.call({
        requestIndex: request.index,
        model,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        maxTokens: request.maxTokens,
      });
      if (!result.ok) throw new Error(`${model} failed on ${request.id}: ${result.error.message}`);
      scores.push(result.call.outcome.score);
    }
    return scores;
  }

  it('replays all 80 questions, with no faults in the scenario', () => {
    expect(stream.count).toBe(80);
    expect(expected.weak).toHaveLength(80);
    expect(scenario.providers['openai']?.faults).toEqual([]);
    expect(stream.replay?.outcomes).toBe('table');
  });

  it('always-weak, always-strong and oracle quality equal the table to the last request', () => {
    const weak = scoresOf(world(), WEAK);
    const strong = scoresOf(world(), STRONG);
    expect(weak).toEqual(expected.weak);
    expect(strong).toEqual(expected.strong);
    const oracle = expected.weak.map((score, index) => Math.max(score, expected.strong[index]!));
    expect(mean(weak.map((score, index) => Math.max(score, strong[index]!)))).toBe(mean(oracle));
    // Published-style summary: GPT-4's mean first-turn grade is above Mixtral's.
    expect(mean(expected.strong)).toBeGreaterThan(mean(expected.weak));
  });

  it('the quality model alone would not reproduce the table (the lookup is what makes it equal)', () => {
    const drawn = scoresOf(worldFromScenario(scenario, catalog, hidden), STRONG);
    expect(drawn).not.toEqual(expected.strong);
  });

  it('correct ⇔ score ≥ 0.5, the margin has the same sign, and logprob confidence follows it', () => {
    const target = world();
    const confidence = { right: [] as number[], wrong: [] as number[] };
    for (const { request } of stream) {
      const result = target.call({
        requestIndex: request.index,
        model: WEAK,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        maxTokens: request.maxTokens,
      });
      if (!result.ok) throw new Error(result.error.message);
      const { outcome } = result.call;
      expect(outcome.correct).toBe(outcome.score >= 0.5);
      expect(outcome.margin > 0).toBe(outcome.correct);
      (outcome.correct ? confidence.right : confidence.wrong).push(outcome.logprobConfidence);
    }
    expect(confidence.wrong.length).toBeGreaterThan(5);
    expect(mean(confidence.right)).toBeGreaterThan(mean(confidence.wrong));
  });

  it('prices and latency still come from the world: the strong model costs more per request', () => {
    const cost = (model: string) => {
      const target = world();
      let total = 0;
      for (const { request } of stream) {
        const result = target.call({
          requestIndex: request.index,
          model,
          startMs: request.arrivalMs,
          attempt: 0,
          promptTokens: request.promptTokens,
          maxTokens: request.maxTokens,
        });
        if (result.ok) total += result.call.costUsd;
      }
      return total;
    };
    expect(cost(STRONG)).toBeGreaterThan(5 * cost(WEAK));
  });

  it('through the engine: runUnit(always-<model>) and runOracle score each request as the table does', async () => {
    const models = modelInfos(catalog, scenario.models);
    for (const [model, scores] of [
      [WEAK, expected.weak],
      [STRONG, expected.strong],
    ] as const) {
      const run = await runUnit({ stream, world: world(), strategy: alwaysModel(model), models });
      expect(Array.from(run.columns.score)).toEqual(scores.map((score) => Math.fround(score)));
    }
    const oracle = runOracle({ stream, world: world(), models });
    const best = expected.weak.map((score, index) => Math.fround(Math.max(score, expected.strong[index]!)));
    expect(Array.from(oracle.columns.score)).toEqual(best);
  });
});
