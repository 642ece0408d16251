/**
 * A judge call by reference: the judged answer is named by its response id (the direct engine's
 * judge calls and the wire mocks' `x-routesim-judge-of` header both land here), so both engines
 * refuse the same cases the same way.
 */
import type { CallInput, CallResult, World } from '../contracts/index.ts';

/**
 * Flip probability of a judge call that sets none: 1 − 0.85, the GPT-4 judge's agreement with human
 * experts on non-tie MT-Bench verdicts (Zheng et al. 2023, arXiv 2306.05685, Table 5: 85%, n = 859;
 * Arena Table 6: 87%; realism-anchors.md §1d). Optimistic for math graded without a reference
 * answer, where the same paper's §3 finds GPT-4 failing 70% of 20 questions (30% with CoT, 15% with a
 * reference): a scenario judging math should set ε higher (the judge-ε study shows the cost of that).
 */
export const DEFAULT_JUDGE_EPSILON = 0.15;

/**
 * What the world answers to an admitted judge call of answer `judgeOf`. A response id that is not
 * an answer this request received (unknown, another request's, or itself a verdict) is a 404, as a
 * provider would answer a reference it does not know — a strategy bug shows in the decision log.
 */
export function judgeByResponseId(
  world: World,
  input: CallInput,
  judgeOf: string,
  epsilon: number,
): CallResult {
  const answer = world.ledger.get(judgeOf);
  if (answer === undefined || answer.requestIndex !== input.requestIndex || answer.judgeOf !== undefined) {
    return {
      ok: false,
      error: {
        kind: 'not_found',
        status: 404,
        message: `judge: ${judgeOf} is not an answer to this request`,
        atMs: input.startMs,
      },
    };
  }
  const result = world.judge(input, answer, epsilon);
  return result.ok ? { ok: true, call: result.call } : result;
}
