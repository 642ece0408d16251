/**
 * What an answer says — its id, graded outcome and text — apart from how long it is, and the
 * empty answer of a reply cut before its first visible token. Its own module because both the
 * serving of a call (serve.ts) and the world (world.ts) need it, and serve.ts is imported by the
 * world: a cycle otherwise.
 */
import type { AnsweredCall, Outcome } from '../contracts/index.ts';

/** A served call's outcome until describeAnswer fills it in (never seen outside the world). */
export const PENDING_OUTCOME: Outcome = Object.freeze({
  margin: Number.NaN,
  correct: false,
  score: 0,
  answerId: 0,
  logprobConfidence: Number.NaN,
  selfRatedCertainty: Number.NaN,
});

/** Visible tokens of a served call: its completion tokens past the hidden reasoning. */
export function visibleTokensOf(call: AnsweredCall): number {
  return call.usage.completionTokens - call.usage.reasoningTokens;
}

/**
 * Fill in what a served call's answer says: id, outcome, text, ungraded and (a judge's) judgeOf.
 * A reply cut before its first visible token says nothing: empty text, and wrong whatever the
 * quality model drew (there is no answer to grade). Its confidence signals stay as drawn: the
 * provider still returns logprobs of nothing, and a router sees an empty reply.
 */
export function describeAnswer(
  call: AnsweredCall,
  id: string,
  outcome: Outcome,
  /** The answer's text; unused (and best not built) when the reply has no visible token. */
  text: string | undefined,
  ungraded: boolean,
): void {
  call.id = id;
  call.ungraded = ungraded;
  if (visibleTokensOf(call) === 0) {
    call.outcome = {
      ...outcome,
      correct: false,
      score: 0,
      answerId: outcome.answerId === 0 ? 1 : outcome.answerId,
    };
    call.text = '';
  } else {
    call.outcome = outcome;
    call.text = text ?? '';
  }
}
