/**
 * The world's interface as its callers see it (engine, mocks, learn): World, its Ledger of
 * answered calls, judge results and recorded outcomes. The implementation is src/world/world.ts.
 */

import type { AnsweredCall, CallError, CallInput, CallResult, FaultWindow } from './call.ts';
import type { Catalog, ModelSpec } from './catalog.ts';

/**
 * Flip probability ε of a judge call that sets none (RouteContext.judge, the cascade's option, the
 * mocks' judge header): 1 − 0.85, the GPT-4 judge's agreement with human experts on non-tie
 * MT-Bench verdicts (Zheng et al. 2023, arXiv 2306.05685, Table 5: 85%, n = 859;
 * Arena Table 6: 87%; realism-anchors.md §1d). Optimistic for math graded without a reference
 * answer, where the same paper's §3 finds GPT-4 failing 70% of 20 questions (30% with CoT, 15% with a
 * reference): a scenario judging math should set ε higher (the judge-ε study shows the cost of that).
 */
export const DEFAULT_JUDGE_EPSILON = 0.15;

/** A judge call: priced and timed like any call; its verdict is the truth flipped with probability ε. */
export type JudgeResult =
  | { ok: true; call: AnsweredCall; verdict: boolean }
  | { ok: false; error: CallError };

/** Every answered call, by response id. */
export interface Ledger {
  get(responseId: string): AnsweredCall | undefined;
  readonly size: number;
  entries(): IterableIterator<AnsweredCall>;
  /** Drop the entries of a finished request (bounded memory in long runs). */
  forgetRequest(requestIndex: number): void;
}

export interface World {
  readonly seed: number;
  /** The effective catalog (scenario overrides applied). */
  readonly catalog: Catalog;
  readonly ledger: Ledger;
  model(id: string): ModelSpec | undefined;
  /** Fault windows in force (fixed and MTBF/MTTR-drawn), for reports. */
  readonly faults: readonly FaultWindow[];
  /** Answer one call. Calls must arrive in non-decreasing startMs. Pure given the call sequence. */
  call(input: CallInput): CallResult;
  /** Ask `input.model` to judge `answer`; ε = flip probability. */
  judge(input: CallInput, answer: AnsweredCall, epsilon: number): JudgeResult;
  /** Forget per-request state (sample counters, ledger entries) once a request is done. */
  release(requestIndex: number): void;
}

// ── Recorded outcomes (replay) ─────────────────────────────────────────────

/**
 * Outcomes looked up instead of drawn: a per-prompt table replayed as traffic (RouteLLM's CSV,
 * MT-Bench judgements, a JSONL of scores, or labels in a team's own log). Added for replay.
 */
export interface OutcomeSource {
  /**
   * Recorded score in [0, 1] of catalog model `model` answering request `requestIndex` for the
   * `sample`-th time; undefined = nothing recorded, the quality model draws the outcome.
   */
  score(requestIndex: number, model: string, sample: number): number | undefined;
}
