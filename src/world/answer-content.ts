/**
 * What an answer says — its id, graded outcome and text — apart from how long it is, and the
 * empty answer of a reply cut before its first visible token. Its own module because both the
 * serving of a call (serve.ts) and the length split (reasoning-length.ts) once needed it, and
 * it lived in serve.ts, which imports reasoning-length.ts: a cycle.
 */
import type { Outcome } from '../contracts/index.ts';

/** What the answer says: filled in once its length is known. */
export interface AnswerContent {
  id: string;
  outcome: Outcome;
  text: string;
  ungraded: boolean;
  judgeOf?: string;
}

/**
 * An answer cut before its first visible token: empty text, and wrong whatever the quality
 * model drew (there is no answer to grade). Its confidence signals stay as drawn: the
 * provider still returns logprobs of nothing, and a router sees an empty reply.
 */
export function emptyAnswer(content: AnswerContent): AnswerContent {
  const { outcome } = content;
  return {
    ...content,
    text: '',
    outcome: {
      ...outcome,
      correct: false,
      score: 0,
      answerId: outcome.answerId === 0 ? 1 : outcome.answerId,
    },
  };
}
