/**
 * The judge-ε study through `simulate`: a scenario with a judge cascade gets research.judgeEpsilon
 * in results.json — the default ε list plus the cascade's own ε, quality non-increasing in ε (keyed
 * flips: a verdict flipped at a smaller ε is flipped at every larger one), equal to
 * judgeEpsilonStudy called directly, and at the scenario's own ε equal to the cascade's own run —
 * and report.html draws the chart and the table; summary.md has the note.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelInfos } from '../src/engine/model-info.ts';
import type { JudgeEpsilonMetrics, StrategyMetrics } from '../src/metrics/types.ts';
import { fixed } from '../src/report/precision.ts';
import { judgeEpsilonResearch, judgeEpsilonStudy } from '../src/run/judge-epsilon.ts';
import { loadSimulationScenario, prepareStream } from '../src/run/simulate-inputs.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { simulateToDirectory } from './simulate-support.ts';

/** Eight minutes at 2 requests/s (≈ 960 requests: the study covers the whole stream). */
const SCENARIO = `version: 1
name: Judge epsilon study
seed: 5
duration: 8m
window: 1m
traffic:
  arrival: { process: poisson, rate: 2, timeUnit: 1s }
  mix:
    - { domain: factual-qa, weight: 1 }
    - { domain: math, weight: 1 }
    - { domain: legal, weight: 1 }
providers:
  # TPM far above the load: o3-mini's calls (and judge calls) carry its reasoning headroom in
  # max_tokens, which TPM counts, so at the default 2M the shadow calls' budget 429s some of the
  # cascade's own o3-mini calls and the run stops being comparable with the study's point.
  openai:
    tpm: 100000000
    models: [gpt-4o-mini, gpt-4o, o3-mini]
  anthropic:
    models: [claude-haiku-4-5-20251001, claude-sonnet-4-20250514]
reference: always-strongest
strategies:
  - always-strongest
  - { name: cascade, options: { confidence: judge, epsilon: 0.15, shadow: { share: 0.1 } } }
`;

const directory = mkdtempSync(join(tmpdir(), 'routesim-judge-'));
const scenarioPath = join(directory, 'judge.yaml');
const outDir = join(directory, 'out');
const read = (file: string) => readFileSync(join(outDir, file), 'utf8');
let results: { research: { judgeEpsilon?: JudgeEpsilonMetrics }; strategies: StrategyMetrics[] };
let study: JudgeEpsilonMetrics;

beforeAll(async () => {
  writeFileSync(scenarioPath, SCENARIO);
  await simulateToDirectory({ scenarioPath, outDir, workers: 1, wallClock: () => performance.now() });
  results = JSON.parse(read('results.json'));
  study = results.research.judgeEpsilon!;
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('judge-ε study in results.json', () => {
  it('covers the default ε list and the cascade’s own ε, quality non-increasing in ε', () => {
    expect(study).toMatchObject({ strategy: 'cascade', epsilon: 0.15 });
    expect(study.points.map((point) => point.epsilon)).toEqual([0, 0.1, 0.15, 0.2, 0.3]);
    for (let index = 1; index < study.points.length; index++) {
      expect(study.points[index]!.quality).toBeLessThanOrEqual(study.points[index - 1]!.quality);
    }
    // A flip rate of 0.3 makes a visible difference on ~1,000 requests.
    expect(study.points[0]!.quality - study.points[4]!.quality).toBeGreaterThan(0.02);
    for (const point of study.points) expect(point.judgeCallsPerRequest).toBeGreaterThanOrEqual(1);
  });

  it('equals judgeEpsilonStudy called directly on the scenario’s stream', async () => {
    const loaded = loadSimulationScenario(scenarioPath, undefined);
    const { scenario } = loaded;
    const prepared = prepareStream(scenario);
    const models = modelInfos(loaded.effectiveCatalog, scenario.models);
    const context = { models, seed: scenario.seed, baseDir: directory };
    const points = await judgeEpsilonStudy({
      stream: prepared.stream,
      models,
      makeWorld: () => worldFromScenario(scenario, loaded.catalog, prepared.stream.hidden, prepared.outcomes),
      strategyAt: (epsilon) =>
        buildStrategy({ name: 'cascade', options: { confidence: 'judge', epsilon } }, context),
      epsilons: [0, 0.1, 0.15, 0.2, 0.3],
    });
    expect(study.count).toBe(prepared.stream.count);
    // results.json keeps 6 significant digits.
    const rounded = points.map((point) =>
      Object.fromEntries(Object.entries(point).map(([key, value]) => [key, fixed(value)])),
    );
    expect(study.points).toEqual(rounded);
  });

  it('at the scenario’s own ε, is the cascade’s own run (shadow calls cost nothing there)', () => {
    const cascade = results.strategies.find((strategy) => strategy.name === 'cascade')!;
    expect(cascade.shadow?.sampled).toBeGreaterThan(0);
    const own = study.points.find((point) => point.epsilon === 0.15)!;
    expect(own.quality).toBe(cascade.quality.mean);
    expect(own.costPerRequestUsd).toBe(cascade.cost.perRequestUsd);
    expect(own.escalationRate).toBe(cascade.escalationRate);
  });

  it('is absent when the scenario has no judge cascade', async () => {
    const loaded = loadSimulationScenario(scenarioPath, undefined);
    const prepared = prepareStream(loaded.scenario);
    const models = modelInfos(loaded.effectiveCatalog, loaded.scenario.models);
    const research = await judgeEpsilonResearch({
      configs: [{ name: 'cascade', options: { threshold: 0.7 } }],
      context: { models, seed: 5, baseDir: directory },
      stream: prepared.stream,
      makeWorld: () => worldFromScenario(loaded.scenario, loaded.catalog, prepared.stream.hidden),
    });
    expect(research).toBeUndefined();
  });
});

describe('judge-ε study in the report', () => {
  it('draws the chart and the table, and names the scenario’s ε', () => {
    const page = read('report.html');
    const figure = page.split('<figure class="chart" id="chart-judge-epsilon">')[1]?.split('</figure>')[0];
    expect(figure).toBeDefined();
    expect(figure).toContain('<svg');
    expect(figure).toContain('judge flip probability ε');
    const table = page.split('<h3 id="judge-epsilon">')[1]?.split('</table>')[0] ?? '';
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td>/g)];
    expect(rows.map((row) => row[1])).toEqual(['0', '0.1', '0.15 (this scenario)', '0.2', '0.3']);
    expect(rows.map((row) => row[2])).toEqual(study.points.map((point) => point.quality.toFixed(3)));
    const first = study.points[0]!;
    const last = study.points[4]!;
    expect(table).toContain(
      `From ε = 0 to ε = 0.3, quality falls from ${first.quality.toFixed(3)} to ${last.quality.toFixed(3)}`,
    );
  });

  it('adds one line to summary.md', () => {
    expect(read('summary.md')).toMatch(/judge ε study of cascade \(judge [\w.-]+, first [\d,]+ requests\)/);
  });
});
