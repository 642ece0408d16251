/** Robustness moves: the least certain assumptions of the world, each at both ends of its band. */
export {
  CONFIDENCE_BANDS,
  confidencePerturbations,
  typicalSetting,
  withSignalAuroc,
} from './confidence-moves.ts';
export { isJudgeCascade, JUDGE_EPSILON_BAND, judgePerturbations } from './judge-moves.ts';
export { latencyPerturbations, movedLatency, Z95 } from './latency-moves.ts';
export { type MoveInputs, mapModels, moveKey, type Perturbation, type Side } from './perturbation.ts';
export { type MoveOptions, type MoveSelection, robustnessMoves } from './perturbations.ts';
export { type ReasoningEffortHook, reasoningEffortPerturbations } from './reasoning-moves.ts';
export { readsSignal } from './signals-read.ts';
