/**
 * The judge's flip probability ε at 0.10 and 0.30: GPT-4 as a judge agrees with human experts on
 * 85% of non-tie MT-Bench pairs (ε ≈ 0.13–0.17; Zheng et al. 2023, arXiv 2306.05685, Table 5) and
 * fails 30% of math gradings even with chain-of-thought (§3) — 0.10 is a judge a little better
 * than GPT-4 on chat, 0.30 one grading math without a reference. ε is a cascade option (the world
 * flips each verdict with the probability the call carries), so the move sets it on every
 * built-in judge cascade and changes nothing else.
 */
import { builtInNameOf } from '../scenario/strategy-names.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import type { Perturbation } from './perturbation.ts';
import { innerConfigOf, readsSignal } from './signals-read.ts';

export const JUDGE_EPSILON_BAND = { low: 0.1, high: 0.3 } as const;

/** A built-in cascade whose confidence is a judge. */
export function isJudgeCascade(config: StrategyConfig): boolean {
  return (
    config.module === undefined &&
    builtInNameOf(config) === 'cascade' &&
    config.options['confidence'] === 'judge'
  );
}

/** `config` with ε set on it, or on the judge cascade availability wraps; anything else unchanged. */
export function withJudgeEpsilon(config: StrategyConfig, epsilon: number): StrategyConfig {
  if (isJudgeCascade(config)) return { ...config, options: { ...config.options, epsilon } };
  const inner = innerConfigOf(config);
  if (inner === undefined || !isJudgeCascade(inner)) return config;
  const moved = withJudgeEpsilon(inner, epsilon);
  return { ...config, options: { ...config.options, inner: { name: moved.name, options: moved.options } } };
}

export function judgePerturbations(): Perturbation[] {
  return (['low', 'high'] as const).map((side) => {
    const epsilon = JUDGE_EPSILON_BAND[side];
    return {
      id: 'judge-epsilon',
      assumption: 'judge flip probability ε',
      side,
      setting: `ε = ${epsilon} for every judge cascade`,
      band: 'ε 0.10–0.30: GPT-4 judge 85% non-tie agreement (Zheng et al. 2023, Table 5) to 30% math failures with CoT (§3)',
      apply: (inputs) => ({
        ...inputs,
        strategies: inputs.strategies.map((config) => withJudgeEpsilon(config, epsilon)),
      }),
      // A user's module cannot be given an ε: only built-in judge cascades (also wrapped) move.
      affects: (config) => config.module === undefined && readsSignal(config, 'judge'),
    };
  });
}
