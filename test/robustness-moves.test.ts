/**
 * The robustness moves as world-input transforms: each lands where its band says, changes only
 * what it claims to change, and a strategy a move "cannot change" really runs identically.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../src/contracts/index.ts';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import type { RunResult } from '../src/engine/types.ts';
import { Status } from '../src/engine/types.ts';
import { quantile } from '../src/metrics/quantiles.ts';
import {
  CONFIDENCE_BANDS,
  confidencePerturbations,
  typicalSetting,
} from '../src/robustness/confidence-moves.ts';
import { judgePerturbations } from '../src/robustness/judge-moves.ts';
import { latencyPerturbations, movedLatency, Z95 } from '../src/robustness/latency-moves.ts';
import type { MoveInputs, Perturbation } from '../src/robustness/perturbation.ts';
import { robustnessMoves } from '../src/robustness/perturbations.ts';
import { readsSignal } from '../src/robustness/signals-read.ts';
import { loadSimulationScenario, prepareStream } from '../src/run/simulate-inputs.ts';
import { worldFromInputs, worldInputsFromScenario } from '../src/scenario/scenario-world.ts';
import type { StrategyConfig } from '../src/scenario/types.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { confidenceTheory, signalAuroc } from '../src/world/confidence-theory.ts';

const SMALL = 'test/fixtures/simulate/small.yaml';
const loaded = loadSimulationScenario(SMALL, undefined);
const { scenario } = loaded;
const prepared = prepareStream(scenario);
const stream = prepared.stream;
const models = modelInfos(loaded.effectiveCatalog, scenario.models);
const context = { models, seed: scenario.seed, baseDir: loaded.scenarioDir, file: SMALL };
const strategies = scenario.strategies.filter((config) => config.name !== 'oracle');
const base: MoveInputs = { ...worldInputsFromScenario(scenario, loaded.catalog), strategies };
const config = (name: string) => strategies.find((entry) => entry.name === name) as StrategyConfig;
const moveOf = (moves: Perturbation[], side: 'low' | 'high') =>
  moves.find((move) => move.side === side) as Perturbation;
/** Equal traffic over the small scenario's four domains. */
const weights = { 'chit-chat': 3, 'factual-qa': 3, code: 2, math: 2 } as const;

async function run(inputs: MoveInputs, name: string): Promise<RunResult> {
  return runUnit({
    stream,
    world: worldFromInputs(scenario, inputs, (index) => stream.hidden(index), prepared.outcomes),
    strategy: buildStrategy(inputs.strategies.find((entry) => entry.name === name) ?? config(name), context),
    models,
    label: name,
  });
}

function p50(result: RunResult): number {
  const answered = Array.from(result.columns.latency).filter(
    (_latency, index) => result.columns.status[index] === Status.answered,
  );
  return quantile(answered, 0.5) ?? Number.NaN;
}

describe('latency move (P5/P95 of each model’s own log-normal, Artificial Analysis P5–P95, realism-anchors §3)', () => {
  it('moves every median by 1.645 σ: slow TTFT with slow decoding on the high side, the opposite on the low', () => {
    const model = base.catalog.models[0] as ModelSpec;
    const high = movedLatency(model, 'high');
    const low = movedLatency(model, 'low');
    expect(high.ttftMedianMs).toBeCloseTo(model.ttftMedianMs * Math.exp(Z95 * model.ttftSigma), 9);
    expect(high.decodeTokensPerSecond).toBeCloseTo(
      model.decodeTokensPerSecond * Math.exp(-Z95 * model.decodeSigma),
      9,
    );
    expect(low.ttftMedianMs).toBeLessThan(model.ttftMedianMs);
    expect(low.decodeTokensPerSecond).toBeGreaterThan(model.decodeTokensPerSecond);
    expect({ ...high, ttftMedianMs: 0, decodeTokensPerSecond: 0 }).toEqual({
      ...model,
      ttftMedianMs: 0,
      decodeTokensPerSecond: 0,
    });
  });

  it('the slow side makes every strategy’s p50 slower, the fast side faster', async () => {
    const [low, high] = latencyPerturbations();
    for (const name of ['always-cheapest', 'random', 'rules', 'cascade']) {
      const [baseRun, slow, fast] = await Promise.all([
        run(base, name),
        run((high as Perturbation).apply(base), name),
        run((low as Perturbation).apply(base), name),
      ]);
      expect(p50(slow), name).toBeGreaterThan(p50(baseRun));
      expect(p50(fast), name).toBeLessThan(p50(baseRun));
    }
  });
});

