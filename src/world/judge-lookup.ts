/**
 * A judge call by reference: the judged answer is named by its response id (the direct engine's
 * judge calls and the wire mocks' `x-routesim-judge-of` header both land here), so both engines
 * refuse the same cases the same way.
 */
import type { CallInput, CallResult, World } from '../contracts/index.ts';

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
