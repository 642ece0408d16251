/**
 * Judge calls on the wire. A real judge is just another chat completion, so a simulated one is
 * too: an ordinary POST to the judge model (`/chat/completions` or Anthropic's `/v1/messages`)
 * that carries two routesim headers —
 *
 * - `x-routesim-judge-of`: the response id of the answer to judge (the `id` of an answer this
 *   request received, e.g. "rs-42-1a2b3c4d-0");
 * - `x-routesim-judge-epsilon`: the flip probability ε in [0, 1] (optional, default 0.15).
 *
 * The body's messages are the request's own prompt, not a transcript with the answer pasted in:
 * the judge reads the judged answer from the provider's record, and the world counts its tokens
 * into the judge's prompt (world.judge). The mocks then answer from `world.judge` instead of
 * `world.call` — admitted, rate-limited, queued, timed and priced like any call — with the text
 * "Verdict: correct." or "Verdict: incorrect.": the truth flipped with probability ε, never the
 * truth itself. An id that is not an answer to this request is a 404, as the direct engine
 * answers (src/engine/judge-call.ts). The wire engine sends these headers for `context.judge`;
 * a user router's own client may send them the same way.
 */

import type { CallInput, CallResult, World } from '../contracts/index.ts';
import { DEFAULT_JUDGE_EPSILON } from '../contracts/index.ts';
import { judgeByResponseId } from '../world/judge-lookup.ts';

/** Header naming the judged response id. */
export const JUDGE_OF_HEADER = 'x-routesim-judge-of';
/** Header carrying the judge's flip probability ε, a decimal in [0, 1]. */
export const JUDGE_EPSILON_HEADER = 'x-routesim-judge-epsilon';

/** What a judge request asks for. */
export interface JudgeRequest {
  /** Response id of the judged answer. */
  of: string;
  /** Flip probability, [0, 1]. */
  epsilon: number;
}

export type JudgeHeaders = { ok: true; judge: JudgeRequest | undefined } | { ok: false; message: string };

/** The judge headers of a request: absent (an ordinary call), a judge request, or what is wrong. */
export function readJudgeHeaders(headers: Headers): JudgeHeaders {
  const of = headers.get(JUDGE_OF_HEADER);
  const epsilonText = headers.get(JUDGE_EPSILON_HEADER);
  if (of === null || of === '') {
    if (epsilonText === null) return { ok: true, judge: undefined };
    return { ok: false, message: `${JUDGE_EPSILON_HEADER} was sent without ${JUDGE_OF_HEADER}.` };
  }
  if (epsilonText === null) return { ok: true, judge: { of, epsilon: DEFAULT_JUDGE_EPSILON } };
  const epsilon = epsilonText.trim() === '' ? Number.NaN : Number(epsilonText);
  if (!(epsilon >= 0 && epsilon <= 1)) {
    return {
      ok: false,
      message: `Invalid '${JUDGE_EPSILON_HEADER}': expected a number in [0, 1], got '${epsilonText}'.`,
    };
  }
  return { ok: true, judge: { of, epsilon } };
}

/** The headers that make a call a judge call (ε as the shortest decimal that reads back exactly). */
export function judgeHeaders(judge: JudgeRequest): Record<string, string> {
  return { [JUDGE_OF_HEADER]: judge.of, [JUDGE_EPSILON_HEADER]: String(judge.epsilon) };
}

/** Ask the world for a judge call's verdict; the same checks and result as the direct engine. */
export function judgeWorld(world: World, input: CallInput, judge: JudgeRequest): CallResult {
  return judgeByResponseId(world, input, judge.of, judge.epsilon);
}