describe('confidence moves', () => {
  const moves = confidencePerturbations(weights);
  const logprob = moves.filter((move) => move.id === 'logprob-auroc');
  const selfRated = moves.filter((move) => move.id === 'self-rated-auroc');

  for (const side of ['low', 'high'] as const) {
    it(`logprob AUROC at the ${side} end of 0.51–0.71 within ±0.02 (Xiong et al. 2024, Table 5)`, () => {
      const moved = moveOf(logprob, side).apply(base);
      for (const model of moved.catalog.models) {
        const setting = typicalSetting(model, moved.domains, weights);
        // Checked with the full quadrature (confidenceTheory), not the solver's own function.
        expect(
          Math.abs(confidenceTheory(model.confidence, setting).auroc - CONFIDENCE_BANDS.logprob[side]),
        ).toBeLessThan(0.02);
      }
    });

    it(`self-rated AUROC at the ${side} end of 0.51–0.63 within ±0.02, logprob untouched (Xiong et al. 2024, Table 2)`, () => {
      const moved = moveOf(selfRated, side).apply(base);
      moved.catalog.models.forEach((model, index) => {
        const original = base.catalog.models[index] as ModelSpec;
        const setting = typicalSetting(model, moved.domains, weights);
        const theory = confidenceTheory(model.confidence, setting);
        expect(Math.abs(theory.selfRatedAuroc - CONFIDENCE_BANDS['self-rated'][side]), model.id).toBeLessThan(
          0.02,
        );
        expect(model.confidence.kappa).toBe(original.confidence.kappa);
        expect(theory.auroc).toBeCloseTo(confidenceTheory(original.confidence, setting).auroc, 9);
      });
    });
  }

  it('the solver’s fast AUROC agrees with the full quadrature', () => {
    for (const model of base.catalog.models.slice(0, 2)) {
      for (const domain of ['factual-qa', 'math', 'code'] as const) {
        const setting = { accuracy: model.quality[domain].accuracy, sigma: base.domains[domain].sigma };
        expect(signalAuroc(model.confidence, setting, 'logprob')).toBeCloseTo(
          confidenceTheory(model.confidence, setting).auroc,
          6,
        );
      }
    }
  });

  it('a strategy that reads no logprob confidence runs identically under the logprob move (so its base run is reused)', async () => {
    const moved = moveOf(logprob, 'low').apply(base);
    expect(moveOf(logprob, 'low').affects(config('rules'))).toBe(false);
    const [before, after] = await Promise.all([run(base, 'rules'), run(moved, 'rules')]);
    for (const key of ['cost', 'score', 'latency', 'status', 'model', 'flags'] as const) {
      expect(after.columns[key]).toEqual(before.columns[key]);
    }
    // …while the cascade, which reads it, changes.
    const [cascadeBefore, cascadeAfter] = await Promise.all([run(base, 'cascade'), run(moved, 'cascade')]);
    expect(cascadeAfter.columns.cost).not.toEqual(cascadeBefore.columns.cost);
  });
});

describe('judge move (ε 0.10 / 0.30, Zheng et al. 2023 Table 5 and §3)', () => {
  const judge: StrategyConfig = { name: 'cascade', options: { confidence: 'judge' } };
  const wrapped: StrategyConfig = {
    name: 'availability',
    options: { inner: { name: 'cascade', options: { confidence: 'judge' } } },
  };
  const inputs: MoveInputs = { ...base, strategies: [config('rules'), judge, wrapped, config('cascade')] };

  it('sets ε on judge cascades (also one availability wraps) and nothing else', () => {
    const [low, high] = judgePerturbations() as [Perturbation, Perturbation];
    const moved = high.apply(inputs);
    expect(moved.strategies[0]).toBe(inputs.strategies[0]);
    expect(moved.strategies[1]?.options['epsilon']).toBe(0.3);
    expect(
      (moved.strategies[2]?.options['inner'] as { options: Record<string, unknown> } | undefined)?.options[
        'epsilon'
      ],
    ).toBe(0.3);
    expect(moved.strategies[3]).toBe(inputs.strategies[3]);
    expect(low.apply(inputs).strategies[1]?.options['epsilon']).toBe(0.1);
    expect(inputs.strategies.map((entry) => high.affects(entry))).toEqual([false, true, true, false]);
  });
});

describe('which moves a scenario gets', () => {
  it('reads the signal each config names', () => {
    expect(readsSignal(config('cascade'), 'logprob')).toBe(true);
    expect(readsSignal(config('cascade'), 'self-rated')).toBe(false);
    expect(readsSignal(config('availability'), 'logprob')).toBe(false);
    expect(readsSignal({ name: 'availability', options: { inner: 'cascade' } }, 'logprob')).toBe(true);
    expect(readsSignal({ name: 'mine', module: '/x.ts', options: {} }, 'self-rated')).toBe(true);
    for (const name of ['always-cheapest', 'random', 'rules', 'domain', 'learned']) {
      expect(readsSignal(config(name), 'logprob'), name).toBe(false);
    }
  });

  it('runs only the moves that can change a strategy and says why the others were skipped', () => {
    const selection = robustnessMoves(base, { weights, candidates: scenario.models });
    expect(selection.moves.map((move) => `${move.id}:${move.side}`)).toEqual([
      'latency:low',
      'latency:high',
      'logprob-auroc:low',
      'logprob-auroc:high',
    ]);
    expect(selection.skipped.map((entry) => `${entry.id}: ${entry.reason}`)).toEqual([
      'self-rated-auroc: no strategy reads self-rated certainty',
      'judge-epsilon: no judge cascade',
      'reasoning-effort: this build models no reasoning effort to move',
    ]);
  });

  it('adds the reasoning-effort move through its hook when a candidate reasons', () => {
    const hook = {
      reasons: (model: ModelSpec) => model.id === 'gpt-4o',
      withEffort: (model: ModelSpec, side: 'low' | 'high') => ({
        ...model,
        verbosity: side === 'high' ? 2 : 0.5,
      }),
      band: 'test band',
    };
    const selection = robustnessMoves(base, { weights, candidates: scenario.models, reasoning: hook });
    const high = selection.moves.find((move) => move.id === 'reasoning-effort' && move.side === 'high');
    expect(high).toBeDefined();
    const moved = (high as Perturbation).apply(base);
    expect(moved.catalog.models.map((model) => model.verbosity)).toEqual(
      base.catalog.models.map((model) => (model.id === 'gpt-4o' ? 2 : model.verbosity)),
    );
    const none = robustnessMoves(base, { weights, candidates: ['gpt-4o-mini'], reasoning: hook });
    expect(none.skipped.at(-1)?.reason).toBe('no candidate reasons');
  });
});
